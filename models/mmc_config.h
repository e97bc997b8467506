/* mmc_config.h — the M/M/c configuration, shared by the model and its loader. */
#ifndef MMC_CONFIG_H
#define MMC_CONFIG_H

enum { MMC_PRIO_NONE, MMC_PRIO_URGENT_FIRST };

typedef struct mmc_config {
    char *name;
    double lambda, mu; /* per hour */
    unsigned servers;
    double horizon, warmup; /* hours */
    double urgent_share;
    int priority;
    double wait_limit_min;
} mmc_config;

#endif
