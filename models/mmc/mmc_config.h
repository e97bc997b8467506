/* mmc_config.h — the M/M/c configuration, shared by the model and its loader. */
#ifndef MMC_CONFIG_H
#define MMC_CONFIG_H

enum { MMC_PRIO_NONE, MMC_PRIO_URGENT_FIRST };

/* Bound by the scenario language from mmc_schema (mmc_load.c): field names,
 * units, defaults and ranges are declared there once. */
typedef struct mmc_config {
    char *name;
    int model;        /* always "mmc" */
    char *description;
    double lambda, mu; /* per hour */
    int servers;
    double horizon, warmup; /* hours */
    double urgent_share;
    int priority;
    double wait_limit_min;
} mmc_config;

#endif
