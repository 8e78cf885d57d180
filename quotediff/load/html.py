"""Loading HTML pages: the main text (paragraphs and blockquotes, no navigation or footers) and metadata.

trafilatura (on lxml) finds the article; ``<q>`` elements become quote marks first, attributes, comments and
scripts never become text, and a page nested beyond lxml's depth limit is read by a simpler streaming parser.
Imported only when an HTML page is loaded, so plain-text runs do not pay for trafilatura's import.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

from lxml import etree
from lxml import html as lxml_html

from quotediff.errors import UnusableInput
from quotediff.load.decode import has_words
from quotediff.load.text import normalise_date, slugify
from quotediff.model import Article

# Comments and processing instructions are dropped at parse time so their text can never reach the article.
# No huge_tree: libxml2's default depth limit (256) keeps hostile nesting from reaching recursive code; the
# stdlib fallback below recovers text that sits deeper than that.
_HTML_PARSER = lxml_html.HTMLParser(remove_comments=True, remove_pis=True, encoding="utf-8")
_XML_INCOMPATIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_BLOCK_XML = frozenset({"p", "head", "item", "code", "quote", "list", "div", "table", "row", "cell"})


def html_article(text: str, *, path: str, stem: str, encoding: str, guess_date: bool = True) -> Article:
    """The article of one page. ``guess_date=False`` takes a date only from the page's markup, never from its
    text, for callers that know a better fallback than a guess (a crawl's WARC-Date)."""
    # Control characters are invisible in a browser, and lxml refuses any string holding one (fuzzing found a
    # <q> whose text began with \x02): drop them before parsing. Offsets are into the extracted text anyway.
    text = _XML_INCOMPATIBLE.sub("", text)
    tree = _parse_html(text)
    meta = _page_metadata(tree) if tree is not None else {}
    paragraphs: list[tuple[str, bool]] = []
    if tree is not None:
        _mark_inline_quotes(tree)
        doc = _trafilatura(tree, guess_date)
        if doc is not None:
            meta = {**{k: v for k, v in doc.attrib.items() if v}, **meta}
            paragraphs = _xml_paragraphs(doc)
    if not paragraphs:
        paragraphs = _fallback_paragraphs(text)
    if not any(has_words(paragraph) for paragraph, _ in paragraphs):
        raise UnusableInput(path, "no article text")
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    offset = 0
    for paragraph, in_quote in paragraphs:
        if parts:
            offset += 2
        if in_quote:
            spans.append((offset, offset + len(paragraph)))
        parts.append(paragraph)
        offset += len(paragraph)
    url = meta.get("canonical") or meta.get("og:url") or meta.get("url")
    published = meta.get("date") or meta.get("published")
    return Article(
        id=slugify(stem),
        path=path,
        text="\n\n".join(parts),
        format="html",
        outlet=meta.get("og:site_name") or meta.get("sitename") or _domain(url) or stem,
        title=meta.get("title") or meta.get("og:title") or meta.get("html:title"),
        url=url,
        published=normalise_date(published) if published else None,
        author=meta.get("author"),
        blockquotes=tuple(spans),
        encoding=encoding,
    )


def _parse_html(text: str) -> lxml_html.HtmlElement | None:
    """The page as an lxml tree, or None when lxml cannot represent all of it (the fallback then reads it)."""
    try:
        # Bytes, not str: lxml refuses a str that carries an XML encoding declaration.
        tree = lxml_html.document_fromstring(text.encode("utf-8", "surrogatepass"), parser=_HTML_PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None
    # Past its depth limit libxml2 silently drops the deeper content; the streaming fallback keeps it.
    if any(error.type_name == "ERR_RESOURCE_LIMIT" for error in _HTML_PARSER.error_log):
        return None
    # <template> is never rendered; <noscript> holds "enable JavaScript" notices and tracking pixels.
    for element in list(tree.iter("template", "noscript")):
        element.drop_tree()
    return tree


def _page_metadata(tree: lxml_html.HtmlElement) -> dict[str, str]:
    """Metadata the page declares in its head (Open Graph, article:*, canonical link, <title>)."""
    meta: dict[str, str] = {}
    names = {
        "og:site_name": "og:site_name",
        "application-name": "og:site_name",
        "og:title": "og:title",
        "og:url": "og:url",
        "article:published_time": "published",
        "date": "published",
        "dc.date": "published",
        "citation_publication_date": "published",
        "author": "author",
        "article:author": "author",
    }
    for element in tree.iter("meta", "link", "title"):
        if element.tag == "title":
            meta.setdefault("html:title", " ".join((element.text or "").split()))
            continue
        if element.tag == "link":
            if "canonical" in (element.get("rel") or "").lower().split() and element.get("href"):
                meta.setdefault("canonical", element.get("href", "").strip())
            continue
        key = (element.get("property") or element.get("name") or element.get("itemprop") or "").lower()
        content = " ".join((element.get("content") or "").split())
        if key in names and content:
            meta.setdefault(names[key], content)
    return {k: v for k, v in meta.items() if v}


def _mark_inline_quotes(tree: lxml_html.HtmlElement) -> None:
    """Turn ``<q>`` elements into text between curly marks (‘ ’ when nested) so they are found as quotes."""
    depths = {q: sum(1 for _ in q.iterancestors("q")) for q in tree.iter("q")}
    for q, depth in depths.items():
        opening, closing = ("\u201c", "\u201d") if depth % 2 == 0 else ("\u2018", "\u2019")
        q.text = opening + (q.text or "")
        if len(q):
            q[-1].tail = (q[-1].tail or "") + closing
        else:
            q.text += closing
    for q in depths:
        q.drop_tag()


def _trafilatura(tree: lxml_html.HtmlElement, guess_date: bool = True) -> etree._Element | None:
    """The main text as trafilatura's XML (<doc> with metadata attributes, <main> with p/head/list/quote)."""
    import trafilatura  # imported here: it is slow to import and text-only runs never need it

    try:
        result = trafilatura.extract(
            tree,
            output_format="xml",
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            include_formatting=False,
            deduplicate=False,
            # htmldate's extensive search reads dates out of the text too ("the meeting on March 7, 2022").
            date_extraction_params=None if guess_date else {"original_date": True, "extensive_search": False},
        )
        return etree.fromstring(result) if result else None
    except Exception:  # noqa: BLE001 - a third-party parser on hostile input; the fallback below still runs
        return None


def _xml_paragraphs(doc: etree._Element) -> list[tuple[str, bool]]:
    """Paragraphs of trafilatura's <main>, each flagged when it sits in a <quote> (a blockquote)."""
    main = doc.find("main")
    paragraphs: list[tuple[str, bool]] = []
    if main is None:
        return paragraphs

    def add(text: str | None, in_quote: bool) -> None:
        cleaned = _clean(text or "")
        if cleaned:
            paragraphs.append((cleaned, in_quote))

    def walk(element: etree._Element, in_quote: bool) -> None:
        add(element.text, in_quote)
        for child in element:
            quoted = in_quote or child.tag == "quote"
            if child.tag in _BLOCK_XML and any(grand.tag in _BLOCK_XML for grand in child):
                walk(child, quoted)
            else:
                add(_inline_text(child), quoted)
            add(child.tail, in_quote)

    try:
        walk(main, False)
    except RecursionError:
        return []
    return paragraphs


def _inline_text(element: etree._Element) -> str:
    parts = [element.text or ""]
    for child in element:
        if child.tag == "lb":
            parts.append("\n")
        elif child.tag == "quote":
            parts.append("\u201c" + _inline_text(child) + "\u201d")
        else:
            parts.append(_inline_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _clean(text: str) -> str:
    """Collapse runs of whitespace as a browser does, keeping explicit line breaks (<br>)."""
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _domain(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


class _TextCollector(HTMLParser):
    """Fallback extractor: paragraphs of visible text, streamed, so no nesting depth can break it.

    Used when trafilatura finds nothing (very short pages, markup nested past lxml's depth limit). Prefers the
    paragraphs inside <article> when the page has one.
    """

    SKIP = frozenset(
        {"script", "style", "template", "noscript", "title", "nav", "footer", "aside", "header", "form",
         "button", "select", "textarea", "svg", "math", "iframe", "object", "canvas"}
    )  # fmt: skip
    BLOCK = frozenset(
        {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
         "blockquote", "pre", "tr", "td", "th", "table", "dd", "dt", "dl", "figcaption", "hr", "body", "html"}
    )  # fmt: skip

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[tuple[str, bool, bool]] = []  # text, in blockquote, in <article>
        self._buffer: list[str] = []
        self._skip: list[str] = []
        self._quote = 0
        self._article = 0
        self._q = 0

    def flush(self) -> None:
        text = _clean("".join(self._buffer))
        self._buffer = []
        if text:
            self.paragraphs.append((text, self._quote > 0, self._article > 0))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skip or tag in self.SKIP:
            if tag in self.SKIP:
                self._skip.append(tag)
            return
        if tag == "br":
            self._buffer.append("\n")
        elif tag == "q":
            self._buffer.append("\u201c" if self._q % 2 == 0 else "\u2018")
            self._q += 1
        elif tag in self.BLOCK:
            self.flush()
            self._quote += tag == "blockquote"
            self._article += tag == "article"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self._skip and tag in ("br", "hr", "p"):
            self._buffer.append("\n") if tag == "br" else self.flush()

    def handle_endtag(self, tag: str) -> None:
        if self._skip:
            if tag in self._skip:
                while self._skip.pop() != tag:
                    pass
            return
        if tag == "q" and self._q:
            self._q -= 1
            self._buffer.append("\u201d" if self._q % 2 == 0 else "\u2019")
        elif tag in self.BLOCK:
            self.flush()
            if tag == "blockquote":
                self._quote = max(0, self._quote - 1)
            elif tag == "article":
                self._article = max(0, self._article - 1)

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._buffer.append(data)


def _fallback_paragraphs(text: str) -> list[tuple[str, bool]]:
    collector = _TextCollector()
    try:
        collector.feed(text)
        collector.close()
    except (AssertionError, ValueError):  # html.parser's own complaints about malformed declarations
        pass
    collector.flush()
    in_article = [(t, q) for t, q, a in collector.paragraphs if a]
    return in_article or [(t, q) for t, q, _ in collector.paragraphs]
