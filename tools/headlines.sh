#!/bin/sh
# Rerun every shipped governance scenario and comparison with the settings
# scenarios/README.md states, and print their headline numbers as Markdown, so
# the README's "today" figures can be refreshed when the model changes.
#
#   tools/headlines.sh [--reps N] [--seed S] [--only NAME]   (NAME: default, ordos, beijing,
#                                                            tongzhou, chengdu, multi, surge, plan)
#
# Needs ./govsim (built by `make`) and jq. Not part of `make test`: about two
# minutes of CPU at 10 replications. Results go to a temporary directory that
# is removed at the end.
set -eu

reps=10
seed=1
only=""
while [ $# -gt 0 ]; do
    case "$1" in
        --reps) reps="$2"; shift 2 ;;
        --seed) seed="$2"; shift 2 ;;
        --only) only="$2"; shift 2 ;;
        *) echo "usage: tools/headlines.sh [--reps N] [--seed S] [--only NAME]" >&2; exit 2 ;;
    esac
done

cd "$(dirname "$0")/.."
command -v jq >/dev/null 2>&1 || { echo "headlines.sh: needs jq (apt-get install jq)" >&2; exit 1; }
[ -x ./govsim ] || make -s govsim >&2
G=./govsim
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT INT TERM

# Shares in percent with one decimal (their differences in percentage points,
# pp); other figures with decimals for 3-4 significant digits; CI half-widths
# (95 %) with the same decimals.
JQ_FMT='
def dec($x): ($x | fabs) as $a | if $a >= 1000 then 0 elif $a >= 100 then 1 elif $a >= 10 then 1 elif $a >= 1 then 2 else 3 end;
def fixed($x; $d):
  (($x | fabs) * pow(10; $d) | round) as $i | pow(10; $d) as $p | (($i / $p) | floor) as $int |
  (if $x < 0 and $i > 0 then "-" else "" end) + ($int | tostring)
  + (if $d == 0 then "" else "." + (($i - $int * $p) | tostring | ([range(0; $d - length)] | map("0") | join("")) + .) end);
def fmt($m; $c; $unit; $sign):
  if $m == null then "-"
  elif $unit == "share" then
    (if $sign and $m >= 0 then "+" else "" end) + fixed($m * 100; 1) + (if $sign then " pp ± " else " % ± " end)
    + fixed($c * 100; 1)
  else dec($m) as $d |
    (if $sign and $m >= 0 then "+" else "" end) + fixed($m; $d) + " ± " + fixed($c; $d)
  end;
def node($k): ($k | split(".")) as $p | if ($p | length) == 2 then .groups[$p[1]][$p[0]] else .kpis[$p[0]] end;
'

# table DIR KPI[.GROUP]... : one row per KPI, one column per scenario, one per
# paired difference against the first (* when its 95 % CI excludes 0).
table() {
    dir=$1; shift
    jq -r --arg kpis "$*" "$JQ_FMT"'
      . as $s |
      ([$s.results[].scenario] | "| KPI | " + join(" | ") + " |"
         + ([$s.differences[]? | " Δ " + .scenario + " |"] | join(""))),
      ("|---|" + ([$s.results[] | "---|"] | join("")) + ([$s.differences[]? | "---|"] | join(""))),
      ($kpis | split(" ")[] as $k |
        ($s.results[0] | node($k) | .unit // "share") as $unit |
        "| `" + $k + "` | "
        + ([$s.results[] | node($k) as $n | fmt($n.mean; $n.ci95; $unit; false)] | join(" | ")) + " |"
        + ([$s.differences[]? | node($k) as $n | " " + fmt($n.mean; $n.ci95; $unit; true)
              + (if $n.significant then " *" else "" end) + " |"] | join("")))
    ' "$dir/summary.json"
}

# sweep_table DIR KPI... : one row per swept value, and the target's answer.
sweep_table() {
    dir=$1; shift
    jq -r --arg kpis "$*" "$JQ_FMT"'
      . as $s | ($kpis | split(" ")) as $ks |
      ("| " + $s.sweep.param + " | " + ($ks | map("`" + . + "`") | join(" | ")) + " |"),
      ("|---|" + ($ks | map("---|") | join(""))),
      ($s.results[] as $r | "| " + ($r.value | tostring) + " | "
         + ([$ks[] as $k | $r | node($k) as $n | fmt($n.mean; $n.ci95; ($n.unit // "share"); false)] | join(" | ")) + " |"),
      "",
      (if $s.target then
         "target `" + $s.target.expr + "`: "
         + (if $s.target.met then "met from " + ($s.target.value | tostring) + " (" + $s.target.holds + ", whole 95 % CI)"
            else "not met in the swept range" end)
       else empty end)
    ' "$dir/summary.json"
}

# years DIR: replication-mean backlog and loads per year of a multi-year run.
years() {
    awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
      { y = int(($2 - 0.001) / 365); n[y]++; b[y] += $(c["backlog"]);
        uc[y] += $(c["utilization_community"]); ud[y] += $(c["utilization_department"]);
        r[y] = $(c["resolved_cum"]) }
      END { print "| year | mean backlog | community workers busy | departments busy | cases resolved |";
            print "|---|---|---|---|---|";
            prev = 0;
            for (y = 0; y in n; y++) {
              printf "| %d | %.0f | %.1f %% | %.1f %% | %.0f |\n", y + 1, b[y] / n[y], 100 * uc[y] / n[y],
                     100 * ud[y] / n[y], r[y] - prev; prev = r[y] } }' "$1/timeseries_band.csv"
}

want() { [ -z "$only" ] || [ "$only" = "$1" ]; }
section() { printf '\n### %s\n\n`%s`\n\n' "$1" "$2"; }
opts="--reps $reps --seed $seed --quiet"

if want default; then
    cmd="govsim run scenarios/default.json $opts"
    section "default.json" "$cmd"
    $G run scenarios/default.json $opts --out "$out/default"
    table "$out/default" resolution_rate response_rate satisfaction_rate mean_resolution_h p90_resolution_h \
        resolution_rate.urban resolution_rate.fringe resolution_rate.rural equity_gap_resolution \
        utilization_community utilization_department cost_per_resolved_case
fi

if want ordos; then
    section "ordos_staffing.json" "govsim run scenarios/ordos_staffing.json $opts"
    $G run scenarios/ordos_staffing.json $opts --out "$out/ordos"
    table "$out/ordos" resolution_rate response_rate satisfaction_rate utilization_community \
        utilization_department cost_per_year
    cmd="govsim sweep scenarios/ordos_staffing.json --param staffing.community_workers_per_10k --values 9:24:3 --target 'response_rate>=0.83' $opts"
    section "ordos_staffing.json, sweep" "$cmd"
    $G sweep scenarios/ordos_staffing.json --param staffing.community_workers_per_10k --values 9:24:3 \
        --target 'response_rate>=0.83' $opts --out "$out/ordos-sweep"
    sweep_table "$out/ordos-sweep" response_rate resolution_rate satisfaction_rate utilization_community cost_per_year
fi

if want beijing; then
    b=scenarios/beijing_whistle
    section "beijing_whistle/" "govsim compare $b/layered.json $b/whistle.json $b/hotline.json $opts"
    $G compare $b/layered.json $b/whistle.json $b/hotline.json $opts --out "$out/beijing"
    table "$out/beijing" resolution_rate response_rate satisfaction_rate mean_response_min mean_resolution_h \
        p90_resolution_h onsite_in_limit_rate utilization_department cost_per_year
fi

if want tongzhou; then
    t=scenarios/tongzhou_classified
    section "tongzhou_classified/" "govsim compare $t/uniform.json $t/classified.json $opts"
    $G compare $t/uniform.json $t/classified.json $opts --out "$out/tongzhou"
    table "$out/tongzhou" resolution_rate resolution_rate.urban resolution_rate.fringe resolution_rate.rural \
        equity_gap_resolution satisfaction_rate cost_per_year cost_per_resolved_case.rural
fi

if want chengdu; then
    c=scenarios/chengdu_burden
    section "chengdu_burden/" "govsim compare $c/pushed.json $c/relieved.json $opts"
    $G compare $c/pushed.json $c/relieved.json $opts --out "$out/chengdu"
    table "$out/chengdu" admin_hours_per_worker_week utilization_community resolution_rate response_rate \
        satisfaction_rate mean_resolution_h p90_resolution_h overtime_share turnover_per_year
    cmd="govsim sweep $c/pushed.json --param admin_tasks.community_per_worker_per_week --values 8:40:8 $opts"
    section "chengdu_burden/, sweep" "$cmd"
    $G sweep $c/pushed.json --param admin_tasks.community_per_worker_per_week --values 8:40:8 $opts \
        --out "$out/chengdu-sweep"
    sweep_table "$out/chengdu-sweep" utilization_community resolution_rate response_rate satisfaction_rate
fi

if want multi; then
    m=scenarios/multi_platform
    section "multi_platform/" "govsim compare $m/three_platforms.json $m/one_network.json $opts"
    $G compare $m/three_platforms.json $m/one_network.json $opts --out "$out/multi"
    table "$out/multi" duplicate_dispatch_share utilization_department resolution_rate response_rate \
        satisfaction_rate p90_resolution_h cost_per_resolved_case
fi

if want surge; then
    s=scenarios/surge
    section "surge/" "govsim compare $s/no_sinking.json $s/sinking.json $s/late_sinking.json $opts"
    $G compare $s/no_sinking.json $s/sinking.json $s/late_sinking.json $opts --out "$out/surge"
    table "$out/surge" resolution_rate response_rate satisfaction_rate mean_resolution_h backlog_mean \
        cases_abandoned cost_per_resolved_case
fi

if want plan; then
    section "five_year_plan.json" "govsim run scenarios/five_year_plan.json $opts"
    $G run scenarios/five_year_plan.json $opts --out "$out/plan"
    table "$out/plan" resolution_rate response_rate satisfaction_rate equity_gap_resolution cost_per_year
    echo
    years "$out/plan"
fi
