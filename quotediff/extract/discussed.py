"""Quotes discussed as things, not introduced by a speech verb: "“You didn't build that” is a phrase from a 2012
speech delivered by Barack Obama", "Obama's “you didn't build that” speech". Encyclopedias, fact checks and
commentary write about a line this way; its speaker is the person the line is said to come from.
"""

from __future__ import annotations

import re

from quotediff.extract.frames import Frame, has_speech_verb
from quotediff.extract.lexicon import outlet_like, word_alternation
from quotediff.extract.mentions import Mention, clause_subject, mention_before
from quotediff.extract.mentions_after import mention_after
from quotediff.extract.tokens import tokens
from quotediff.extract.window import Window
from quotediff.model import Span

_LINE_NOUNS = (
    r"(?:phrase|line|quote|quotation|remark|sentence|statement|slogan|words|comment|catchphrase|catch phrase|motto"
    r"|question|expression|saying|term)"
)

# after the quote: "is a phrase from …", "was the line in …", "is a rhetorical question raised by …", and "was used by
# George W. Bush in …", "was coined by …", "is believed to have been coined by …"
_IS_A_LINE_RE = re.compile(
    rf"\s*[,.]?\s*(?:(?:is|was|became|remains)\s+(?:an?|the)\s+(?:[\w’'-]+\s+){{0,3}}?{_LINE_NOUNS}\b"
    r"|(?:is|was|were|has\s+been|had\s+been"
    r"|(?:is|was|are|were)\s+(?:\w+ly\s+)?(?:believed|thought|said|understood|reported|known)\s+to\s+have\s+been)"
    r"\s+(?:first\s+)?(?:used|coined|uttered|popularized|popularised)(?=\s+by\b))"
)
# where it comes from: "… by Barack Obama", "… from Obama's speech"
_BY_RE = re.compile(r"\bby\s+")
_OWNER_RE = re.compile(r"([A-Z](?<![\w’'][A-Z])[\w.\-]*(?:\s+[A-Z][\w.\-]*){0,3})['’]s\b")
# before the quote: "Obama's “…” speech", "Obama’s “…” remark"
_OWNER_BEFORE_RE = re.compile(
    r"([A-Zht](?<![\w’'][A-Zht])(?:(?<=[A-Z])[\w.\-]*(?:\s+[A-Z][\w.\-]*){0,3}['’]s|(?<=[Hh])is|(?<=[Hh])er|(?<=[Tt])heir))\s+"
    r"(?:(?:now|once|so-called|oft-quoted|infamous|famous|renowned|notorious|memorable|controversial|viral"
    r"|much-quoted|\w+ly|[A-Z][a-z]+\s+\d{1,2},?|\d{4})\s+){0,3}[“\"‘'«„]\s*$"
)
# after the quote: "‘Only America First’ – Trump's challenge to the world"
# (or with no dash, the speaker's own words, not an answer to them: "“Whatever it takes.” Mario Draghi’s declaration
# that he would save the euro …", but "“…?” Biden's answer" is the question's reply)
_OWNER_AFTER_RE = re.compile(
    r"\s*[,:]?\s*(?:[—–-]\s*(?:[A-Z][\w.\-]*\s+){0,3}?((?:[A-Z][\w.\-]*\s+){0,2}[A-Z][\w.\-]*)['’]s\s+(?:\w+\s+)?"
    r"(?:challenge|message|warning|vow|pledge|promise|call|words|plea|verdict|answer|reply|response|remark|speech)\b"
    r"|((?:[A-Z][\w.\-]*\s+){0,2}[A-Z][\w.\-]*)['’]s\s+(?:\w+\s+)?(?:declaration|statement|pledge|vow|promise)\b)"
)
# Nouns for someone's words: "Merkel’s promise “…”", "her often-said slogan “…”"
_SAYING_NOUNS = (
    "promise|pledge|vow|line|words|mantra|slogan|motto|phrase|remark|comment|statement|declaration|catchphrase"
    "|refrain|warning|message|answer|reply|response|quip|rallying cry|cry"
)
# "Mitt Romney’s “binders full of women”", "Romney’s fabled “…”": a name's own phrase, the quote not a modifier
_NAMED_OWNER_RE = re.compile(
    r"([A-Z](?<![\w’'][A-Z])[\w.\-]*(?:\s+[A-Z][\w.\-]*){0,3})['’]s\s+"
    r"(?:(?:so-called|oft-quoted|infamous|famous|notorious|memorable|controversial|viral|simple|blunt|terse|curt"
    r"|short|now|once|optimistic|\w+ly|\w+ed|" + _SAYING_NOUNS + r")\s+){0,3}"
    r"(?P<noun>(?:" + _SAYING_NOUNS + r")\s*[,:]\s*)?[“\"‘'«„]\s*$"
)
# "Her optimistic ‘Wir schaffen das’ was a pivotal moment": the pronoun's owner said it
_PRONOUN_OWNER_RE = re.compile(
    r"([HTht](?<![\w’'][HTht])(?:(?<=H)is|(?<=H)er|(?<=T)heir|(?<=h)is|(?<=h)er|(?<=t)heir))\s+(?:(?:famous|infamous|optimistic|oft-quoted|memorable|[a-z]+-[a-z]+"
    r"|" + _SAYING_NOUNS + r")\s+){1,3}[“\"‘'«„]\s*$"
)
# "Romney's widely circulated claim that his staff brought him “…”": the claim's owner says the words
_CLAIM_OWNER_RE = re.compile(
    r"([A-Z](?<![\w’'][A-Z])[\w.\-]*(?:\s+[A-Z][\w.\-]*){0,3})['’]s\s+(?:[\w-]+\s+){0,3}?"
    r"(?:claim|description|assertion|remark|comment|promise|pledge|boast|suggestion|reference|insistence"
    r"|contention|admission|pronouncement|allegation|accusation|announcement|charge)s?\s+(?P<link>that|of|about|to)\s+"
    r"[^.;:!?“”\"\n]{0,80}[“\"‘'«„]\s*$"
)
_COPULA_RE = re.compile(r"\b(?:was|were|is|are)\b")
_NOT_A_NOUN = frozenset(
    "and or but that which who to as in on at of for with by from about than is was are were be has have had will"
    " would could can may might should must when while after before during because if since".split()
)
_NOUN_AFTER_RE = re.compile(
    r"\s*(?:[A-Z][\w-]+\s+)?"  # "Theresa May's ‘red, white and blue’ Brexit call"
    r"(?:speech|remark|remarks|comment|comments|line|quote|statement|claim|declaration|gaffe|pledge|vow|moment|call"
    r"|slogan|mantra|motto|catchphrase|soundbite|refrain|promise|response|answer|reply|retort|quip|warning|plea"
    r"|boast)\b"
)


# "He famously used the phrase “…”", "Obama uttered the words “…”": the words are the subject's own
_USED_WORDS_RE = re.compile(
    word_alternation(
        r"used|uses|using|use(?: of)?|coined|coins|uttered|utters|repeated|repeats|invoked|invokes|spoke|speaks"
        r"|said|says|delivered"
    )
    + r"\s+"
    r"(?:the|those|these|his|her|their)\s+(?:[\w-]+\s+)?(?:phrase|words?|term|line|sentence|remark)\s*,?\s*[“\"‘'«„]\s*$"
)


# "Trump referred to the marines as “suckers”": whoever refers to them so says the word (not "referring to the strikes,
# the message said: “…”": the reference ends at "as" right before the mark)
_REFERRED_AS_RE = re.compile(
    "(?P<verb>"
    + word_alternation("referred|refers|refer|referring")
    + r")\s+to\s+[^.;:!?“”\"‘’«»\n]{1,80}?\s+as\s+(?:an?\s+|the\s+)?[“\"‘'«„]\s*$"
)

# "Sigmar Gabriel had used “wir schaffen das” to refer to …": the user's own words
_USED_DIRECT_RE = re.compile(
    word_alternation("used|uses|coined|coins|uttered|utters|repeated|invoked") + r"\s+[“\"‘'«„]\s*$"
)


_PROMPTED_RE = re.compile(
    "(?P<verb>"
    + word_alternation("prompting|prompted|provoking|provoked|forcing|forced|leading|led|causing|caused|getting|got")
    + r")\s+"
    r"(?:[\w.’'-]+\s+){1,4}?(?P<to>to\s+(?:ask|say|declare|reply|respond|exclaim|shout|snap|quip|retort))\b[^.;!?“”]{0,20}"
    r"[“\"‘'«„]\s*$"
)
# "the “red line” staked out by Obama last year", "a phrase first coined by Vell": the words' agent, named after them
_AGENT_AFTER_RE = re.compile(
    r"[,]?\s*(?:(?:first|famously|once|originally|memorably)\s+)?(?:staked out|drawn|coined|uttered|spoken|laid down"
    r"|used|made famous)\s+by\s+"
)
# "Gregory confronts Pelosi on ‘…’", "Trump slams Durbin over “…” claim": the one asked about the words, or taken
# to task over them as his remark, said them
_CONFRONTED_RE = re.compile(
    r"\b(?:(?i:confront|ask|grill|press|quizz?|question|challenge)(?:s|es|ed|d)?\s+(?P<who>(?:[\w.’'-]+\s+){1,4}?)"
    r"(?i:on|about|over)|(?i:slam|mock|blast|rebuke|chide|ridicule|lambast|scold|criticize|criticise|attack)"
    r"(?:s|es|ed|d|med)?\s+(?P<whom>(?:[\w.’'-]+\s+){1,4}?)(?i:over))\s+(?:(?:the|his|her|their)\s+)?[“\"‘'«„]\s*$"
)
# "the PM made ‘let bodies pile high’ comment", "denied making the “…” remarks": the maker said the words
_MADE_RE = re.compile(
    r"\b(?P<verb>made|makes|make|making)\s+(?:(?:the|his|her|their|a|an|that|this|those|these)\s+)?"
    r"(?:(?:now|so-called|infamous|alleged|controversial|notorious|[\w-]+ly)\s+)?[“\"‘'«„]\s*$"
)
_PARTICIPLE_LEAD_RE = re.compile(
    r"\s*(?:By|In|After|While|When|On)?\s*(?:saying|telling|calling|declaring|insisting|having\s+(?:said|told|called"
    r"|declared))\b[^,;.:!?]{0,60}[“\"‘'«„]\s*$",
    re.IGNORECASE,
)


def frame_by_agent(win: Window) -> Frame | None:
    """The person a participle after the words names as having said them ("“red line” staked out by Obama")."""
    agent = _AGENT_AFTER_RE.match(win.masked, win.close_end, win.s_end)
    if agent is None:
        return None
    toks = tokens(win.masked, agent.end(), min(win.s_end, agent.end() + 80))
    who = mention_after(toks, 0, win.text, win.lex) if toks else None
    if who is None or who.kind not in ("named", "pronoun"):
        return None
    return Frame(who, None, None, None, None, "discussed")


def _subject_ending(win: Window, lo: int, hi: int) -> Mention | None:
    """Who the clause in masked[lo:hi] is about: the mention right before ``hi``, else the clause's subject."""
    toks = tokens(win.masked, lo, hi)
    return mention_before(toks, len(toks), win.text, win.lex) or clause_subject(toks, 0, len(toks), win.text, win.lex)


def frame_discussed(win: Window) -> Frame | None:
    """The speaker of a quote the sentence talks about: the owner before it or the source named after it."""
    masked, text, lex = win.masked, win.text, win.lex
    s_start, open_start, close_end, s_end = win.s_start, win.open_start, win.close_end, win.s_end
    used = _USED_WORDS_RE.search(masked, s_start, open_start + 1)
    cue = used or _USED_DIRECT_RE.search(masked, s_start, open_start + 1)
    if cue is not None:
        subject = _subject_ending(win, s_start, cue.start())
        if subject is not None and (subject.kind == "named" or used is not None and subject.kind != "anonymous"):
            return Frame(subject, None, None, None, None, "discussed")
    referred = _REFERRED_AS_RE.search(masked, max(s_start, open_start - 160), open_start + 1)
    if referred is not None:
        subject = _subject_ending(win, s_start, referred.start("verb"))
        if subject is not None and subject.kind in ("named", "pronoun", "anonymous"):
            return Frame(subject, None, None, None, None, "discussed")
    before = _OWNER_BEFORE_RE.search(masked, max(0, open_start - 80), open_start + 1)
    if before is not None and _NOUN_AFTER_RE.match(masked, close_end):
        s, e = before.span(1)
        if text[s:e].lower() in ("his", "her", "their"):
            # "Dr. King delivered his “…” speech": the clause's subject owns the speech
            toks = tokens(masked, s_start, s)
            subject = clause_subject(toks, 0, len(toks), text, lex) if toks else None
            if subject is not None and subject.kind == "named":
                return Frame(subject, None, None, None, None, "discussed")
            return Frame(Mention(s, e, text[s:e], "pronoun"), None, None, None, None, "discussed")
        e -= 2  # the name without its "'s"
        return Frame(Mention(s, e, text[s:e], "named"), None, None, None, None, "discussed")
    claim = _CLAIM_OWNER_RE.search(masked, max(s_start, open_start - 200), open_start + 1)
    if claim is not None and claim.group("link") != "that" and _COPULA_RE.search(masked, claim.end("link"), open_start):
        claim = None  # "Trump's comments about immigrants were “intolerable”": the words judge the claim
    if claim is not None:
        s, e = claim.span(1)
        return Frame(Mention(s, e, text[s:e], "named"), None, None, None, None, "discussed")
    owner = _NAMED_OWNER_RE.search(masked, max(s_start, open_start - 80), open_start + 1)
    if (
        owner is not None
        and not _modifies_a_noun(masked, close_end, s_end)
        # not "Merkel said Macron’s ‘sweeping …’" (but "provoked Clinton’s exasperated comment, “…”")
        and (owner.group("noun") or not has_speech_verb(masked, s_start, owner.start(1), lex))
        and not _a_title(text[open_start:close_end])  # not "Greta Gerwig's “Barbie”": her film
    ):
        s, e = owner.span(1)
        return Frame(Mention(s, e, text[s:e], "named"), None, None, None, None, "discussed")
    after = _OWNER_AFTER_RE.match(masked, close_end, s_end)
    if after is not None:
        s, e = after.span(1 if after.group(1) else 2)
        return Frame(Mention(s, e, text[s:e], "named"), None, None, None, None, "discussed")
    control = _PROMPTED_RE.search(masked, max(s_start, open_start - 120), open_start + 1)
    if control is not None:
        # "prompting Hillary Clinton to ask “…”": the one prompted speaks
        toks = tokens(masked, control.end("verb"), control.start("to"))
        who = mention_after(toks, 0, text, lex) if toks else None
        if who is not None and who.kind in ("named", "pronoun"):
            return Frame(who, None, None, None, None, "discussed")
    mine = _PRONOUN_OWNER_RE.search(masked, max(s_start, open_start - 60), open_start + 1)
    if (
        mine is not None
        and not _modifies_a_noun(masked, close_end, s_end)
        and not has_speech_verb(masked, s_start, mine.start(1), lex)
    ):
        s, e = mine.span(1)
        return Frame(Mention(s, e, text[s:e], "pronoun"), None, None, None, None, "discussed")
    confronted = _CONFRONTED_RE.search(masked, max(s_start, open_start - 80), open_start + 1)
    group = "who" if confronted is not None and confronted.group("who") else "whom"
    if confronted is not None and (
        _NOUN_AFTER_RE.match(masked, close_end)
        if group == "whom"
        else not _modifies_a_noun(masked, close_end, s_end)
    ):
        toks = tokens(masked, confronted.start(group), confronted.end(group))
        who = mention_after(toks, 0, text, lex) if toks else None
        if who is not None and who.kind == "named" and who.end <= confronted.end(group):
            return Frame(who, None, None, None, None, "discussed")
    made = _MADE_RE.search(masked, max(s_start, open_start - 60), open_start + 1)
    if made is not None and _NOUN_AFTER_RE.match(masked, close_end):
        clause = max(s_start, masked.rfind(" that ", s_start, made.start("verb")) + 1)
        maker = _subject_ending(win, clause, made.start("verb"))
        if maker is not None and maker.kind in ("named", "pronoun", "anonymous") and not outlet_like(maker.text, lex):
            return Frame(maker, None, None, None, None, "discussed")
    lead = _PARTICIPLE_LEAD_RE.match(masked, s_start, open_start + 1)
    if lead is not None:
        # "By saying “Brexit means Brexit,” May sought …", "Having told the nation “…,” she ordered …"
        toks = tokens(masked, close_end, min(s_end, close_end + 80))
        subject = mention_after(toks, 0, text, lex) if toks else None
        if subject is not None and subject.kind in ("named", "pronoun"):
            return Frame(subject, None, None, None, None, "discussed")
    line = _IS_A_LINE_RE.match(masked, close_end, s_end)
    if line is None:
        return None
    owner = _OWNER_RE.search(masked, line.end(), s_end)
    by = _BY_RE.search(masked, line.end(), s_end)
    if by is not None and (owner is None or by.start() < owner.start()):
        toks = tokens(masked, by.end(), min(s_end, by.end() + 120))
        mention = mention_after(toks, 0, text, lex, loose=True) if toks else None
        if mention is not None and mention.kind in ("named", "anonymous"):
            return Frame(mention, None, None, None, None, "discussed")
    if owner is not None:
        s, e = owner.span(1)
        return Frame(Mention(s, e, text[s:e], "named"), None, None, None, None, "discussed")
    return None


def _a_title(quoted: str) -> bool:
    words = re.findall(r"[\w’'-]+", quoted)
    capitals = [w for w in words if w[:1].isupper()]
    return bool(capitals) and all(w[:1].isupper() or len(w) <= 3 for w in words)


def _modifies_a_noun(masked: str, close_end: int, s_end: int) -> bool:
    """The quote is followed by a plain lower-case noun it describes: "Trump’s “disgraceful” conduct"."""
    word = re.match(r"\s*([a-z][\w’'-]*)", masked[close_end:s_end])
    if word is None:
        return False
    low = word.group(1)
    return low not in _NOT_A_NOUN and not low.endswith(("ed", "ly"))


_CREDIT_RE = re.compile(r"[ \t]*[—–―-][ \t]*(?=[A-Za-z])")


def frame_credit_line(win: Window) -> Frame | None:
    """A quote paragraph followed by a credit line, as epigraphs and pull quotes are printed: "“…”\\n\\n— Ukrainian
    president Volodymyr Zelensky, in a quote cited in an Associated Press article"."""
    masked, text, lex = win.masked, win.text, win.lex
    start = win.para_end
    while start < len(masked) and masked[start] in "\r\n":
        start += 1
    match = _CREDIT_RE.match(masked, start)
    if match is None:
        return None
    line_end = masked.find("\n", match.end())
    line_end = len(masked) if line_end < 0 else line_end
    toks = tokens(masked, match.end(), line_end)
    mention = mention_after(toks, 0, text, lex, loose=True) if toks else None
    if mention is None or mention.kind == "pronoun":
        return None
    sources = tuple(
        Span(m.start("doc"), m.end("doc"), text[m.start("doc") : m.end("doc")])
        for m in _CREDIT_SOURCE_RE.finditer(masked, mention.end, line_end)
    )
    # "— Vell, to Radio Harbour, July 13": the outlet the words were said to
    outlets = tuple(
        Span(m.start(1), m.end(1), text[m.start(1) : m.end(1)])
        for m in _CREDIT_OUTLET_RE.finditer(masked, mention.end, line_end)
        if outlet_like(m.group(1), lex)
    )
    return Frame(mention, None, None, None, None, "after", sources + outlets)


_CREDIT_OUTLET_RE = re.compile(r"\b(?:to|on|in)\s+((?:the\s+)?[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3})")
_CREDIT_SOURCE_RE = re.compile(
    r"\b(?:in|from|by|to)\s+(?P<doc>(?:an?|the)\s+(?:[\w’'.-]+\s+){0,4}?(?:article|report|interview|statement|post"
    r"|tweet|letter|memo|speech|op-ed|essay|column|book|broadcast|video))\b"
)


def owned_speech(text: str, open_start: int, close_end: int) -> bool:
    """“…” between an owner and a speech noun: "his “I Have a Dream” speech" quotes his words even when it names
    the speech."""
    return (
        _OWNER_BEFORE_RE.search(text, max(0, open_start - 80), open_start + 1) is not None
        and _NOUN_AFTER_RE.match(text, close_end) is not None
    )
