"""Plain text and Markdown: front matter, the head lines (title, byline, dateline, outlet) and dates.

The article text is the file as decoded, so a quote's offsets index the file.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from quotediff.load.language import detect_language
from quotediff.model import Article

_TITLE_MAX = 200  # a first line longer than this is the body, not a title


_FRONT_MATTER_KEYS = {
    "outlet": "outlet",
    "source": "outlet",
    "site": "outlet",
    "publication": "outlet",
    "title": "title",
    "url": "url",
    "link": "url",
    "published": "published",
    "date": "published",
    "author": "author",
    "byline": "author",
}


_FRONT_MATTER_OPEN = re.compile(r"\A---[ \t]*\r?\n")


_FRONT_MATTER_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.M)


_FRONT_MATTER_LINE = re.compile(r"^[ \t]*([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*$")


_FRONT_MATTER_MAX = 8192  # a "---" line further down is a horizontal rule, not the end of front matter


def front_matter(text: str) -> tuple[dict[str, str], int] | None:
    """Parse a ``---`` block of ``key: value`` lines at the very start; return the fields and body offset."""
    opening = _FRONT_MATTER_OPEN.match(text)
    if not opening:
        return None
    closing = _FRONT_MATTER_CLOSE.search(text, opening.end(), opening.end() + _FRONT_MATTER_MAX)
    if not closing:
        return None
    fields: dict[str, str] = {}
    for line in text[opening.end() : closing.start()].splitlines():
        match = _FRONT_MATTER_LINE.match(line)
        key = _FRONT_MATTER_KEYS.get(match.group(1).lower()) if match else None
        if match and key and key not in fields:
            value = match.group(2)
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1]
            if value:
                fields[key] = value
    return fields, closing.end()


def text_article(text: str, *, path: str, stem: str, fmt: str, encoding: str) -> Article:
    parsed = front_matter(text)
    fields, body_start = parsed if parsed else ({}, 0)
    head = _text_head(text[body_start : body_start + 4000], stem)
    published = fields.get("published")
    return Article(
        id=slugify(stem),
        path=path,
        text=text,
        format=fmt,
        # Without metadata the outlet is the file stem as written ("karachi-evening-star"): title-casing it
        # would guess wrong for names like "nyt" or "bbc-urdu", and the stem is what the user named the file.
        # A byline or dateline naming the outlet in full ("By Tom Okafor, Prairie Wire") wins over the stem,
        # but only when that name slugifies to the stem, so an unrelated phrase is never taken for the outlet.
        outlet=fields.get("outlet") or head.get("outlet") or stem,
        title=fields.get("title") or head.get("title"),
        url=fields.get("url"),
        published=normalise_date(published) if published else head.get("published"),
        author=fields.get("author") or head.get("author"),
        body_start=body_start,
        encoding=encoding,
        language=detect_language(text[body_start:]),
    )


_HEAD_LINES = 6  # title, byline, dateline: all within the first few lines of a plain-text article


_BYLINE = re.compile(r"^by\s+(.+)$", re.IGNORECASE)


_PARENTHESISED = re.compile(r"\(([^()\n]{2,60})\)")


_HEAD_SEPARATOR = re.compile(r"\s+[-\u2013\u2014|]\s+|\s*\|\s*")


def _names_outlet(phrase: str, stem: str) -> bool:
    """Whether a phrase names the outlet in the file name ("The Coastline Herald", coastline-herald.txt)."""
    slug, target = slugify(phrase), slugify(stem)
    return bool(phrase.strip()) and len(phrase) <= 60 and target in (slug, slug.removeprefix("the-"))


def _outlet_case(phrase: str) -> str:
    phrase = " ".join(phrase.split())
    return phrase.title() if phrase.isupper() else phrase


def _text_head(body: str, stem: str) -> dict[str, str]:
    """Title, author, date and outlet from the first lines of an article without front matter.

    The title is the first non-empty line when short; a later line "By <name>[, <outlet>]" gives the author; a
    short line that is a date gives the publication date; an outlet named in a byline or a dateline
    ("WASHINGTON (Prairie Wire) -") is used when it matches the file stem.
    """
    lines = [line.strip() for line in body.splitlines() if line.strip()][:_HEAD_LINES]
    found: dict[str, str] = {}
    if not lines:
        return found
    title = lines[0].lstrip("#").strip()
    if title and len(title) <= _TITLE_MAX:
        found["title"] = title
    for line in lines[1:]:
        byline = _BYLINE.match(line)
        if byline and len(line) <= 120 and "author" not in found:
            name, _, rest = byline.group(1).partition(",")
            name = re.split(r"\s+in\s+(?=[A-Z])", name)[0].strip()
            if name:
                found["author"] = name
            if _names_outlet(rest, stem):
                found["outlet"] = _outlet_case(rest)
            continue
        # "The Coastline Herald — Saturday, July 22, 2023", "NORTHSTAR DISPATCH - Washington bureau"
        for part in [line, *_HEAD_SEPARATOR.split(line)]:
            if len(part) <= 40 and "published" not in found and (day := normalise_date(part)):
                found["published"] = day
            elif _names_outlet(part, stem):
                found.setdefault("outlet", _outlet_case(part))
        for named in _PARENTHESISED.findall(line):
            if _names_outlet(named, stem):
                found.setdefault("outlet", _outlet_case(named))
    return found


_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}


_ISO_DATE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")


_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})")


_MONTH_DAY_YEAR = re.compile(r"([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")


def normalise_date(value: str) -> str | None:
    """``2023-08-10`` from "2023-08-10T09:00Z", "10 August 2023", "Aug. 10, 2023"; None when unparseable.

    Numeric day/month orders ("10/08/2023") are ambiguous and give None rather than a guess.
    """
    candidates: list[tuple[str, str, str]] = []
    if match := _ISO_DATE.search(value):
        candidates.append((match.group(1), match.group(2), match.group(3)))
    if match := _DAY_MONTH_YEAR.search(value):
        candidates.append((match.group(3), match.group(2), match.group(1)))
    if match := _MONTH_DAY_YEAR.search(value):
        candidates.append((match.group(3), match.group(1), match.group(2)))
    for year, month, day in candidates:
        month_number = int(month) if month.isdigit() else _MONTHS.get(month.lower())
        if month_number is None:
            continue
        try:
            return date(int(year), month_number, int(day)).isoformat()
        except ValueError:
            continue
    return None


def slugify(name: str) -> str:
    """An id from a file name: lowercase ASCII letters, digits, hyphens ("Dawn Ledger" -> "dawn-ledger")."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug or "article"
