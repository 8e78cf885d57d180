"""http(s) URLs as inputs, against a server on 127.0.0.1 started here (never the internet): pages, redirects,
errors, a slow and a too-large response, the on-disk cache, one skip line per failed URL."""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from quotediff import __version__
from quotediff.cli import main
from quotediff.errors import UnusableInput
from quotediff.load import FetchOptions, LoadOptions, load_file, load_paths

PAGE = (
    "<html><head><title>Harbour closes</title><meta property='og:site_name' content='Harbour Times'></head>"
    "<body><article><h1>Harbour closes</h1><p>The port authority chief, Mara Lind, said on Tuesday: “We will "
    "close the harbour for 48 hours while the divers search for the leak.”</p><p>Fishermen said the closure came "
    "without warning, and the market stayed shut.</p></article></body></html>"
)
TEXT = (
    "Harbour news\n\n“We will close the harbour for 48 hours while the divers search for the leak,” the port "
    "authority chief, Mara Lind, told reporters.\n"
)


class Handler(BaseHTTPRequestHandler):
    requests: Counter[str] = Counter()
    agents: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
        Handler.requests[self.path] += 1
        Handler.agents.append(self.headers.get("User-Agent", ""))
        if self.path == "/story.html":
            self._send(200, PAGE.encode("utf-8"), "text/html; charset=utf-8")
        elif self.path == "/news.txt":
            self._send(200, TEXT.encode("utf-8"), "text/plain; charset=utf-8")
        elif self.path == "/moved":
            self._redirect("/story.html")
        elif self.path == "/loop":
            self._redirect("/loop")
        elif self.path == "/to-file":
            self._redirect("file:///etc/passwd")
        elif self.path == "/slow":
            time.sleep(1.5)
            self._send(200, PAGE.encode("utf-8"), "text/html")
        elif self.path == "/big":
            self._send(200, b"<p>" + b"x" * 300_000 + b"</p>", "text/html")
        elif self.path == "/big-undeclared":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()  # no Content-Length: only counting while reading catches it
            for _ in range(40):
                self.wfile.write(b"x" * 10_000)
        elif self.path == "/photo.png":
            self._send(200, b"\x89PNG\r\n\x1a\n" + bytes(100), "image/png")
        else:
            self._send(404, b"not here", "text/plain")

    def _send(self, code: int, body: bytes, content_type: str) -> None:
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, where: str) -> None:
        self.send_response(302)
        self.send_header("Location", where)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet test output
        pass


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that gave up (the timeout, the size cap) leaves a broken pipe here: expected


@pytest.fixture
def server() -> Iterator[str]:
    Handler.requests.clear()
    Handler.agents.clear()
    httpd = Server(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def options(tmp_path: Path | None = None, **fetch: object) -> LoadOptions:
    cache = str(tmp_path / "cache") if tmp_path is not None else None
    return LoadOptions(max_bytes=100_000, fetch=FetchOptions(cache_dir=cache, **fetch))  # type: ignore[arg-type]


def reason(url: str, opts: LoadOptions) -> str:
    with pytest.raises(UnusableInput) as caught:
        load_file(url, opts)
    return caught.value.reason


def test_page_is_fetched_with_a_clear_user_agent(server: str) -> None:
    article = load_file(f"{server}/story.html", options())
    assert article.format == "html"
    assert article.outlet == "Harbour Times"
    assert article.url == f"{server}/story.html"
    assert "We will close the harbour for 48 hours" in article.text
    assert Handler.agents[0].startswith(f"quotediff/{__version__}")


def test_redirect_is_followed_and_the_final_url_kept(server: str) -> None:
    article = load_file(f"{server}/moved", options())
    assert article.url == f"{server}/story.html"
    assert article.path == f"{server}/moved"
    assert Handler.requests == Counter({"/moved": 1, "/story.html": 1})


def test_text_is_read_as_text_by_its_content_type(server: str) -> None:
    article = load_file(f"{server}/news.txt", options())
    assert article.format == "text" and article.text == TEXT


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/missing", "HTTP 404 Not Found"),
        ("/photo.png", "not HTML or text (image/png)"),
        ("/loop", "too many redirects (HTTP 302)"),
        ("/to-file", "redirect to a non-http(s) URL (file:///etc/passwd)"),
    ],
)
def test_failures_have_a_reason(server: str, path: str, expected: str) -> None:
    assert reason(server + path, options()) == expected


def test_declared_size_over_the_cap_is_refused_unread(server: str) -> None:
    opts = LoadOptions(max_bytes=100_000, fetch=FetchOptions(max_bytes=200_000))
    assert reason(f"{server}/big", opts) == "response of 293 kB, larger than the 195 kB cap"


def test_cap_defaults_to_the_raw_file_cap(server: str) -> None:
    opts = LoadOptions(max_bytes=50_000)  # raw cap 250,000 bytes: the 300 kB page is over it
    assert reason(f"{server}/big", opts) == "response of 293 kB, larger than the 244 kB cap"


def test_undeclared_size_is_counted_while_reading(server: str) -> None:
    opts = LoadOptions(max_bytes=100_000, fetch=FetchOptions(max_bytes=200_000))
    assert reason(f"{server}/big-undeclared", opts) == "response larger than the 195 kB cap"


def test_slow_server_times_out(server: str) -> None:
    assert reason(f"{server}/slow", options(timeout=0.3)) == "timed out after 0.3 s"


def test_nothing_listening_is_a_reason(server: str) -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # bound, never listening: the connection is refused
        assert reason(f"http://127.0.0.1:{port}/", options()).startswith("cannot fetch: ")


def test_second_run_is_served_from_the_cache(server: str, tmp_path: Path) -> None:
    first = load_file(f"{server}/moved", options(tmp_path))
    second = load_file(f"{server}/moved", options(tmp_path))
    assert second == first
    assert Handler.requests == Counter({"/moved": 1, "/story.html": 1}), "the second run went to the server"
    load_file(f"{server}/moved", options())  # no cache: fetched again
    assert Handler.requests["/story.html"] == 2


def test_failures_are_not_cached(server: str, tmp_path: Path) -> None:
    for _ in range(2):
        reason(f"{server}/missing", options(tmp_path))
    assert Handler.requests["/missing"] == 2


def test_urls_and_files_load_together(server: str, tmp_path: Path) -> None:
    (tmp_path / "news.txt").write_text(TEXT, encoding="utf-8")
    result = load_paths([f"{server}/story.html", str(tmp_path / "news.txt"), f"{server}/missing"], options())
    assert sorted(a.id for a in result.articles) == ["127-0-0-1", "news"]
    assert [(s.path, s.reason) for s in result.skipped] == [(f"{server}/missing", "HTTP 404 Not Found")]


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_compare_urls_from_the_command_line(server: str, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    urls = [f"{server}/moved", f"{server}/news.txt", f"{server}/missing"]
    args = ["compare", *urls, "--cache", str(cache), "-f", "json"]
    for _ in range(2):
        result = run(*args)
        assert result.exit_code == 0, result.output
        assert result.stderr.strip() == f"quotediff: skipped {server}/missing: HTTP 404 Not Found"
        data = json.loads(result.stdout)
        assert len(data["groups"]) == 1
        assert {a["url"] for a in data["articles"]} == {f"{server}/story.html", f"{server}/news.txt"}
    assert Handler.requests == Counter({"/moved": 1, "/story.html": 1, "/news.txt": 1, "/missing": 2})
    assert len(list(cache.glob("*.body"))) == 2


def test_default_cache_follows_xdg(server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert run("quotes", f"{server}/story.html", "-f", "json").exit_code == 0
    assert len(list((tmp_path / "xdg" / "quotediff").glob("*.body"))) == 1
    assert run("quotes", f"{server}/news.txt", "-f", "json", "--no-cache").exit_code == 0
    assert len(list((tmp_path / "xdg" / "quotediff").glob("*.body"))) == 1


def test_cache_and_no_cache_together_is_an_error(tmp_path: Path) -> None:
    result = run("quotes", "http://127.0.0.1:9/", "--cache", str(tmp_path), "--no-cache")
    assert result.exit_code == 2
    assert result.stderr.strip() == "quotediff: error: --cache and --no-cache contradict each other: give one"
