"""http(s) URLs as inputs: fetched once with the standard library, bounded in time and size, cached on disk.

A page on the web is as hostile as a file on disk and slower: every fetch has a timeout (per network operation
and for the whole download), a size cap checked on the declared length and again while reading, a bounded
number of redirects (http and https only), and a user agent naming the tool so a site can tell what reads it.
A failure is an ``UnusableInput`` with a short reason ("HTTP 404 Not Found", "timed out after 20 s"), so one bad
URL is one skip line, never the end of the run.

The cache keeps each successful response under a hash of the URL asked for, with the final URL and content
type beside it, so a repeat run reads the same page again without the network (and gets the same answer even
if the site has changed since); delete the folder, or pass ``--no-cache``, to fetch afresh.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from http.client import HTTPMessage
from pathlib import Path
from typing import IO, Any

from quotediff import __version__
from quotediff.errors import UnusableInput

USER_AGENT = f"quotediff/{__version__} (quotation comparison; +https://pypi.org/project/quotediff/)"
ACCEPT = "text/html,application/xhtml+xml,text/plain;q=0.9,text/markdown;q=0.9,application/pdf;q=0.8"
# Content types read as articles; anything else (an image, a video, JSON) is skipped without being read.
FORMAT_BY_TYPE = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
    "text/markdown": "markdown",
    "text/x-markdown": "markdown",
    "application/pdf": "pdf",
}
CHUNK = 1 << 16


@dataclass(frozen=True, slots=True)
class FetchOptions:
    """How URLs are fetched. ``max_bytes`` None: the loader's raw-file cap."""

    timeout: float = 20.0  # seconds, per network operation and for the whole download
    max_bytes: int | None = None
    max_redirects: int = 5
    cache_dir: str | None = None  # None: no cache (the CLI passes default_cache_dir() unless --no-cache)


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str  # the final URL, after redirects
    data: bytes
    fmt: str | None  # from the content type; None when the server named none (the bytes are sniffed)
    from_cache: bool = False


def is_url(path: str) -> bool:
    return path[:8].lower().startswith(("http://", "https://"))


def default_cache_dir() -> str:
    """``$XDG_CACHE_HOME/quotediff``, else ``~/.cache/quotediff``."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "quotediff")


def fetch(url: str, options: FetchOptions, max_bytes: int) -> Fetched:
    """The response to ``url``, from the cache when it is there; raise UnusableInput with a reason otherwise."""
    limit = options.max_bytes or max_bytes
    cached = _from_cache(url, options.cache_dir)
    if cached is not None and len(cached.data) <= limit:
        return cached
    fetched = _download(url, options, limit)
    if options.cache_dir is not None:
        _store(url, fetched, options.cache_dir)
    return fetched


# --- the network --------------------------------------------------------------------------------------------


class _BadRedirect(urllib.error.HTTPError):
    """A redirect refused because of where it leads, not how often."""


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follow at most ``max_redirects`` redirects, and only to http(s): never to file:// or ftp://."""

    def __init__(self, max_redirects: int) -> None:
        super().__init__()
        self.max_redirections = max_redirects  # type: ignore[misc]  # a class default, per instance here

    def redirect_request(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str, headers: HTTPMessage, newurl: str
    ) -> urllib.request.Request | None:
        if not is_url(newurl):
            raise _BadRedirect(newurl, code, f"redirect to a non-http(s) URL ({newurl[:40]})", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _download(url: str, options: FetchOptions, limit: int) -> Fetched:
    opener = urllib.request.build_opener(_Redirects(options.max_redirects))
    request = urllib.request.Request(
        url, headers={"User-Agent": USER_AGENT, "Accept": ACCEPT, "Accept-Encoding": "identity"}
    )
    deadline = time.monotonic() + options.timeout
    try:
        with opener.open(request, timeout=options.timeout) as response:
            final = response.geturl()
            content_type = response.headers.get_content_type() if response.headers.get("Content-Type") else None
            fmt = _format(url, content_type)
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > limit:
                raise UnusableInput(url, f"response of {_size(int(declared))}, larger than the {_size(limit)} cap")
            data = _read(response, url, limit, deadline, options.timeout)
    except UnusableInput:
        raise
    except urllib.error.HTTPError as exc:
        raise UnusableInput(url, _http_reason(exc)) from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError):
            raise UnusableInput(url, f"timed out after {options.timeout:g} s") from None
        raise UnusableInput(url, f"cannot fetch: {_plain(reason)}") from None
    except TimeoutError:  # socket.timeout is TimeoutError since Python 3.10
        raise UnusableInput(url, f"timed out after {options.timeout:g} s") from None
    except (OSError, ValueError) as exc:  # a connection reset halfway, a malformed URL or header
        raise UnusableInput(url, f"cannot fetch: {_plain(exc)}") from None
    return Fetched(url=final, data=data, fmt=fmt)


def _format(url: str, content_type: str | None) -> str | None:
    if content_type is None:
        return None
    if content_type in FORMAT_BY_TYPE:
        return FORMAT_BY_TYPE[content_type]
    if content_type.startswith("text/"):
        return "text"
    raise UnusableInput(url, f"not HTML or text ({content_type})")


def _read(response: Any, url: str, limit: int, deadline: float, timeout: float) -> bytes:
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = response.read(CHUNK)
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > limit:
            raise UnusableInput(url, f"response larger than the {_size(limit)} cap")
        if time.monotonic() > deadline:  # a server dripping bytes never trips the per-read timeout
            raise UnusableInput(url, f"timed out after {timeout:g} s")
        chunks.append(chunk)


def _http_reason(exc: urllib.error.HTTPError) -> str:
    if isinstance(exc, _BadRedirect):
        return str(exc.msg)
    if exc.code in (301, 302, 303, 307, 308):
        location = (exc.headers.get("Location") or "") if exc.headers is not None else ""
        if location and ":" in location.split("/", 1)[0] and not is_url(location):
            return f"redirect to a non-http(s) URL ({location[:40]})"  # urllib refuses file:// before asking us
        return f"too many redirects (HTTP {exc.code})"
    return f"HTTP {exc.code} {exc.reason}".strip()


def _plain(reason: object) -> str:
    text = getattr(reason, "strerror", None) or str(reason)
    return str(text).strip()[:100] or type(reason).__name__


def _size(size: int) -> str:
    """As the loader's format_size (which cannot be imported here: the loader imports this module)."""
    if size >= 1 << 20:
        return f"{size / (1 << 20):.3g} MB"
    return f"{size / 1024:.3g} kB" if size >= 1024 else f"{size} bytes"


# --- the cache ----------------------------------------------------------------------------------------------


def _key(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()


def _from_cache(url: str, cache_dir: str | None) -> Fetched | None:
    if cache_dir is None:
        return None
    base = Path(cache_dir) / _key(url)
    try:
        meta = json.loads(base.with_suffix(".json").read_text(encoding="utf-8"))
        data = base.with_suffix(".body").read_bytes()
    except (OSError, ValueError):
        return None  # not cached, or a damaged entry: fetch again
    if not isinstance(meta, dict) or meta.get("url_asked") != url or not isinstance(meta.get("url"), str):
        return None
    fmt = meta.get("format")
    return Fetched(url=meta["url"], data=data, fmt=fmt if isinstance(fmt, str) else None, from_cache=True)


def _store(url: str, fetched: Fetched, cache_dir: str) -> None:
    """Write the body, then the entry naming it; a cache that cannot be written is no reason to fail the run."""
    try:
        os.makedirs(cache_dir, mode=0o700, exist_ok=True)
        base = os.path.join(cache_dir, _key(url))
        meta = {"url_asked": url, "url": fetched.url, "format": fetched.fmt, "fetched": int(time.time())}
        _write_atomically(base + ".body", fetched.data, cache_dir)
        _write_atomically(base + ".json", json.dumps(meta).encode("utf-8"), cache_dir)
    except OSError:
        pass


def _write_atomically(path: str, data: bytes, folder: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
