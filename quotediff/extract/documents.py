"""A document as the source of a quote: "The memo quotes Vell as saying …", "the inspector's May 3 report quoted
Deputy Director Vell as follows:", "The minutes say Marsh told …", "… in a purported memo", "the leaked memo, in
which Vell said …".

The person quoted is the speaker; the document (or the party quoting: "the envoy quoted a senior official as
saying in a purported memo") is a cited source, not the speaker the nearest subject would make it.
"""

from __future__ import annotations

import re

from quotediff.extract.claims import without_opener
from quotediff.extract.frames import Frame, frame_before, frame_before_in, says_words
from quotediff.extract.lexicon import Lexicon, is_outlet, outlet_like, phrase_re, word_alternation
from quotediff.extract.mentions import Mention, clause_subject, mention_before
from quotediff.extract.mentions_after import mention_after
from quotediff.extract.tokens import Tok, tokens
from quotediff.extract.window import Window
from quotediff.model import Span

_DOCUMENTS = (
    "memo|memos|memorandum|cable|cables|document|documents|report|letter|email|emails|e-mail|transcript|filing"
    "|minutes|notes|record|records|recording|statement|complaint|indictment|lawsuit|affidavit|deposition|dossier"
    "|file|files|diary|log|brief|briefing|ruling|judgment|leak|message|messages|text|texts|recording|readout"
    "|reports|article|articles|dissent|decision|editorial|column|essay|tweet|tweets|video|videos|footage|clip"
)

# "quotes Vell as saying", "quoted the director saying that", "cites a senior official as telling", "as follows"
_QUOTES_AS_RE = re.compile(
    r"\b(?P<verb>quotes|quoted|quoting|cites|cited|citing)\s+(?P<who>[^,;:.!?“”\"«»]{2,80}?)"
    r"(?:\s*,[^,;:.!?“”\"«»]{2,80},)?\s+"  # "quoted Trump, based on a source in the meeting, saying"
    r"(?:(?P<as>as\s+)?(?P<how>saying|telling|writing|stating|declaring|warning|adding|quoting|responding|replying"
    r"|asking|arguing|insisting|explaining|describing|calling|admitting|having\s+said|having\s+told)"
    r"|as\s+(?P<follows>follows))\b"
)
# The document named after the quoting clause: "as saying in a purported memo", "in a leaked cable".
_IN_DOCUMENT_RE = re.compile(
    rf"\s*(?P<src>\b(?:in|from)\s+(?P<doc>(?:(?:an?|the|his|her|its|their)\s+|(?:purported|alleged|leaked|secret)\s+)"
    rf"(?:[\w’'-]+\s+){{0,4}}?(?:{_DOCUMENTS}|cipher|cypher)))\b",
    re.I,
)
_LEMMAS = {"having said": "say", "having told": "tell", "stating": "state", "declaring": "declare"}


def _span(text: str, start: int, end: int) -> Span:
    return Span(start, end, text[start:end])


def frame_quotes_as(win: Window, *, after: bool) -> Frame | None:
    """X quotes Y as saying “…”: Y speaks, X (the document or the party quoting it) is the source; read before
    the opening mark or, with ``after``, after the closing mark ("“…,” the report cited an official as saying")."""
    lo, pos = (win.close_end, win.s_end) if after else (win.s_start, win.open_start)
    return quotes_as_in(win.masked, win.text, win.lex, lo, pos, after=after)


def quotes_as_in(masked: str, text: str, lex: Lexicon, lo: int, pos: int, *, after: bool = False) -> Frame | None:
    """``frame_quotes_as`` over ``masked[lo:pos]``: also a lead-in paragraph ("The Post quoted Trump, based on a
    source in the room, saying:")."""
    window = masked[lo:pos]
    if "quot" not in window and "cit" not in window:
        return None  # the common case, at the cost of two substring scans
    matches = list(_QUOTES_AS_RE.finditer(masked, lo, pos))
    if not matches:
        return None
    match = matches[-1]
    toks = tokens(masked, match.start("who"), match.end("who"))
    speaker = mention_after(toks, 0, text, lex, loose=True) if toks else None
    if speaker is None:
        return None
    party: list[Span] = []
    if match.group("how") == "quoting":
        # "the report cited an official as quoting Zelensky": Zelensky speaks, the official passes it on
        rest = tokens(masked, match.end(), min(len(masked), match.end() + 120))
        quoted = mention_after(rest, 0, text, lex, loose=True) if rest else None
        if quoted is None:
            return None
        party.append(_span(text, speaker.start, speaker.end))
        speaker = quoted
    if match.group("how"):
        vs, ve = match.span("how")
        phrase = " ".join(masked[vs:ve].split()).lower()
        lemma = _LEMMAS.get(phrase) or phrase.removesuffix("ing").removesuffix("e")
        verb = lex.verbs.get(phrase)
        lemma, tone = (verb.lemma, verb.tone) if verb is not None else (lemma, "neutral")
    else:
        vs, ve = match.span("verb")
        lemma, tone = "quote", "neutral"
    sources: list[Span] = []
    # the subject of "quotes": the sentence up to the verb, after a leading phrase ("In May, the memo quotes")
    head = masked[lo : match.start("verb")]
    cut = max(head.rfind(","), head.rfind(":")) + 1
    s, e = lo + cut, match.start("verb")
    while s < e and masked[s].isspace():
        s += 1
    while e > s and masked[e - 1].isspace():
        e -= 1
    last = masked.rfind(" ", s, e) + 1
    if last > s and masked[last:e].lower() in _LEAD_ADVERBS:  # "The Times likewise cites"
        e = last - 1
    if s < e and len(masked[s:e].split()) <= 10:
        sources.append(_span(text, s, e))
    named_in = _IN_DOCUMENT_RE.match(masked, match.end(), pos)
    if named_in is not None:
        sources.append(_span(text, *named_in.span("src")))
    if not after:
        # "The paper cited sources as saying that, in October, Mr Johnson told a meeting: “…”": Johnson speaks
        inner = frame_before_in(masked, text, match.end(), pos, lex)
        named = inner is not None and inner.speaker is not None and inner.speaker.kind == "named"
        if inner is not None and named and says_words(inner):
            told = (*inner.sources, *sources, *party, _span(text, speaker.start, speaker.end))
            return Frame(inner.speaker, inner.verb, inner.lemma, inner.tone, inner.addressee, inner.how, told)
    return Frame(speaker, _span(text, vs, ve), lemma, tone, None, "before", tuple(sources + party))


_DOCUMENT_WORDS = frozenset(_DOCUMENTS.split("|"))
_DOCUMENT_WORD_RE = phrase_re(tuple(_DOCUMENTS.split("|")))  # (a trie the regex engine can skip through)
_REPORTS = frozenset(
    "says say said shows show showed states stated notes noted records recorded reads read claims claimed alleges"
    " alleged suggests suggested".split()
)
_OPENERS = frozenset("the a an one his her its their multiple several many some early".split())
# "One report yesterday claimed …": when the document spoke comes between it and its verb
_WHEN_WORDS = frozenset("yesterday today monday tuesday wednesday thursday friday saturday sunday also".split())


def document_sources(win: Window, lo: int, hi: int) -> tuple[Span, ...]:
    """Documents the quote's sentence (``lo`` .. ``hi``: the window's, or one widened to reach the frame) names as
    where the words come from: "The minutes say …", "the leaked memo, in which …". Read over the sentence's
    tokens, so a sentence without a document costs a few set lookups."""
    text = win.text
    found: list[Span] = []
    toks: list[Tok] = []
    if _DOCUMENT_WORD_RE.search(win.masked, lo, hi):  # (most sentences name no document: a cheap test first)
        toks = win.sentence.toks if (lo, hi) == (win.s_start, win.s_end) else tokens(win.masked, lo, hi)
    for k, tok in enumerate(toks):
        if tok.text.lower() not in _DOCUMENT_WORDS or k + 1 >= len(toks):
            continue
        at = k + 2 if toks[k + 1].text.lower() in _WHEN_WORDS and k + 2 < len(toks) else k + 1
        nxt = toks[at].text.lower()
        after = toks[at + 1].text.lower() if at + 1 < len(toks) else ""
        if nxt == "," and after == "in":  # "the leaked memo, in which"
            nxt, after = after, toks[k + 3].text.lower() if k + 3 < len(toks) else ""
        if nxt not in _REPORTS and not (nxt == "in" and after == "which"):
            continue
        start = next((m for m in range(k - 1, max(-1, k - 6), -1) if toks[m].text.lower() in _OPENERS), None)
        if start is not None and all(t.text[:1].isalnum() for t in toks[start:k]):
            found.append(_span(text, toks[start].start, tok.end))
    telling = _TELLING_STEM_RE.search(win.masked, lo, min(hi, win.open_start)) is not None
    for match in _OUTLET_TELLS_RE.finditer(win.masked, lo, min(hi, win.open_start)) if telling else ():
        s, e = match.span("outlet")
        if is_outlet(text[s:e], win.lex) and not any(f.start <= s < f.end for f in found):
            found.append(_span(text, s, e))  # "The Atlantic revealed that President Trump called them “…”"
    return tuple(found)


# An outlet telling of the words before the quote, in the quote's sentence (its verbs' stems: a cheap test first)
_TELLING_STEM_RE = re.compile(r"reveal|report|wr[io]te|claim|alleg")
_OUTLET_TELLS_RE = re.compile(
    r"(?<![\w’'])(?P<outlet>(?:[Tt]he\s+)?[A-Z][\w&.’'-]*(?:\s+[A-Z][\w&.’'-]*){0,4})\s+(?:has\s+|had\s+|also\s+)?"
    r"(?:revealed|reveals|reported|reports|wrote|writes|claimed|claims|alleged|alleges)\b"
)


_SPEECHES = frozenset("speech speeches address manifesto remarks message sermon lecture eulogy".split())
_DELIVER_VERBS = frozenset("delivered gave made read issued offered presented".split())
_AUTHOR_RE = re.compile(word_alternation("written|authored|drafted|penned|signed|prepared") + r"\s+by\s+")


def document_author(frame: Frame, masked: str, text: str, lex: Lexicon) -> Frame:
    """A document as the speaker, with its author named beside it: "The draft, which Politico reported was written
    by Justice Samuel Alito, says that Roe was “…”" — Alito speaks, the draft is the source."""
    speaker, verb = frame.speaker, frame.verb
    if speaker is None or verb is None or verb.start <= speaker.end:
        return frame
    head = speaker.text.split()[-1].lower() if speaker.text.split() else ""
    if head in _SPEECHES:
        # "Trump … delivered a fiery nationalist manifesto that promised … “…”": who delivered it speaks
        line_start = masked.rfind("\n", 0, speaker.start) + 1
        toks = tokens(masked, line_start, speaker.start)
        at = next((k for k in range(len(toks) - 1, -1, -1) if toks[k].text.lower() in _DELIVER_VERBS), None)
        subject = clause_subject(toks, 0, at + 1, text, lex) if at is not None else None
        if subject is not None and subject.kind == "named":
            return Frame(subject, verb, frame.lemma, frame.tone, frame.addressee, frame.how, frame.sources)
        return frame
    if head not in _DOCUMENT_WORDS and head not in ("draft", "opinion", "dissent", "essay", "op-ed", "column"):
        return frame
    match = _AUTHOR_RE.search(masked, speaker.end, verb.start)
    if match is None:
        return frame
    toks = tokens(masked, match.end(), verb.start)
    author = mention_after(toks, 0, text, lex, loose=True) if toks else None
    if author is None or author.kind not in ("named", "anonymous"):
        return frame
    source = _span(text, speaker.start, speaker.end)
    return Frame(author, verb, frame.lemma, frame.tone, frame.addressee, frame.how, (*frame.sources, source))


_ISSUED_RE = re.compile(
    word_alternation("released|issued|put out|sent|posted|said in|says in|wrote in|added in") + r"\s+(?:a|an)\s+"
)
_ISSUER_AFTER_RE = re.compile(r"\s+(?:from|by|released by|issued by)\s+")
_ISSUER_REACH = 1500


def document_issuer(masked: str, text: str, document: Mention, lex: Lexicon) -> Mention | None:
    """Who issued the document "the statement" points back to (the name it resolves to; the mention stays the
    document, which is how the sentence gives it): "a White House spokesperson said in a statement",
    "Raj Shah released a statement", "in a statement, a spokesperson clarified", "a statement from the embassy"."""
    words = document.text.split()
    if len(words) < 2 or words[0].lower() != "the" or words[-1].lower() not in _DOCUMENT_WORDS:
        return None
    head = words[-1].lower()
    lo = max(0, document.start - _ISSUER_REACH)
    earlier = list(re.finditer(rf"\b[Aa]n?\s+(?:[\w-]+\s+){{0,2}}{re.escape(head)}\b", masked[lo : document.start]))
    if not earlier:
        return None
    at = earlier[-1]
    start, end = lo + at.start(), lo + at.end()
    line_start = masked.rfind("\n", 0, start) + 1
    sentence_start = max(masked.rfind(". ", line_start, start) + 2, line_start)
    issued = next(reversed(list(_ISSUED_RE.finditer(masked, max(sentence_start, start - 16), end))), None)
    if issued is not None and issued.end() > start:  # "Raj Shah released a statement"
        toks = tokens(masked, sentence_start, issued.start())
        subject = mention_before(toks, len(toks), text, lex) if toks else None
        if subject is not None and subject.kind in ("named", "anonymous", "organisation"):
            return subject
    after = _ISSUER_AFTER_RE.match(masked, end)
    comma = masked.startswith(",", end)
    if after is not None or comma:
        toks = tokens(masked, after.end() if after is not None else end + 1, min(len(masked), end + 120))
        found = mention_after(toks, 0, text, lex, loose=True) if toks else None
        if found is not None and found.kind in ("named", "anonymous", "organisation"):
            return found
    return None


def is_document(mention: str) -> bool:
    """A mention whose head is a document: "the statement", "a leaked memo", "The draft"."""
    words = mention.split()
    return bool(words) and words[-1].lower() in _DOCUMENT_WORDS | {"draft", "opinion"}


_QUOTING_VERB_RE = re.compile(word_alternation("quotes|quoted|quoting|cites|cited|citing") + r"\b")
_LEAD_ADVERBS = frozenset("likewise also similarly meanwhile separately later earlier".split())


def quoting_parties(win: Window) -> tuple[Span, ...]:
    """Who passes the words on, named before the quote: "NDTV quotes an official saying Zelensky answered “…”",
    "The Times of Israel likewise cites an official who …": the outlet is a cited source."""
    masked, text, lo, pos = win.masked, win.text, win.s_start, win.open_start
    window = masked[lo:pos]
    if "quot" not in window and "cit" not in window:
        return ()
    found: list[Span] = []
    for match in _QUOTING_VERB_RE.finditer(masked, lo, pos):
        head = masked[lo : match.start()]
        cut = max(head.rfind(","), head.rfind(";"), head.rfind(":"), head.rfind("\n")) + 1
        words = list(re.finditer(r"[\w’'.&-]+", masked[lo + cut : match.start()]))
        while words and words[-1].group().lower() in _LEAD_ADVERBS:
            words.pop()
        if words and words[-1].group().lower() in ("is", "was", "were", "are", "be", "been", "being", "most", "widely"):
            continue  # "McCarthy is quoted as saying": the one quoted, not who quotes; "the most widely quoted"
        if not words or len(words) > 6 or not words[0].group()[:1].isupper():
            continue  # a subject that is a name or a document: "NDTV", "The Times of Israel", "The memo"
        start, end = lo + cut + words[0].start(), lo + cut + words[-1].end()
        found.append(_span(text, start, end))
    return tuple(found)


# "Musk’s tweet “Am considering …”", "her statement: “…”": the words of someone's tweet or statement, whole.
_POSSESSED_RE = re.compile(
    r"([A-Zht](?<![\w’'][A-Zht])(?:(?<=[A-Z])[\w.\-]*(?:\s+[A-Z][\w.\-]*){0,3}['’]s|(?<=[Hh])is|(?<=[Hh])er|(?<=[Tt])heir))\s+"
    r"(?:[\w-]+\s+){0,2}?(?:tweet|tweets|post|posting|message|statement|letter|memo|email|note|reply|response"
    r"|answer|speech|remarks|comment|comments)\s*[:,—–]?\s*[“”\"‘'«„]?\s*$"
)


def frame_possessed(win: Window, inner: str) -> Frame | None:
    """A quote that is the content of someone's tweet or statement: "The lawsuit claims Musk’s tweet “Am …” was
    false" (Musk tweeted it). Only a quote that opens with a capital is the content; "Khan's remarks “were
    reckless”" is the sentence's own words about them."""
    if not inner[:1].isupper():
        return None
    lead = win.masked[win.s_start : win.open_start]
    if "’s " not in lead and "'s " not in lead:
        return None  # no possessive: the common case
    match = _POSSESSED_RE.search(win.masked, win.s_start, win.open_start + 1)
    if match is None:
        return None
    s, e = match.span(1)
    lead = win.masked[max(win.s_start, s - 4) : s].lower()
    if re.search(r"\b(?:in|on)\s+$", lead) or win.text[s:e].lower() in ("his", "her", "their"):
        return None  # "Trump said in his statement: “…”": the sentence's own speaker and verb
    s = without_opener(win.text, s, e)
    # "The lawsuit claims Musk’s tweet “…”": the document whose claim it is, a source
    before = frame_before(win)
    speaker = before.speaker if before is not None else None
    sources = (Span(speaker.start, speaker.end, speaker.text),) if speaker and is_document(speaker.text) else ()
    return Frame(Mention(s, e - 2, win.text[s : e - 2], "named"), None, None, None, None, "colon", sources)


# "Her full remarks on the matter read:", "From the transcript of her remarks …:": the words' owner introduces them
_OWNED_WORDS_RE = re.compile(
    r"([A-Zht](?<![\w’'][A-Zht])(?:(?<=[A-Z])[\w.\-]*(?:\s+[A-Z][\w.\-]*){0,3}(?=['’]s\s)|(?:(?<=[Hh])is|(?<=[Hh])er|(?<=[Tt])heir)\b))(?:['’]s)?\s+"
    r"(?:[\w-]+\s+){0,2}?(?:remarks|words|quote|statement|comments|speech|message|transcript|testimony|answer"
    r"|reply|response|tweet|post|letter|line|lines)\b"
)
_WORDS_NOUN_RE = re.compile(
    word_alternation("remarks|quote|quotation|statement|comments|speech|transcript|passage", ignore_case=True) + r"\b",
    re.I,
)


def frame_lead_in(masked: str, text: str, lo: int, hi: int, before: int, lex: Lexicon) -> Frame | None:
    """A colon paragraph that introduces someone's words without a speech verb: "Her full remarks read:" (her),
    "The full quote:" after "Pelosi spoke to the counties." (the sentence before names her)."""
    owned = _OWNED_WORDS_RE.search(masked, lo, hi)
    if owned is not None:
        s, e = owned.span(1)
        s = without_opener(text, s, e)  # "In Vell’s own words:" names Vell
        word = text[s:e]
        kind = "pronoun" if word.lower() in ("his", "her", "their") else "named"
        return Frame(Mention(s, e, word, kind), None, None, None, None, "previous")
    if _WORDS_NOUN_RE.search(masked, lo, hi) is None or before >= lo:
        return None
    toks = tokens(masked, before, lo)
    subject = clause_subject(toks, 0, len(toks), text, lex) if toks else None
    if subject is None or subject.kind not in ("named", "pronoun"):
        return None
    return Frame(subject, None, None, None, None, "previous")


_CAPITALS_BEFORE_RE = re.compile(r"(?<![\w.&-])(?:[A-Z][\w.&-]*\s+)+$")


def reported_by(frame: Frame, after: Frame, text: str, lex: Lexicon) -> Frame:
    """The frame, with the outlet that the clause after the quote says reported it as a cited source."""
    outlet = after.speaker
    if outlet is None or after.how != "after":
        return frame
    # "the Daily Harbour reported": the name's capitalised words the mention left out
    run = _CAPITALS_BEFORE_RE.search(text, max(0, outlet.start - 80), outlet.start)
    start = run.start() if run is not None else outlet.start
    if not outlet_like(text[start : outlet.end], lex):
        return frame
    sources = (*frame.sources, Span(start, outlet.end, text[start : outlet.end]))
    return Frame(frame.speaker, frame.verb, frame.lemma, frame.tone, frame.addressee, frame.how, sources)
