#!/usr/bin/python3
"""Drive govsim serve's page in headless Chromium over the DevTools protocol.

Usage: serve_slider.py CHROMIUM URL PROFILE_DIR PATH VALUE [SCREENSHOT.png]

Opens URL, waits for the first results, moves the lever PATH to VALUE the way a
hand does (the input's value, then an "input" event), waits until the page shows
the results of those settings, and prints them as JSON on stdout:
  {"set": {...}, "cards": [{"kpi", "mean", "ci95", "base", "diff", "verdict"}], "levers": n}
With SCREENSHOT, saves the 1366x768 page as PNG. Exit status 1 with a message
on stderr when something does not happen in time.

Used by tests/test_serve.c (make test); needs Debian's python3-websocket.
"""
import base64
import json
import os
import subprocess
import sys
import time
import urllib.request

import websocket


def fail(msg):
    sys.stderr.write("serve_slider: %s\n" % msg)
    sys.exit(1)


def start_browser(chromium, profile):
    args = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--remote-debugging-port=0",
            "--remote-allow-origins=*", "--window-size=1366,768", "--hide-scrollbars", "about:blank"]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    port_file = os.path.join(profile, "DevToolsActivePort")
    for _ in range(300):
        if os.path.exists(port_file):
            lines = open(port_file).read().split()
            if len(lines) >= 1:
                return proc, int(lines[0])
        time.sleep(0.1)
    proc.kill()
    fail("Chromium did not open its DevTools port")


class Page:
    def __init__(self, port):
        targets = json.load(urllib.request.urlopen("http://127.0.0.1:%d/json/list" % port))
        pages = [t for t in targets if t.get("type") == "page"]
        if not pages:
            fail("no page target")
        self.ws = websocket.create_connection(pages[0]["webSocketDebuggerUrl"], timeout=60,
                                              suppress_origin=True)
        self.next_id = 0

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == self.next_id:
                if "error" in msg:
                    fail("%s: %s" % (method, msg["error"]))
                return msg.get("result", {})

    def eval(self, expr):
        r = self.call("Runtime.evaluate", expression=expr, returnByValue=True)
        if "exceptionDetails" in r:
            fail("script error: %s" % r["exceptionDetails"])
        return r.get("result", {}).get("value")

    def wait(self, expr, what, seconds=120):
        end = time.time() + seconds
        while time.time() < end:
            v = self.eval(expr)
            if v:
                return v
            time.sleep(0.1)
        fail("timed out waiting for %s (status: %s)" % (what, self.eval(
            "document.getElementById('status') && document.getElementById('status').textContent")))


def main():
    if len(sys.argv) not in (6, 7):
        fail(__doc__.strip().splitlines()[2])
    chromium, url, profile, path, value = sys.argv[1:6]
    shot = sys.argv[6] if len(sys.argv) == 7 else None
    proc, port = start_browser(chromium, profile)
    try:
        page = Page(port)
        page.call("Page.enable")
        page.call("Emulation.setDeviceMetricsOverride", width=1366, height=768, deviceScaleFactor=1, mobile=False)
        page.call("Page.navigate", url=url)
        page.wait("document.getElementById('status') && "
                  "document.getElementById('status').getAttribute('data-state') === 'done'", "the first results")
        first = page.eval("document.getElementById('status').getAttribute('data-request')")
        moved = page.eval("""(function () {
            var i = document.querySelector('[data-path="%s"]');
            if (!i) return null;
            i.value = %s;
            i.dispatchEvent(new Event('input'));
            return i.value; })()""" % (path, json.dumps(value)))
        if moved is None:
            fail("no lever %s on the page" % path)
        page.wait("""(function () {
            var s = document.getElementById('status');
            return s.getAttribute('data-state') === 'done' && s.getAttribute('data-request') !== %s &&
                   (JSON.parse(s.getAttribute('data-set') || '{}')[%s] !== undefined); })()"""
                  % (json.dumps(first), json.dumps(path)), "the results of the moved lever")
        out = page.eval("""JSON.stringify({
            set: JSON.parse(document.getElementById('status').getAttribute('data-set')),
            levers: document.querySelectorAll('[data-path]').length,
            cards: Array.prototype.map.call(document.querySelectorAll('.kpi'), function (c) {
                return {kpi: c.dataset.kpi, mean: c.dataset.mean, ci95: c.dataset.ci95, base: c.dataset.base,
                        diff: c.dataset.diff, verdict: c.dataset.verdict}; })})""")
        if shot:
            png = page.call("Page.captureScreenshot", format="png")
            with open(shot, "wb") as f:
                f.write(base64.b64decode(png["data"]))
        sys.stdout.write(out + "\n")
    finally:
        proc.kill()
        proc.wait()


if __name__ == "__main__":
    main()
