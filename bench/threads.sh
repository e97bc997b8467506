#!/bin/sh
# Replications on threads: a 10-replication run of the default governance
# scenario (one simulated year) on 1 and on 2 threads, best of 3 runs each,
# alternated so a change in the machine's load hits both alike.
#
#   threads_wall_1_s, threads_wall_2_s   best wall time of each
#   threads_speedup_2                    the first over the second
#   threads_cpu_ratio_2                  CPU time on 2 threads over CPU time on 1
#                                        (above 1: the threads slow each other down)
#   threads_loadavg_1min                 the machine's load when the runs started:
#                                        other work on the machine lowers the speed-up
#   threads_realtime                     1 when GOVSIM_BENCH_RT=1 ran govsim under
#                                        `chrt -f 10` (root): on a machine busy with
#                                        other work, that measures govsim rather than
#                                        the competition for the cores
#
# Called by bench/run.sh (make bench); runs alone as `sh bench/threads.sh` with
# B set to the build directory holding govsim (default build/release).
set -eu
B=${B:-build/release}
G="$B/govsim"
[ -x "$G" ] || { echo "bench/threads.sh: $G not built (make)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
printf '{"name": "threads bench"}\n' > "$tmp/x.json"
python3 - "$G" "$tmp" "${GOVSIM_BENCH_RT:-0}" <<'PY'
import os, resource, subprocess, sys, time
govsim, tmp, rt = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
load = os.getloadavg()[0]
prefix = ["chrt", "-f", "10"] if rt else []
if not rt and load > os.cpu_count():
    print(f"bench/threads.sh: load {load:.1f} on {os.cpu_count()} cores: the speed-up measures the "
          "competition for cores; GOVSIM_BENCH_RT=1 (root) runs govsim at real-time priority",
          file=sys.stderr)
best, cpu = {1: None, 2: None}, {1: 0.0, 2: 0.0}
for _ in range(3):
    for t in (1, 2):
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.monotonic()
        subprocess.run(prefix + [govsim, "run", os.path.join(tmp, "x.json"), "--reps", "10", "--threads", str(t),
                        "--seed", "1", "--out", os.path.join(tmp, "o"), "--quiet", "--force"], check=True)
        wall = time.monotonic() - t0
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu[t] += (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
        best[t] = wall if best[t] is None else min(best[t], wall)
print(f"threads_wall_1_s: {best[1]:.3f}")
print(f"threads_wall_2_s: {best[2]:.3f}")
print(f"threads_speedup_2: {best[1] / best[2]:.2f}")
print(f"threads_cpu_ratio_2: {cpu[2] / cpu[1]:.3f}")
print(f"threads_loadavg_1min: {load:.2f}")
print(f"threads_realtime: {1 if rt else 0}")
PY
