"""Reading anonymous descriptions and company cues in an article's text, for ``resolve``.

A description is read whole: back from its head noun to its determiner ("A senior Indian official") and on over
its post-modifier ("one analyst" + " at a Frankfurt bank", "a Democratic aide" + " briefed on the talks"); "the
official" finds the fuller description of the same head used before it. Company cues are what an article says of
a company and never of a person ("OceanGate, the company", "co-founded OceanGate", "Disney's chief executive").
"""

from __future__ import annotations

import re

from quotediff.extract.lexicon import lexicon
from quotediff.extract.tokens import AUX, MONTHS, PREPOSITIONS, TIME_WORDS

DEFINITE = frozenset("the this that these those same".split())
INDEFINITE = frozenset("a an one another two three several some".split())
WORD_TOKEN_RE = re.compile(r"(?:[A-Z]\.){2,}|[\w’'\-]+|[^\w\s]")
_FUNCTION = frozenset("the a an of and for at from on in with to by".split())
# After a description's head, these open a post-modifier that belongs to it: "one analyst at a Frankfurt bank",
# "a Democratic aide briefed on the talks". Prepositions alone, or a participle and its preposition.
_POST_OPENERS = frozenset("at from for on in of with".split())
_POST_PARTICIPLES = frozenset("involved briefed familiar close based working".split())
_POST_STOP = frozenset("who which that whose when while as and but or said says".split())
ROLE_STOP = _POST_STOP  # a role next to a name ends at the same words
_COMPANY_NOUN_RE = re.compile(
    r"(?:company|firm|startup|start-up|operator|corporation|conglomerate|chain|manufacturer|maker|insurer"
    r"|lender|broadcaster|network|agency)\b(?=\s*[,.;)]|\s+(?:that|which|whose|behind|said|says|has|had|is|was)\b)"
)  # not "Rush, the company's chief executive"
_COMPANY_BEFORE_RE = re.compile(r"\b([A-Z][\w\-]+(?: [A-Z][\w\-]+)*)(?:['’]s)?,? (?:the |a |an )?(?:[\w\-]+ ){0,2}$")
_FOUNDED_RE = re.compile(r"founded ([A-Z][\w\-]+)\b")  # "founded X", "co-founded X"
_COMPANY_ROLE_RE = re.compile(
    r"(?:chief executive|CEO|co-founder|founder|shares|shareholders|headquarters|board of directors)\b"
)
_COMPANY_OWNER_RE = re.compile(r"\b([A-Z][\w\-]+)(?:['’]s)?$")


def stem(word: str) -> str:
    """A crude key for matching modifiers: "Brazilian" ~ "Brazil's" ~ "brazil"."""
    return word.lower().replace("’s", "").replace("'s", "").rstrip(".")[:5]


def earlier_description(text: str, mention: str, start: int) -> tuple[str, int] | None:
    """For "the official", "the same official", bare "diplomats": the fuller description of the same head
    used last before it ("A senior Indian official", "Western diplomats"), with its offset."""
    words = mention.split()
    if not words:
        return None
    first = words[0].lower()
    content = [w for w in words if w.lower() not in DEFINITE]
    if not content or not (first in DEFINITE or (len(words) == 1 and first.endswith("s"))):
        return None
    head = content[-1]
    mods = {stem(w) for w in content[:-1]}
    window = max(0, start - 4000)
    for match in reversed(list(re.finditer(rf"\b{re.escape(head)}\b", text[window:start], re.I))):
        found = _description_at(text, window + match.start(), window + match.end())
        if found is None:
            continue
        phrase, begin = found
        own = [w for w in phrase.split() if w.lower() not in DEFINITE]
        fuller = len(own) > len(content) or phrase.split()[0].lower() in INDEFINITE  # not "The admiral" again
        if fuller and mods <= {stem(w) for w in phrase.split()}:
            return phrase, begin
    return None


def _description_at(text: str, head_start: int, head_end: int) -> tuple[str, int] | None:
    """The description ending in the head word at head_start: back to its determiner, plus its post-modifier."""
    lex = lexicon()
    lo = max(0, head_start - 80)
    toks = [(m.start(), m.group()) for m in WORD_TOKEN_RE.finditer(text, lo, head_start)]
    begin = head_start
    modifiers = 0
    for offset, word in reversed(toks):
        low = word.lower()
        if low in INDEFINITE or low == "the":
            begin = offset
            break
        broken = "\n" in text[offset:begin]  # a description never runs back over a line break ("1987\n\nPresident")
        if not (word[:1].isalnum() or word == "-") or low in PREPOSITIONS or low in _POST_STOP or broken:
            if modifiers == 0:
                return None
            break
        if (low in lex.verbs and low not in lex.anonymous_heads) or low in AUX or modifiers >= 5:
            return None
        begin = offset
        modifiers += 1
    return text[begin:head_end] + post_modifier(text, head_end), begin


def post_modifier(text: str, end: int) -> str:
    """ " at a Frankfurt bank", " involved in the negotiations" after a description's head; "" when none."""
    lex = lexicon()
    toks = [(m.start() + end, m.end() + end, m.group()) for m in WORD_TOKEN_RE.finditer(text[end : end + 160])]
    i = 0
    if len(toks) > 1 and toks[0][2].lower() in _POST_PARTICIPLES and toks[1][2].lower() in _POST_OPENERS:
        i = 2
    elif toks and toks[0][2].lower() in _POST_OPENERS:
        i = 1
    else:
        return ""
    if i >= len(toks) or toks[i][2].lower() in TIME_WORDS or toks[i][2].lower() in MONTHS:
        return ""
    last = None
    for k in range(i, min(len(toks), i + 9)):
        word = toks[k][2]
        low = word.lower()
        joins = low == "and" and toks[k - 1][2][:1].isupper() and k + 1 < len(toks) and toks[k + 1][2][:1].isupper()
        if not joins and (
            not word[:1].isalnum() or low in _POST_STOP or low in AUX or (low in lex.verbs and word.islower())
        ):
            break
        if low in TIME_WORDS and k > i:
            break
        last = k
    while (
        last is not None and last >= i and (toks[last][2].lower() in _FUNCTION or toks[last][2].lower() in INDEFINITE)
    ):
        last -= 1  # "a summary of the call": never end on "of the"
    if last is None or last < i:
        return ""
    return text[end : toks[last][1]]


def company_words(text: str) -> set[str]:
    """Words of the names the article says are companies: "OceanGate, the company", "co-founded OceanGate",
    "Disney's chief executive" (a person has a spokesman or a campaign manager, but no chief executive)."""
    # (the patterns start with a literal, which the regex engine scans for fast; word starts are checked here)
    companies = {
        m.group(1)
        for m in _FOUNDED_RE.finditer(text)
        if not text[m.start() - 1 : m.start()].isalpha() or text[m.start() - 3 : m.start()] == "co-"
    }
    for cue in _COMPANY_ROLE_RE.finditer(text):
        if text[cue.start() - 1 : cue.start()] != " ":
            continue
        owner = _COMPANY_OWNER_RE.search(text, max(0, cue.start() - 41), cue.start() - 1)
        if owner is not None:
            companies.add(owner.group(1))
    for noun in _COMPANY_NOUN_RE.finditer(text):
        if noun.start() and (text[noun.start() - 1].isalnum() or text[noun.start() - 1] == "_"):
            continue
        before = _COMPANY_BEFORE_RE.search(text, max(0, noun.start() - 60), noun.start())
        if before is not None:
            companies.update(before.group(1).split())  # "OceanGate Expeditions, the company"
    return companies
