#!/bin/sh
# Draw the screenshot of a report for the README: the top of report.html for a
# comparison of routing rules, 1366x768 like a projector's first screen
# (GOVSIM_SHOT_HEIGHT changes the height): the question, the verdict and the headline.
#
# Usage: tools/report-screenshot.sh [OUT.png] [SCENARIO.json ...]
#   OUT.png     default docs/report.png
#   SCENARIO    default: scenarios/beijing_whistle/*.json once shipped, else three
#               stand-ins on the default district (layered reporting, whistle,
#               12345 hotline) written to a temporary folder.
# Needs ./govsim (make) and chromium (tools/ensure-deps.sh report).
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-docs/report.png}
[ $# -gt 0 ] && shift
case "$out" in /*) ;; *) out="$root/$out" ;; esac
chrome=$(command -v chromium || command -v chromium-browser || true)
[ -n "$chrome" ] || { echo "report-screenshot: chromium not found (tools/ensure-deps.sh report)" >&2; exit 1; }
[ -x "$root/govsim" ] || { echo "report-screenshot: build ./govsim first (make)" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Relative names, so the page's "reproduce with" line reads as a user would type it.
ln -s "$root/govsim" "$tmp/govsim"
if [ $# -gt 0 ]; then
    for f in "$@"; do cp "$f" "$tmp/"; done
elif ls "$root"/scenarios/beijing_whistle/*.json >/dev/null 2>&1; then
    # in order, baseline first; base.json (which the others extend) and the
    # default district it extends come along under their names
    mkdir "$tmp/scenarios"
    cp "$root"/scenarios/default.json "$tmp/scenarios/"
    cp -r "$root"/scenarios/beijing_whistle "$tmp/scenarios/"
    files="scenarios/beijing_whistle/layered.json scenarios/beijing_whistle/whistle.json scenarios/beijing_whistle/hotline.json"
else
    cat > "$tmp/1_layered.json" <<'EOF'
{
  "name": "分层上报 Layered reporting",
  "description": "Every case climbs the hierarchy: grid, community, street, department."
}
EOF
    cat > "$tmp/2_whistle.json" <<'EOF'
{
  "name": "吹哨报到 Whistle and report",
  "description": "The street blows the whistle; departments report in and give street cases weight.",
  "routing": {"rule": "whistle"}
}
EOF
    cat > "$tmp/3_hotline.json" <<'EOF'
{
  "name": "12345 热线 Hotline dispatch",
  "description": "The 12345 centre dispatches every case to the resolving unit, due at its deadline.",
  "routing": {"rule": "hotline"}
}
EOF
fi

[ -n "${files:-}" ] || files=$(cd "$tmp" && ls ./*.json | sed 's|^\./||' | tr '\n' ' ')
# shellcheck disable=SC2086
(cd "$tmp" && ./govsim compare $files --reps 10 --report --out report --quiet)
"$chrome" --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$tmp/profile" --hide-scrollbars \
    --window-size=1366,${GOVSIM_SHOT_HEIGHT:-768} --screenshot="$out" "file://$tmp/report/report.html" >/dev/null 2>&1
echo "report-screenshot: wrote $out"
