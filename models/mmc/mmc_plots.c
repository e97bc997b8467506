/* mmc_plots.c — the M/M/c model's figures and display labels. */
#include "mmc_config.h"
#include "mmc_model.h"
#include "sim_report.h"

static const char *const queue_series[] = {"queue", NULL};
static const char *const wait_dist[] = {"wait_min", NULL};
static const char *const rates[] = {"wait_prob", "within_limit_rate", "utilization", NULL};
static const char *const wait_kpi[] = {"mean_wait_min", NULL};
static const char *const sweep_kpis[] = {"mean_wait_min", "within_limit_rate", "utilization", NULL};
static const char *const differences[] = {"mean_wait_min", "p90_wait_min", "wait_prob", "within_limit_rate",
                                          "mean_queue", NULL};

static const sim_fig_spec figs[] = {
    {SIM_FIG_FOREST, "differences", {"Differences from the baseline (paired, same random numbers)",
                                     "与基准情景的差值（配对，公共随机数）"},
     {"change from the baseline (% of its value)", "相对基准的变化（占基准值的%）"}, {"", ""}, differences},
    {SIM_FIG_SERIES, "queue", {"Customers waiting over time", "排队人数随时间变化"},
     {"time (days)", "时间（天）"}, {"customers waiting", "排队人数"}, queue_series},
    {SIM_FIG_CDF, "wait_cdf", {"Distribution of the wait in the queue", "排队等待时间分布"},
     {"wait (minutes, log scale)", "等待时间（分钟，对数刻度）"}, {"share of customers served", "已开始服务的比例"},
     wait_dist},
    {SIM_FIG_BARS, "rates", {"Waiting, service level and utilisation", "等待概率、服务水平与利用率"},
     {"", ""}, {"share (%)", "比例（%）"}, rates},
    {SIM_FIG_GROUPS, "wait_by_class", {"Mean wait by customer class", "各类顾客平均等待时间"},
     {"customer class", "顾客类别"}, {"mean wait (minutes)", "平均等待（分钟）"}, wait_kpi},
    {SIM_FIG_SWEEP, "sweep", {NULL, NULL},
     {NULL, NULL}, {NULL, NULL}, sweep_kpis},
};

static const sim_label labels[] = {
    {"customers", {"customers", "顾客数"}},
    {"mean_wait_min", {"mean wait (min)", "平均等待（分钟）"}},
    {"p90_wait_min", {"90th percentile wait (min)", "90%分位等待（分钟）"}},
    {"wait_prob", {"had to wait", "需要等待的比例"}},
    {"within_limit_rate", {"served within the limit", "限时内开始服务"}},
    {"mean_sojourn_min", {"mean time in system (min)", "平均逗留时间（分钟）"}},
    {"utilization", {"server utilisation", "服务台利用率"}},
    {"mean_queue", {"mean queue length", "平均队长"}},
    {"queue", {"customers waiting", "排队人数"}},
    {"busy", {"busy servers", "忙碌服务台数"}},
    {"served", {"customers served", "已服务人数"}},
    {"wait_min", {"wait (min)", "等待时间（分钟）"}},
    {"all", {"all", "全部"}},
    {"urgent", {"urgent", "紧急"}},
    {"routine", {"routine", "普通"}},
    {"servers", {"servers", "服务台数"}},
};

static size_t marks(const void *config, const char *dist, double *at, size_t max)
{
    (void)dist;
    if (max < 1)
        return 0;
    at[0] = ((const mmc_config *)config)->wait_limit_min;
    return 1;
}

const sim_plot_spec mmc_plots = {
    figs, sizeof figs / sizeof figs[0], labels, sizeof labels / sizeof labels[0], marks,
    {"wait limit", "等待时限"}, {"min", "分钟"},
    NULL, 0,
    1.0 / 24.0, /* series in days, the model in hours */
};

const char *const mmc_headline[] = {"customers", "mean_wait_min", "p90_wait_min", "wait_prob",
                                    "within_limit_rate", "utilization", "mean_queue", NULL};

static const char *const report_kpis[] = {"mean_wait_min", "within_limit_rate", "utilization", NULL};

static const sim_label report_notes[] = {
    {"mean_wait_min", {"time in the queue before service", "开始服务前的排队时间"}},
    {"within_limit_rate", {"service started within the wait limit", "在等待时限内开始服务"}},
    {"utilization", {"share of server time spent serving", "服务台忙碌时间占比"}},
};

const sim_report_spec mmc_report = {
    report_kpis, {"Waiting and service level", "等待与服务水平"},
    report_notes, sizeof report_notes / sizeof report_notes[0], NULL, 0,
};
