"""The HTML report in a real browser: headless Chromium, driven over the DevTools protocol.

Chromium is started with ``--remote-debugging-pipe`` and spoken to over two pipes (file descriptors 3 and 4,
NUL-separated JSON), so the test needs no extra package, no port and no network. Each test loads a report from
a temporary file and asserts on the DOM after the page's own script ran: every group present, each rendering
with as many visible marks as it has edits, the controls changing what is visible, keyboard navigation, no
network request, and no script from article data executing. A screenshot is kept in artefacts/.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from test_report_html import ROOT, hostile_comparison, lu_comparison

from quotediff.compare import is_shift
from quotediff.model import Comparison
from quotediff.report import render_html

pytestmark = pytest.mark.browser

ARTEFACTS = ROOT / "artefacts"
CHROMIUM = next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)
if CHROMIUM is None:
    if os.environ.get("QUOTEDIFF_REQUIRE_BROWSER"):
        # CI installs Chromium: there a missing browser is a failure, not a reason to skip.
        raise RuntimeError("QUOTEDIFF_REQUIRE_BROWSER is set but no chromium binary is on PATH")
    pytest.skip("no chromium binary on PATH (Debian: apt-get install chromium)", allow_module_level=True)

TIMEOUT = 30.0
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--mute-audio",
    "--remote-debugging-pipe",
)


class Browser:
    """A minimal DevTools-protocol client over Chromium's debugging pipe, attached to one page."""

    def __init__(self, profile: str) -> None:
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()

        def wire_pipes() -> None:  # in the child: the protocol expects commands on fd 3, replies on fd 4
            # Move both ends above 4 first: either may itself be fd 3 or 4 (and marked close-on-exec).
            high_r = fcntl.fcntl(to_browser_r, fcntl.F_DUPFD, 10)
            high_w = fcntl.fcntl(from_browser_w, fcntl.F_DUPFD, 10)
            os.dup2(high_r, 3)
            os.dup2(high_w, 4)

        assert CHROMIUM is not None
        self._log = os.path.join(profile, "chromium.log")
        log = open(self._log, "wb")  # noqa: SIM115 - the child keeps its own copy; ours is closed below
        self._process = subprocess.Popen(
            [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=log,
            preexec_fn=wire_pipes,  # noqa: PLW1509 - single-threaded test process
            close_fds=False,
        )
        log.close()
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []
        try:
            targets = self.call("Target.getTargets")["targetInfos"]
        except (RuntimeError, TimeoutError, OSError) as error:
            self._process.kill()
            with open(self._log, encoding="utf-8", errors="replace") as written:
                tail = written.read()[-2000:]
            raise RuntimeError(f"chromium did not start ({error}); its log ends:\n{tail}") from error
        page = next(t for t in targets if t["type"] == "page")
        self._session = self.call("Target.attachToTarget", targetId=page["targetId"], flatten=True)[
            "sessionId"
        ]
        for domain in ("Page", "Runtime", "Network", "Log"):
            self.send(f"{domain}.enable")

    # -- protocol --------------------------------------------------------------------------------------------

    def _read_message(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([self._from_browser], [], [], remaining)[0]:
                raise TimeoutError("chromium did not answer in time")
            chunk = os.read(self._from_browser, 1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed the debugging pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        message: dict[str, Any] = json.loads(raw)
        return message

    def call(self, method: str, *, session: str | None = None, **params: Any) -> dict[str, Any]:
        self._next_id += 1
        command: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session:
            command["sessionId"] = session
        os.write(self._to_browser, json.dumps(command).encode() + b"\0")
        deadline = time.monotonic() + TIMEOUT
        while True:
            message = self._read_message(deadline)
            if message.get("id") == self._next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                result: dict[str, Any] = message.get("result", {})
                return result
            if "method" in message:
                self.events.append(message)

    def send(self, method: str, **params: Any) -> dict[str, Any]:
        """A command to the attached page."""
        return self.call(method, session=self._session, **params)

    def wait_for(self, method: str) -> dict[str, Any]:
        deadline = time.monotonic() + TIMEOUT
        seen = len(self.events)
        while True:
            for event in self.events[seen:]:
                if event["method"] == method:
                    return event
            seen = len(self.events)
            message = self._read_message(deadline)
            if "method" in message:
                self.events.append(message)

    def close(self) -> None:
        try:
            self.call("Browser.close")
        except (RuntimeError, TimeoutError, OSError):
            pass
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        os.close(self._to_browser)
        os.close(self._from_browser)

    # -- page helpers ----------------------------------------------------------------------------------------

    def open(self, path: Path, width: int = 1200, height: int = 900, mobile: bool = False) -> None:
        self.send(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=mobile,
        )
        self.events.clear()
        self.send("Page.navigate", url=path.as_uri())
        self.wait_for("Page.loadEventFired")

    def js(self, expression: str) -> Any:
        reply = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in reply:
            raise RuntimeError(f"{expression}: {reply['exceptionDetails']}")
        return reply["result"].get("value")

    def press(self, key: str, code: str, text: str = "") -> None:
        for kind in ("keyDown", "keyUp"):
            params: dict[str, Any] = {"type": kind, "key": key, "code": code}
            if text and kind == "keyDown":
                params["text"] = text
            self.send("Input.dispatchKeyEvent", **params)

    def screenshot(self, target: Path, full_page: bool = True) -> None:
        params: dict[str, Any] = {"format": "png"}
        if full_page:
            size = self.send("Page.getLayoutMetrics")["cssContentSize"]
            params["clip"] = {
                "x": 0,
                "y": 0,
                "width": size["width"],
                "height": min(size["height"], 6000),
                "scale": 1,
            }
            params["captureBeyondViewport"] = True
        data = self.send("Page.captureScreenshot", **params)["data"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(base64.b64decode(data))

    def requests(self) -> list[str]:
        return [
            e["params"]["request"]["url"] for e in self.events if e["method"] == "Network.requestWillBeSent"
        ]

    def blocked(self) -> dict[str, str]:
        """URL -> reason, for requests the browser stopped before they reached the network."""
        urls = {
            e["params"]["requestId"]: e["params"]["request"]["url"]
            for e in self.events
            if e["method"] == "Network.requestWillBeSent"
        }
        return {
            urls.get(e["params"]["requestId"], "?"): e["params"].get("blockedReason", "")
            for e in self.events
            if e["method"] == "Network.loadingFailed"
        }

    def dialogs(self) -> list[str]:
        return [e["params"]["message"] for e in self.events if e["method"] == "Page.javascriptDialogOpening"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with tempfile.TemporaryDirectory(prefix="quotediff-chromium-") as profile:
        instance = Browser(profile)
        try:
            yield instance
        finally:
            instance.close()


def write_report(tmp_path: Path, comparison: Comparison, name: str = "report.html") -> Path:
    path = tmp_path / name
    path.write_text(render_html(comparison), encoding="utf-8")
    return path


# A mark is visible when one of its parts is displayed and still underlined, struck through or boxed.
VISIBLE_MARKS = """
(root) => Array.from(root.querySelectorAll('.rendering .edit')).filter((edit) =>
  Array.from(edit.querySelectorAll('mark, ins, del, .marker')).some((part) => {
    const style = getComputedStyle(part);
    return part.getClientRects().length > 0 &&
      (style.textDecorationLine !== 'none' || style.borderTopStyle !== 'none');
  })).length
"""


def marks_per_member(browser: Browser) -> dict[str, int]:
    return dict(
        browser.js(f"""
        Array.from(document.querySelectorAll('li.member')).map((li) => [li.id, ({VISIBLE_MARKS})(li)])
    """)
    )


def shown_members(browser: Browser) -> list[str]:
    return list(
        browser.js(
            "Array.from(document.querySelectorAll('li.member')).filter((li) => li.getClientRects().length)"
            ".map((li) => li.id)"
        )
    )


def expected_marks(comparison: Comparison, skip_severity: str | None = None) -> dict[str, int]:
    return {
        f"q{g}-m{m}": sum(1 for e in member.diff.edits if e.severity != skip_severity)
        for g, group in enumerate(comparison.groups, 1)
        for m, member in enumerate(group.members, 1)
    }


def check_report(browser: Browser, comparison: Comparison, path: Path) -> None:
    """What every report must do in the browser, whatever its content."""
    browser.open(path)
    assert browser.js("document.documentElement.classList.contains('js')"), "the report's script did not run"
    groups = browser.js("Array.from(document.querySelectorAll('article.group')).map((g) => g.dataset.group)")
    assert groups == [g.id for g in comparison.groups]
    assert marks_per_member(browser) == expected_marks(comparison)

    # Hide cosmetic changes, by keyboard: focus the box and press space.
    browser.js("document.getElementById('opt-hide-cosmetic').focus()")
    browser.press(" ", "Space", " ")
    assert browser.js("document.getElementById('opt-hide-cosmetic').checked")
    assert marks_per_member(browser) == expected_marks(comparison, skip_severity="cosmetic")
    hidden_tab = browser.js(
        "Array.from(document.querySelectorAll('.rendering .edit.sev-cosmetic'))"
        ".every((e) => e.tabIndex === -1)"
    )
    assert hidden_tab, "hidden cosmetic marks must leave the tab order"
    browser.press(" ", "Space", " ")
    assert marks_per_member(browser) == expected_marks(comparison)

    # Only altered renderings: verbatim ones (without attribution shifts) disappear, the reference stays.
    everyone = shown_members(browser)
    browser.js("document.getElementById('opt-only-altered').click()")
    altered = shown_members(browser)
    expected = [
        f"q{g}-m{m}"
        for g, group in enumerate(comparison.groups, 1)
        for m, member in enumerate(group.members, 1)
        if member.is_reference
        or any(e.severity != "cosmetic" for e in member.diff.edits)
        or any(is_shift(c) for c in member.attribution_changes)
    ]
    assert altered == expected
    assert len(altered) < len(everyone) or len(everyone) == len(expected)
    browser.js("document.getElementById('opt-only-altered').click()")
    assert shown_members(browser) == everyone

    # Jump between quotations with the keyboard ("j") and the select.
    browser.js("document.activeElement.blur(); window.scrollTo(0, 0)")
    browser.press("j", "KeyJ", "j")
    assert browser.js("[location.hash, document.activeElement.id]") == ["#q1", "q1-h"]
    if len(comparison.groups) > 1:
        browser.press("j", "KeyJ", "j")
        assert browser.js("location.hash") == "#q2"
        browser.press("k", "KeyK", "k")
        assert browser.js("location.hash") == "#q1"
    last = f"q{len(comparison.groups)}"
    browser.js(
        f"const s = document.getElementById('jump'); s.value = '{last}';s.dispatchEvent(new Event('change'))"
    )
    assert browser.js("document.activeElement.id") == f"{last}-h"

    # Nothing left the page: the only request is the report itself, and no dialog opened.
    assert browser.requests() == [path.as_uri()]
    assert browser.dialogs() == []


def test_hand_built_report(browser: Browser, tmp_path: Path) -> None:
    comparison = lu_comparison()
    path = write_report(tmp_path, comparison)
    check_report(browser, comparison, path)
    # Focus on a mark shows what it is (the description is the title, shown by CSS in a fixed bar).
    browser.js("document.querySelector('#q1-m6 .edit[data-kind=substitution]').focus()")
    label = browser.js("getComputedStyle(document.activeElement, '::before').content")
    assert label == '"substitution: “will” → “would”"'


def test_print_shows_everything_without_controls(browser: Browser, tmp_path: Path) -> None:
    comparison = lu_comparison()
    browser.open(write_report(tmp_path, comparison))
    for box in ("opt-only-altered", "opt-hide-cosmetic"):
        browser.js(f"document.getElementById('{box}').click()")
    assert len(shown_members(browser)) < sum(len(g.members) for g in comparison.groups)
    browser.send("Emulation.setEmulatedMedia", media="print")
    try:
        assert browser.js("getComputedStyle(document.querySelector('.controls')).display") == "none"
        assert len(shown_members(browser)) == sum(len(g.members) for g in comparison.groups)
        assert marks_per_member(browser) == expected_marks(comparison)
    finally:
        browser.send("Emulation.setEmulatedMedia", media="")


def test_without_script_everything_shows_and_dead_controls_hide(browser: Browser, tmp_path: Path) -> None:
    comparison = lu_comparison()
    browser.send("Emulation.setScriptExecutionDisabled", value=True)
    try:
        browser.open(write_report(tmp_path, comparison, "noscript.html"))
        assert not browser.js("document.documentElement.classList.contains('js')")
        assert browser.js("getComputedStyle(document.querySelector('.controls')).display") == "none"
        assert len(shown_members(browser)) == sum(len(g.members) for g in comparison.groups)
        assert marks_per_member(browser) == expected_marks(comparison)
    finally:
        browser.send("Emulation.setScriptExecutionDisabled", value=False)


def test_phone_width_has_no_sideways_scroll(browser: Browser, tmp_path: Path) -> None:
    path = write_report(tmp_path, lu_comparison())
    browser.open(path, width=375, height=812, mobile=True)
    assert browser.js("document.documentElement.scrollWidth") <= 375
    # Text blocks fit the screen; only the matrix may scroll inside its own box.
    too_wide = browser.js("""
        Array.from(document.querySelectorAll('p, li, blockquote, h1, h2, h3, td, th'))
          .filter((el) => !el.closest('.matrix') && el.getBoundingClientRect().right > 376)
          .map((el) => el.tagName + '.' + el.className)
    """)
    assert too_wide == []
    browser.screenshot(ARTEFACTS / "report-phone.png", full_page=False)


def test_hostile_report_runs_no_foreign_code(browser: Browser, tmp_path: Path) -> None:
    comparison = hostile_comparison()
    path = write_report(tmp_path, comparison)
    browser.open(path)
    assert browser.js("document.title") == "quotediff: 1 quotation across 4 articles"
    assert browser.js("document.body.dataset.pwned === undefined")
    assert browser.js("document.scripts.length") == 1
    assert browser.js("document.querySelectorAll('img, svg, iframe, b').length") == 0
    assert "<script>document.title='pwned'" in browser.js("document.body.innerText")
    hrefs = browser.js("Array.from(document.links).map((a) => a.protocol)")
    assert set(hrefs) <= {"file:", "https:"}  # in-page anchors resolve against file://
    assert browser.requests() == [path.as_uri()]
    assert browser.dialogs() == []
    # Defence in depth: even markup injected after load can neither run inline script nor fetch anything.
    violations = browser.js("""
        new Promise((resolve) => {
          const seen = [];
          document.addEventListener('securitypolicyviolation', (e) => seen.push(e.effectiveDirective));
          const script = document.createElement('script');
          script.textContent = "document.body.dataset.pwned = 'late'";
          document.body.append(script);
          const img = document.createElement('img');
          img.src = 'http://127.0.0.1:9/x.png';
          document.body.append(img);
          setTimeout(() => resolve(seen.sort()), 300);
        })
    """)
    assert violations == ["img-src", "script-src-elem"]
    assert browser.js("document.body.dataset.pwned === undefined")
    assert browser.requests() == [path.as_uri(), "http://127.0.0.1:9/x.png"]
    assert browser.blocked() == {"http://127.0.0.1:9/x.png": "csp"}
    check_report(browser, comparison, path)


def test_hostile_fixture_report(browser: Browser, tmp_path: Path) -> None:
    compare = pytest.importorskip("quotediff.compare.pipeline", reason="the compare pipeline is not importable yet")
    comparison = compare.compare_paths([str(ROOT / "fixtures" / "hostile")])
    assert comparison.groups, "the hostile fixtures share a quotation and must form a group"
    path = write_report(tmp_path, comparison)
    check_report(browser, comparison, path)
    assert browser.js("document.body.dataset.pwned === undefined")
    assert browser.js("document.scripts.length") == 1
    assert browser.js("document.title").startswith("quotediff:")


def test_fixtures_report(browser: Browser, tmp_path: Path) -> None:
    """The real report of fixtures/forgiven: what an editor would open. Keeps a screenshot."""
    compare = pytest.importorskip("quotediff.compare.pipeline", reason="the compare pipeline is not importable yet")
    comparison = compare.compare_paths([str(ROOT / "fixtures" / "forgiven")])
    articles = tuple(replace(a, path=os.path.relpath(a.path, ROOT)) for a in comparison.articles)
    comparison = replace(comparison, articles=articles)
    assert comparison.groups
    path = write_report(tmp_path, comparison)
    check_report(browser, comparison, path)
    browser.open(path, width=1100, height=1400)
    browser.screenshot(ARTEFACTS / "report.png", full_page=False)  # summary, matrix, the start of Q1
    browser.screenshot(ARTEFACTS / "report-full.png")  # the page down to 6,000 px
    assert (ARTEFACTS / "report.png").stat().st_size > 10_000


# Where each of a date's characters is drawn: [x of "2024", x of the day "05"] for every <time> that follows an
# outlet name in Arabic script.
DATE_ORDER = """
Array.from(document.querySelectorAll('time')).filter((t) => {
  const around = (t.parentElement.textContent || '');
  return /[\\u0600-\\u06ff]/.test(around) && t.textContent === '2024-03-05';
}).map((t) => {
  const node = t.firstChild;
  const x = (a, b) => { const r = document.createRange(); r.setStart(node, a); r.setEnd(node, b);
                        return r.getBoundingClientRect().left; };
  return [x(0, 4), x(8, 10)];
})
"""


def test_right_to_left_outlet_names_do_not_reorder_dates(browser: Browser, tmp_path: Path) -> None:
    """Issue 11, item 14: next to an Arabic outlet name, 2024-03-05 must not be drawn as 05-03-2024."""
    compare = pytest.importorskip("quotediff.compare.pipeline")
    comparison = compare.compare_paths([str(ROOT / "fixtures" / "port-statement")])
    path = write_report(tmp_path, comparison)
    browser.open(path)
    positions = browser.js(DATE_ORDER)
    assert len(positions) >= 2, positions  # the article list and the rendering's head at least
    for year, day in positions:
        assert year < day, positions
    # Every piece of article text is isolated: the Arabic outlet's name sits in a <bdi> wherever it is shown.
    bare = browser.js(
        "Array.from(document.querySelectorAll('body *')).filter((e) => Array.from(e.childNodes).some((n) =>"
        " n.nodeType === 3 && /[\\u0600-\\u06ff]/.test(n.textContent)) && !e.closest('bdi, [dir=auto]'))"
        ".map((e) => e.tagName + '.' + e.className)"
    )
    assert bare == [], bare
