/*
 * sim_report_style.h — the style sheet and the fixed words of report.html
 * (internal to sim/; used by sim_report.c).
 *
 * Layout targets: a 1366×768 projector (the header, the question and the
 * headline numbers above the fold; one figure per screen height) and A4 paper
 * (print rules: smaller type, no backgrounds lost, figures and table rows not
 * split across pages, table heads repeated).
 */
#ifndef SIM_REPORT_STYLE_H
#define SIM_REPORT_STYLE_H

/* The colours gnuplot gives lines 1, 2, 3, ... (its default colour sequence,
 * which sim_plot.c uses as lc 1, 2, ... per configuration), so a swatch next to
 * a scenario's name matches its colour in every figure. */
static const char *const report_palette[] = {
    "#9400d3", "#009e73", "#56b4e9", "#e69f00", "#f0e442", "#0072b2", "#e51e10", "#000000",
};
#define REPORT_PALETTE_N (sizeof report_palette / sizeof report_palette[0])

static const char report_css[] =
    ":root{--ink:#1b1f24;--muted:#5b6470;--line:#d5dae1;--soft:#f3f5f8;--accent:#1d4f7c;"
    "--sig:#0a6b47;--bad:#b42318;--sans:\"Segoe UI\",\"Helvetica Neue\",Arial,\"Noto Sans\",\"DejaVu Sans\","
    "\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"Microsoft YaHei\",\"PingFang SC\",sans-serif;"
    "--mono:\"DejaVu Sans Mono\",Consolas,\"Courier New\",monospace}\n"
    ":lang(zh){--sans:\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"Microsoft YaHei\","
    "\"PingFang SC\",\"Segoe UI\",Arial,\"DejaVu Sans\",sans-serif}\n"
    "*{box-sizing:border-box}\n"
    "html{font-size:17px;-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
    "body{margin:0;color:var(--ink);background:#fff;font-family:var(--sans);line-height:1.45}\n"
    ".wrap{max-width:1280px;margin:0 auto;padding:0 32px}\n"
    "header.top{background:var(--accent);color:#fff;padding:10px 0 4px}\n"
    ".kicker{margin:0;font-size:.85rem;letter-spacing:.06em;text-transform:uppercase;opacity:.85}\n"
    "h1{font-size:1.75rem;line-height:1.25;margin:.2rem 0 .6rem;font-weight:700}\n"
    "h1 .vs{font-weight:400;opacity:.7;font-size:1.3rem;margin:0 .35em}\n"
    "h1 .sw{border:2px solid #fff}\n"
    "h1 .nm{display:inline-block}\n"
    ".meta{display:flex;flex-wrap:wrap;gap:.3rem 2.2rem;margin:0}\n"
    ".meta div{min-width:6rem}\n"
    ".meta dt{font-size:.72rem;text-transform:uppercase;letter-spacing:.06em;color:var(--muted)}\n"
    ".meta dd{margin:0;font-weight:600}\n"
    ".cmd{margin:.7rem 0 0;font-size:.8rem}\n"
    ".cmd span{opacity:.8;margin-right:.5em}\n"
    ".cmd code{font-family:var(--mono);background:var(--soft);padding:.15rem .45rem;"
    "border-radius:3px;overflow-wrap:anywhere}\n"
    "main{padding-bottom:40px}\n"
    "h2{font-size:1.4rem;color:var(--accent);border-bottom:2px solid var(--accent);"
    "padding-bottom:.15rem;margin:1.6rem 0 .8rem}\n"
    "section:first-of-type h2{margin-top:.8rem}\n"
    "h2 .n{display:inline-block;min-width:1.5em;opacity:.6}\n"
    "table{border-collapse:collapse;width:100%}\n"
    "th,td{padding:.32rem .6rem;border-bottom:1px solid var(--line);text-align:left;"
    "vertical-align:top}\n"
    "thead th{border-bottom:2px solid var(--ink);font-size:.9rem}\n"
    "tbody th{font-weight:600}\n"
    "code.path{display:block;font-family:var(--mono);font-size:.72rem;color:var(--muted);"
    "font-weight:400}\n"
    "small.file{display:block;font-weight:400;color:var(--muted);font-size:.75rem}\n"
    ".muted{color:var(--muted);font-style:italic}\n"
    ".sw{display:inline-block;width:.8em;height:.8em;border-radius:2px;margin-right:.4em;"
    "vertical-align:baseline}\n"
    ".note{color:var(--muted);font-size:.85rem;margin:.5rem 0}\n"
    ".answer{background:#e8f3ec;border-left:5px solid var(--sig);padding:.5rem .9rem;"
    "margin:0 0 1rem;font-size:1.05rem}\n"
    ".answer.no{background:#fbeee9;border-left-color:#b3441e}\n"
    "table.compared td,table.compared th{font-size:1rem}\n"
    "table.compared td{font-weight:600}\n"
    "table.compared{table-layout:fixed}\n"
    "table.compared th,table.compared td{overflow-wrap:anywhere;word-break:normal}\n"
    "table.compared tr>th:first-child{width:26%}\n"
    "table.rates th,table.rates td{border-bottom:1px solid var(--line);padding:.4rem .6rem}\n"
    "table.rates thead th{font-size:1rem}\n"
    "table.rates thead th small{display:block;font-weight:400;color:var(--muted);"
    "font-size:.78rem}\n"
    "table.rates tbody th{font-size:1.05rem;vertical-align:middle;width:14%}\n"
    ".big{font-size:1.9rem;font-weight:700;line-height:1.05;font-variant-numeric:tabular-nums;"
    "white-space:nowrap}\n"
    ".big .u{font-size:1.3rem;font-weight:600;margin-left:.1em}\n"
    ".ci{color:var(--muted);font-size:.95rem;white-space:nowrap}\n"
    ".diff{margin-top:.25rem;font-size:.9rem}\n"
    ".badge{display:inline-block;font-size:.72rem;font-weight:700;padding:.05rem .45rem;"
    "border-radius:3px;margin-left:.35rem;vertical-align:1px;text-transform:uppercase;"
    "letter-spacing:.03em}\n"
    ".badge.sig,.badge.better{background:var(--sig);color:#fff}\n"
    ".badge.worse{background:var(--bad);color:#fff}\n"
    ".badge.small{background:#e4e7ec;color:#344054}\n"
    ".verdict p{font-size:1.05rem;margin:.2rem 0 .35rem}\n"
    ".verdict p.note{font-size:.8rem}\n"
    ".verdict span.better strong{color:var(--sig)}\n"
    ".verdict span.worse strong{color:var(--bad)}\n"
    ".badge.ns{border:1px solid var(--muted);color:var(--muted)}\n"
    ".badge.base{background:var(--soft);color:var(--muted)}\n"
    "figure{margin:0 0 1.2rem;break-inside:avoid;page-break-inside:avoid}\n"
    "figure svg{display:block;width:100%;height:auto;max-width:150vh;margin:0 auto}\n"
    "figure svg [font-family]{font-family:var(--sans)}\n"
    ".warn{background:#fbeee9;border-left:5px solid #b3441e;padding:.5rem .9rem}\n"
    ".scroll{overflow-x:auto}\n"
    "table.kpis td.num,table.kpis th.num{text-align:right;white-space:nowrap;"
    "font-variant-numeric:tabular-nums}\n"
    "table.kpis td.num{font-size:.95rem}\n"
    "table.kpis thead th{white-space:normal;vertical-align:bottom}\n"
    "table.kpis thead th small{display:block;font-weight:400;color:var(--muted);font-size:.75rem}\n"
    "table.kpis tbody th{min-width:15rem}\n"
    "table.kpis td.better{font-weight:700;color:var(--sig)}\n"
    "table.kpis td.worse{font-weight:700;color:var(--bad)}\n"
    "table.kpis td.small{color:var(--muted)}\n"
    "table.kpis tr.group th{background:var(--soft);font-size:1rem;color:var(--accent);"
    "border-bottom:1px solid var(--accent);padding-top:.5rem}\n"
    "table.kpis tbody th{font-weight:500;font-size:.92rem}\n"
    "footer{margin-top:2rem;color:var(--muted);font-size:.82rem;border-top:1px solid var(--line);"
    "padding-top:.6rem}\n"
    "footer p{margin:.3rem 0}\n"
    "@page{size:A4;margin:14mm 12mm}\n"
    "@media print{html{font-size:10.5pt}.wrap{max-width:none;padding:0}"
    "header.top{padding:10px 12px;border-radius:4px}"
    "h2{break-after:avoid;page-break-after:avoid}"
    "figure svg{max-width:100%}"
    ".big{font-size:22pt}tr{break-inside:avoid;page-break-inside:avoid}"
    ".scroll{overflow:visible}section#compared,section#kpis{break-before:page;page-break-before:always}}\n";

#endif
