"""The built site in a real browser: headless Chromium loads pages served on 127.0.0.1.

For the home page and a worked example the test checks what a reader sees: the page title,
the maths typeset by the site's own MathJax (no TeX errors, nothing left unrendered), the
figures loaded, a console with no errors, and no request leaving 127.0.0.1 (the site must
render offline). Screenshots and the console log are saved as test artifacts under
``out/test-artifacts/site-browser/`` (or ``$CREATIVE_ECON_TEST_ARTIFACTS/site-browser/``).

Chromium is driven through the DevTools protocol over ``--remote-debugging-pipe``, with the
standard library only. It comes from the Debian packages ``chromium`` and ``chromium-driver``,
which ``.ci/run`` installs when absent; without Chromium the test is skipped and says why.
The site is the one ``tests/test_docs.py`` builds, so the examples run once per test session.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import http.server
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.test_docs import ROOT, built_site

CHROMIUM = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--no-first-run", "--no-default-browser-check", "--disable-dev-shm-usage",
         "--disable-extensions", "--disable-component-update", "--disable-sync",
         "--mute-audio", "--hide-scrollbars", "--window-size=1280,900")
ARTIFACTS = Path(os.environ.get("CREATIVE_ECON_TEST_ARTIFACTS", ROOT / "out" / "test-artifacts")
                 ) / "site-browser"
EXAMPLE = "examples/regionalising_uk_to_scotland/"

#: What each page must show once MathJax has typeset it and its images have loaded.
INSPECT = """(async () => {
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) {
    await MathJax.startup.promise;
  }
  const main = document.querySelector('.md-content') || document.body;
  const images = [...main.querySelectorAll('img')];
  await Promise.all(images.map(i => i.complete ? null : new Promise(done => {
    i.addEventListener('load', done);
    i.addEventListener('error', done);
  })));
  return {
    title: document.title,
    heading: (main.querySelector('h1') || {}).textContent || '',
    maths: main.querySelectorAll('mjx-container').length,
    mathErrors: main.querySelectorAll('mjx-merror').length,
    unrendered: [...main.querySelectorAll('.arithmatex')]
        .filter(e => !e.querySelector('mjx-container')).length,
    images: images.length,
    brokenImages: images.filter(i => !(i.naturalWidth > 0)).map(i => i.src.slice(0, 120)),
    notebookFigures: main.querySelectorAll('.jp-OutputArea-output img').length,
  };
})()"""


SCROLL_TO_FIGURE = """(() => {
  const figure = document.querySelector('.md-content img');
  if (!figure) return false;
  figure.scrollIntoView({block: 'center'});
  return true;
})()"""


def _chromium() -> str | None:
    given = os.environ.get("CHROMIUM")
    if given:
        return given
    return next((found for name in CHROMIUM if (found := shutil.which(name))), None)


_TRAMPOLINE = """
import fcntl, os, sys
high = [fcntl.fcntl(int(fd), fcntl.F_DUPFD, 10) for fd in sys.argv[1:3]]
os.dup2(high[0], 3)
os.dup2(high[1], 4)
os.execv(sys.argv[3], sys.argv[3:])
"""


class DevTools:
    """A minimal Chrome DevTools Protocol client over ``--remote-debugging-pipe``.

    Chromium reads NUL-terminated JSON commands on file descriptor 3 and writes responses and
    events on descriptor 4; a small Python trampoline moves the pipe ends there and execs the
    browser (no ``preexec_fn``, which is unsafe with the server thread running).
    """

    def __init__(self, binary: str, user_data_dir: Path, log: Path) -> None:
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()
        self._log = log.open("w", encoding="utf-8")
        command = [sys.executable, "-c", _TRAMPOLINE, str(to_browser_r), str(from_browser_w),
                   binary, *FLAGS, f"--user-data-dir={user_data_dir}",
                   "--remote-debugging-pipe", "about:blank"]
        self.process = subprocess.Popen(command, pass_fds=(to_browser_r, from_browser_w),
                                        stdin=subprocess.DEVNULL, stdout=self._log,
                                        stderr=subprocess.STDOUT, start_new_session=True)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict] = []

    def _read(self, deadline: float) -> dict:
        while b"\0" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("no answer from Chromium")
            ready, _, _ = select.select([self._from_browser], [], [], remaining)
            if ready:
                chunk = os.read(self._from_browser, 1 << 20)
                if not chunk:
                    raise ConnectionError("Chromium closed the DevTools pipe")
                self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method: str, params: dict | None = None, session: str | None = None,
             timeout: float = 30.0) -> dict:
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            answer = self._read(deadline)
            if answer.get("id") == self._next_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer.get("result", {})
            self.events.append(answer)

    def wait_for(self, event: str, session: str, timeout: float = 60.0) -> dict:
        deadline = time.monotonic() + timeout
        for seen in self.events:
            if seen.get("method") == event and seen.get("sessionId") == session:
                return seen
        while True:
            message = self._read(deadline)
            self.events.append(message)
            if message.get("method") == event and message.get("sessionId") == session:
                return message

    def drain(self, seconds: float) -> None:
        """Collect the events that arrive within ``seconds``."""
        deadline = time.monotonic() + seconds
        try:
            while True:
                self.events.append(self._read(deadline))
        except TimeoutError:
            pass

    def close(self) -> None:
        with contextlib.suppress(Exception):  # the browser may be gone; it is killed below
            self.call("Browser.close", timeout=10)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)  # the group this test started
            self.process.wait(timeout=15)
        for fd in (self._to_browser, self._from_browser):
            os.close(fd)
        self._log.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[DevTools, str]]:
    binary = _chromium()
    if binary is None:
        pytest.skip("Chromium is not installed, so the site was not checked in a browser "
                    "(Debian: apt-get install chromium chromium-driver; .ci/run installs them)")
    site = built_site(tmp_path_factory.getbasetemp())
    assert site.returncode == 0, site.log[-6000:]
    handler = functools.partial(_QuietHandler, directory=str(site.path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    profile = Path(tempfile.mkdtemp(prefix="chromium-profile-"))
    devtools = DevTools(binary, profile, ARTIFACTS / "chromium.log")
    try:
        version = devtools.call("Browser.getVersion", timeout=60)
    except (TimeoutError, ConnectionError) as exc:
        devtools.close()
        server.shutdown()
        log = (ARTIFACTS / "chromium.log").read_text(encoding="utf-8", errors="replace")
        pytest.fail(f"Chromium ({binary}) did not start: {exc}\n{log[-3000:]}")
    (ARTIFACTS / "version.json").write_text(json.dumps(version, indent=2), encoding="utf-8")
    try:
        yield devtools, f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        devtools.close()
        server.shutdown()
        server.server_close()
        shutil.rmtree(profile, ignore_errors=True)


def _visit(devtools: DevTools, url: str, name: str) -> tuple[dict, dict]:
    """Load ``url`` in a new tab; return what the page shows and its console and requests."""
    target = devtools.call("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = devtools.call("Target.attachToTarget", {"targetId": target, "flatten": True})[
        "sessionId"]
    for domain in ("Page", "Runtime", "Log", "Network"):
        devtools.call(f"{domain}.enable", session=session)
    devtools.call("Emulation.setDeviceMetricsOverride",
                  {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False},
                  session=session)
    start = len(devtools.events)
    devtools.call("Page.navigate", {"url": url}, session=session)
    devtools.wait_for("Page.loadEventFired", session)
    shown = devtools.call("Runtime.evaluate", {"expression": INSPECT, "awaitPromise": True,
                                               "returnByValue": True}, session=session,
                          timeout=60)
    if "exceptionDetails" in shown:
        raise AssertionError(f"{url}: the page check failed: {shown['exceptionDetails']}")
    devtools.drain(1.0)  # late console messages and requests
    _screenshot(devtools, session, ARTIFACTS / f"{name}.png")
    moved = devtools.call("Runtime.evaluate", {"expression": SCROLL_TO_FIGURE,
                                               "returnByValue": True}, session=session)
    if moved.get("result", {}).get("value"):
        time.sleep(0.3)
        _screenshot(devtools, session, ARTIFACTS / f"{name}-figure.png")
    events = [e for e in devtools.events[start:] if e.get("sessionId") == session]
    devtools.call("Target.closeTarget", {"targetId": target})
    report = _console(events, url)
    (ARTIFACTS / f"{name}-console.json").write_text(
        json.dumps({"url": url, "page": shown["result"]["value"], **report}, indent=2),
        encoding="utf-8")
    return shown["result"]["value"], report


def _screenshot(devtools: DevTools, session: str, path: Path) -> None:
    shot = devtools.call("Page.captureScreenshot", {"format": "png"}, session=session)
    path.write_bytes(base64.b64decode(shot["data"]))


def _console(events: list[dict], url: str) -> dict:
    errors, requests = [], []
    for event in events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            errors.append(" ".join(str(a.get("value", a.get("description", "")))
                                   for a in params.get("args", [])))
        elif method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            errors.append(details.get("exception", {}).get("description")
                          or details.get("text", "exception"))
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            entry = params["entry"]
            errors.append(f"{entry.get('text')} ({entry.get('url', '')})")
        elif method == "Network.loadingFailed" and not params.get("canceled"):
            errors.append(f"failed to load: {params.get('errorText')}")
        elif method == "Network.requestWillBeSent":
            requests.append(params.get("request", {}).get("url", ""))
    origin = url.split("/", 3)[:3]
    outside = [r for r in requests if not r.startswith(("data:", "blob:", "about:"))
               and r.split("/", 3)[:3] != origin]
    return {"errors": errors, "requests": requests, "outside": outside}


@pytest.mark.slow
def test_home_page_renders_offline_with_maths_and_figure(browser) -> None:
    devtools, base = browser
    shown, console = _visit(devtools, base, "home")
    assert shown["title"] == "creative_econ"
    assert shown["maths"] >= 2, shown
    assert shown["mathErrors"] == 0, shown
    assert shown["unrendered"] == 0, shown
    assert shown["images"] >= 1, shown
    assert not shown["brokenImages"], shown
    assert not console["errors"], console["errors"]
    assert not console["outside"], console["outside"]


@pytest.mark.slow
def test_worked_example_renders_offline_with_maths_and_figures(browser) -> None:
    devtools, base = browser
    shown, console = _visit(devtools, base + EXAMPLE, "example")
    assert shown["title"].startswith("Regionalising the UK table to Scotland"), shown["title"]
    assert "Regionalising the UK table to Scotland" in shown["heading"]
    assert shown["maths"] >= 5, shown
    assert shown["mathErrors"] == 0, shown
    assert shown["unrendered"] == 0, shown
    assert shown["notebookFigures"] >= 4, shown
    assert not shown["brokenImages"], shown
    assert not console["errors"], console["errors"]
    assert not console["outside"], console["outside"]


@pytest.mark.slow
def test_the_browser_check_sees_errors_and_outside_requests(browser) -> None:
    """The checks above can fail: a page with a console error, an uncaught exception and an
    image from another origin is caught on every count."""
    devtools, _ = browser
    probe = ("data:text/html,<title>probe</title><script>console.error('probe error');"
             "undefined_function()</script><img src='http://127.0.0.1:9/outside.png'>")
    shown, console = _visit(devtools, probe, "probe")
    assert any("probe error" in e for e in console["errors"]), console
    assert any("undefined_function" in e for e in console["errors"]), console
    assert console["outside"] == ["http://127.0.0.1:9/outside.png"]
    assert shown["brokenImages"] == ["http://127.0.0.1:9/outside.png"]
