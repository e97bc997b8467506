/* gov_plots.c — the governance model's figures, display labels and headline KPIs. */
#include <math.h>

#include "gov.h"
#include "sim_report.h"

static const char *const backlog[] = {"backlog", NULL};
static const char *const open_dept[] = {"open_department", NULL};
static const char *const resolution[] = {"resolution_h", NULL};
static const char *const rates[] = {"response_rate", "resolution_rate", "satisfaction_rate", NULL};
static const char *const by_class[] = {"resolution_rate", NULL};
static const char *const sat_by_class[] = {"satisfaction_rate", NULL};
static const char *const time_by_class[] = {"mean_resolution_h", NULL};
/* utilisation only: overtime is a share of working hours, not a utilisation,
 * and stays in the table of every KPI */
static const char *const load[] = {"utilization_grid", "utilization_community", "utilization_street",
                                   "utilization_department", "utilization_hotline", NULL};
static const char *const differences[] = {"response_rate", "resolution_rate", "satisfaction_rate",
                                          "mean_response_min", "mean_resolution_h", "p90_resolution_h",
                                          "backlog_mean", "utilization_community", "admin_hours_per_worker_week",
                                          "equity_gap_resolution", "cost_per_year", "cost_per_resolved_case",
                                          NULL};
static const char *const sweep_kpis[] = {"resolution_rate", "response_rate", "satisfaction_rate", NULL};

static const sim_fig_spec figs[] = {
    {SIM_FIG_FOREST, "differences", {"Differences from the baseline (paired, same random numbers)",
                                     "与基准情景的差值（配对，公共随机数）"},
     {"change from the baseline (% of its value)", "相对基准的变化（占基准值的%）"}, {"", ""}, differences},
    {SIM_FIG_SERIES, "backlog", {"Open cases over time", "积压案件数随时间变化"},
     {"time (days)", "时间（天）"}, {"open cases", "未办结案件数"}, backlog},
    {SIM_FIG_SERIES, "open_department", {"Cases at departments over time", "部门在办案件数"},
     {"time (days)", "时间（天）"}, {"cases at departments", "部门在办案件数"}, open_dept},
    {SIM_FIG_CDF, "resolution_cdf", {"Time to resolve a case", "案件办结时间分布"},
     {"time to resolve (hours, log scale)", "办结时间（小时，对数刻度）"}, {"share of resolved cases", "已办结案件比例"},
     resolution},
    {SIM_FIG_BARS, "rates", {"Response, resolution and satisfaction", "响应率、解决率、满意率"},
     {"", ""}, {"rate (%)", "比率（%）"}, rates},
    {SIM_FIG_GROUPS, "resolution_by_class", {"Resolution rate by area class", "各类地区解决率"},
     {"area class", "地区类型"}, {"resolution rate (%)", "解决率（%）"}, by_class},
    {SIM_FIG_GROUPS, "satisfaction_by_class", {"Satisfaction rate by area class", "各类地区满意率"},
     {"area class", "地区类型"}, {"satisfaction rate (%)", "满意率（%）"}, sat_by_class},
    {SIM_FIG_GROUPS, "resolution_time_by_class", {"Mean time to resolve by area class", "各类地区平均办结时间"},
     {"area class", "地区类型"}, {"hours", "小时"}, time_by_class},
    {SIM_FIG_BARS, "load_by_role", {"Utilisation per role", "各岗位利用率"},
     {"", ""}, {"busy share of working hours (%)", "忙碌时间占工作时间比例（%）"}, load},
    {SIM_FIG_SWEEP, "sweep", {NULL, NULL},
     {NULL, NULL}, {NULL, NULL}, sweep_kpis},
};

static const sim_label labels[] = {
    {"cases_total", {"cases", "案件数"}},
    {"response_rate", {"response rate", "响应率"}},
    {"resolution_rate", {"resolution rate", "解决率"}},
    {"satisfaction_rate", {"satisfaction rate", "满意率"}},
    {"mean_response_min", {"mean time to respond (min)", "平均响应时间（分钟）"}},
    {"mean_resolution_h", {"mean time to resolve (h)", "平均办结时间（小时）"}},
    {"p50_resolution_h", {"median time to resolve (h)", "办结时间中位数（小时）"}},
    {"p90_resolution_h", {"90th percentile time to resolve (h)", "办结时间90%分位（小时）"}},
    {"p99_resolution_h", {"99th percentile time to resolve (h)", "办结时间99%分位（小时）"}},
    {"backlog_mean", {"mean backlog", "平均积压"}},
    {"backlog_end", {"backlog at the end", "期末积压"}},
    {"repeat_contact_rate", {"repeat contacts per case", "重复诉求率"}},
    {"duplicate_dispatch_share", {"duplicate dispatch work", "重复派单工作占比"}},
    {"utilization_grid", {"grid workers", "网格员"}},
    {"utilization_community", {"community workers", "社区工作者"}},
    {"utilization_department", {"departments", "职能部门"}},
    {"utilization_hotline", {"12345 call-takers", "12345话务员"}},
    {"utilization_street", {"street command", "街道指挥中心"}},
    {"overtime_share", {"overtime", "加班"}},
    {"turnover_per_year", {"turnover per year", "年流失率"}},
    {"cost_per_year", {"cost per year (yuan)", "年成本（元）"}},
    {"cost_per_resolved_case", {"cost per resolved case (yuan)", "每件办结成本（元）"}},
    {"equity_gap_resolution", {"equity gap in resolution", "解决率地区差距"}},
    {"backlog", {"open cases", "未办结案件"}},
    {"open_department", {"cases at departments", "部门在办案件"}},
    {"resolution_h", {"time to resolve (h)", "办结时间（小时）"}},
    {"all", {"all", "全部"}},
    {"urban", {"urban", "城市地区"}},
    {"fringe", {"urban-rural fringe", "城乡结合部"}},
    {"rural", {"rural", "农村地区"}},
};

/* The distinct time limits of the categories, shortest first (at most max). */
static size_t marks(const void *config, const char *dist, double *at, size_t max)
{
    (void)dist;
    const gov_config *cfg = config;
    size_t n = 0;
    for (size_t i = 0; i < cfg->n_categories; i++) {
        double t = cfg->categories[i].time_limit;
        size_t j = 0;
        while (j < n && at[j] != t)
            j++;
        if (j < n || n == max)
            continue;
        /* insertion in order */
        size_t k = n++;
        while (k > 0 && at[k - 1] > t) {
            at[k] = at[k - 1];
            k--;
        }
        at[k] = t;
    }
    return n;
}

/* Table labels where the figure's short legend would be ambiguous in a list of KPIs. */
static const sim_label report_labels[] = {
    {"utilization_grid", {"utilisation: grid workers", "网格员利用率"}},
    {"utilization_community", {"utilisation: community workers", "社区工作者利用率"}},
    {"utilization_department", {"utilisation: departments", "职能部门利用率"}},
    {"utilization_hotline", {"utilisation: 12345 call-takers", "12345话务员利用率"}},
    {"utilization_street", {"utilisation: street command", "街道指挥中心利用率"}},
    {"overtime_share", {"overtime share of working hours", "加班时间占比"}},
    {"cases_resolved", {"cases resolved", "办结案件数"}},
    {"cases_abandoned", {"cases abandoned by the resident", "群众放弃的案件数"}},
    {"cases_open_end", {"cases still open at the end", "期末未办结案件数"}},
    {"admin_hours_per_worker_week", {"admin hours per community worker per week", "社区工作者每周行政事务时数"}},
    {"onsite_in_limit_rate", {"urgent cases with staff on site in time", "紧急案件按时到场率"}},
    {"all", {"all areas", "全部地区"}},
    {"urban", {"urban areas", "城市地区"}},
};

const sim_plot_spec gov_plots = {
    figs, sizeof figs / sizeof figs[0], labels, sizeof labels / sizeof labels[0], marks,
    {"time limits", "办理时限"}, {"h", "小时"},
    report_labels, sizeof report_labels / sizeof report_labels[0],
    1.0 / 24.0, /* series in days, the model in hours */
};

const char *const gov_headline[] = {"cases_total", "response_rate", "resolution_rate",
                                    "satisfaction_rate", "mean_response_min", "mean_resolution_h",
                                    "p90_resolution_h", "backlog_mean", "utilization_grid",
                                    "utilization_community", "utilization_department",
                                    "overtime_share", "cost_per_resolved_case", NULL};

/* report.html: the three rates the governance debate is about (响应率、解决率、满意率). */
static const char *const report_rates[] = {"response_rate", "resolution_rate", "satisfaction_rate",
                                           "mean_resolution_h", "cost_per_resolved_case", NULL};

static const sim_label report_notes[] = {
    {"response_rate", {"first contact within the response limit", "在响应时限内首次联系"}},
    {"resolution_rate", {"closed within the time limit", "在办理时限内办结"}},
    {"satisfaction_rate", {"satisfied at follow-up", "回访满意"}},
};


const sim_report_spec gov_report = {
    report_rates, {"Headline results", "核心结果"},
    report_notes, sizeof report_notes / sizeof report_notes[0],
    report_labels, sizeof report_labels / sizeof report_labels[0],
};
