#!/bin/sh
# Draw docs/serve.png: govsim serve's page at 1366x768 after a slider moved
# (community workers per 10,000 residents 18 -> 12 on the default district),
# through the same DevTools script as the test (tests/browser/serve_slider.py).
#
# Usage: tools/serve-screenshot.sh [OUT.png]
# Needs ./govsim (make), chromium and Debian's python3-websocket
# (tools/ensure-deps.sh report test).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-docs/serve.png}
case "$out" in /*) ;; *) out="$root/$out" ;; esac
chrome=$(command -v chromium || command -v chromium-browser || true)
[ -n "$chrome" ] || { echo "serve-screenshot: chromium not found (tools/ensure-deps.sh report)" >&2; exit 1; }
[ -x "$root/govsim" ] || { echo "serve-screenshot: build ./govsim first (make)" >&2; exit 1; }
tmp=$(mktemp -d)
"$root/govsim" serve "$root/scenarios/default.json" --port 0 --out "$tmp/out" > "$tmp/log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$tmp"' EXIT
for i in $(seq 100); do grep -q 'http://' "$tmp/log" && break; sleep 0.1; done
url=$(grep -o 'http://[0-9.:]*/' "$tmp/log")
mkdir "$tmp/profile"
/usr/bin/python3 "$root/tests/browser/serve_slider.py" "$chrome" "$url" "$tmp/profile" \
    staffing.community_workers_per_10k 12 "$out" > /dev/null
echo "serve-screenshot: $out"
