"""Titles of works and credited headlines in quote marks: “Guardians of the Galaxy”, “The Lead with Jake Tapper”,
"…," by Times' Ben Sisario. They are no one's statement, whatever verb their sentence has.
"""

from __future__ import annotations

import re

from quotediff.extract.sites import QuoteSite

# Words a title leaves in lower case: "Guardians of the Galaxy", "The Lead with Jake Tapper", "Los Hijos de Trump".
_TITLE_SMALL = frozenset(
    "a an the and or nor but of in on at to for with from by over into as via vs de del la le les los las y und der"
    " die das et".split()
)
_TITLE_WORD_RE = re.compile(r"[^\W_][\w'’.-]*")
# A sentence ends inside: a stop after a word longer than an abbreviation ("Mr. and Mrs. Khan" stays a name).
_SENTENCE_IN_RE = re.compile(r"[a-z]{3,}[.?]\s|[!?]\s+[A-Z]")
# "…," by Times' Ben Sisario: the quote is a headline credited to its author (not "“a disaster” by any measure").
_BY_AUTHOR_RE = re.compile(r"\s*(?:,\s*)?by\s+(?:the\s+)?[A-Z][\w.]*(?:['’]s?)?(?:\s+[A-Z][\w.]*)*\s+[A-Z]")
# Before a title-cased quote, a headline's speaker ("Trump: ‘I’m the Worst Thing …’") or speech verb ("Hollande
# Says Trump ‘Makes You Want To Retch’") makes it a statement; a preposition before the mark ("said on “Meet the
# Press”") makes it a title again.
_SAYS_BEFORE_RE = re.compile(
    r":\s*$|\b(?:[Ss]ays?|[Ss]aid|[Tt]ells|[Tt]old|[Ww]arns|[Ww]rites|[Ww]rote|[Tt]weets|[Tt]weeted|[Aa]sks)\b"
)
_PREPOSITION_BEFORE_RE = re.compile(r"\b(?:on|in|of|to|for|at|from|with|the|a|an)\s*$", re.I)


def names_a_work(text: str, site: QuoteSite) -> bool:
    """A quote that is a title (“The Nightly Show with Larry Wilmore”, “Perfect Enough: Carly Fiorina and the
    Reinvention of Hewlett-Packard”) or a headline credited to its author ("…," by Times' Ben Sisario), not a
    statement, whatever verb the sentence has ("starred in “Guardians of the Galaxy,” posted the clip")."""
    if site.marks in ("blockquote", "transcript") or site.continues:
        return False
    inner = text[site.start : site.end].rstrip()
    comma = inner.endswith(",") or text.startswith(",", site.close_end)
    if comma and _BY_AUTHOR_RE.match(text, site.close_end):
        return True
    # an exclamation or a question is no title ("What a Super Tuesday!"); nor is a long quote (cheap checks first)
    if len(inner) > 160 or not inner[:1].isupper() or inner.endswith(("!", "?")):
        return False
    inner = inner.rstrip(".,;:")
    words = _TITLE_WORD_RE.findall(inner)
    if not 2 <= len(words) <= 14 or inner.isupper():
        return False
    # every word capitalised but the small ones, and at least two capitals (a name is not one word)
    capitals = sum(1 for word in words if word[:1].isupper() or word[:1].isdigit())
    small = sum(1 for word in words[1:] if word in _TITLE_SMALL)
    if capitals + small != len(words) or capitals < 2 or _SENTENCE_IN_RE.search(inner):
        return False
    lead = max(site.para_start, site.open_start - 60)
    if _SAYS_BEFORE_RE.search(text, lead, site.open_start) and not _PREPOSITION_BEFORE_RE.search(
        text, lead, site.open_start
    ):
        return False
    return not _headline(text, site.para_start, site.para_end)  # in a headline every word is capitalised


def _headline(text: str, start: int, end: int) -> bool:
    """A short paragraph in title case: "Trump: Cruz Has ‘To Come a Long Way’ On Ethanol"."""
    if end - start > 200:
        return False
    long_words = [word for word in _TITLE_WORD_RE.findall(text, start, end) if len(word) > 3]
    return len(long_words) >= 3 and sum(1 for word in long_words if word[:1].isupper()) >= 0.8 * len(long_words)
