"""The attribution right after a closing mark, as patterns over the window's after-tokens: ", said Lu",
", Lu said", ", Lu, a diplomat, said", " — Lu", ", according to X".

The clause after the marks is read by the matcher of ``patterns``; the stretch an apposition, a hedge or a
parenthesis puts between a name and its verb is a reach function, and the conditions no sequence says (a new
sentence may only close with its verb: "“….” Lu said.") are checks.
"""

from __future__ import annotations

import functools
import re

from quotediff.extract.frames import NAMING_VERBS, Frame
from quotediff.extract.lexicon import lexicon, phrase_re
from quotediff.extract.patterns import START, Pattern, Speaker, State, Verb, match_words
from quotediff.extract.tokens import ADVERBS, AUX, QUOTE_MARKS, WORD_RE, is_adverb, is_cap, looks_like_verb, word_key
from quotediff.extract.window import Verb as VerbReading
from quotediff.extract.window import Window

_SKIP_AFTER = frozenset(",—–―-()") | QUOTE_MARKS | frozenset(["and", "or"])

_ADJUNCT_WORDS = frozenset(
    "on in at to during after before last this yesterday today tonight early earlier later when while as from about"
    " of via through with".split()
)


@functools.cache
def _hedge_after_re() -> re.Pattern[str]:
    return re.compile(phrase_re(lexicon().hedges).pattern + r"\s*", re.I)


def _leads(state: State, verb: VerbReading) -> bool:
    """A verb may lead the clause unless it opens a new sentence ("according to" may) or names the words; a
    participle never comes before its speaker: in "“…,” saying the city embodied …" the city speaks not."""
    if verb[1] != "according to" and state.toks[state.pos].text.lower().endswith("ing"):
        return False
    return (not state.new_sentence or verb[1] == "according to") and verb[1] not in NAMING_VERBS


def _over_apposition(state: State) -> tuple[int, VerbReading | None] | None:
    """The verb after the name (token ``state.pos`` on), past hedges, adverbs, a parenthesis and up to a few
    appositions: "Lu, 67, a State Department official, said"; None when an apposition runs into a sentence end."""
    w, toks, masked, new_sentence = state.words, state.toks, state.masked, state.new_sentence
    k = state.pos
    verb = None
    in_apposition = False
    quoted_as = False  # "Lu was quoted as saying": the participle after the hedge is the verb
    for _ in range(6):
        hedge = _hedge_after_re().match(masked, toks[k].start) if k < len(toks) else None
        if hedge is not None:
            quoted_as = hedge.group().split()[-1:] == ["as"]
            while k < len(toks) and toks[k].start < hedge.end():
                k += 1
        while k < len(toks) and (toks[k].text.lower() in ADVERBS or is_adverb(toks[k].text)):
            k += 1  # "Biden, standing outside the castle, emphatically declared"
        if k < len(toks) and toks[k].text == "(":
            close = next((m for m in range(k + 1, min(len(toks), k + 10)) if toks[m].text == ")"), None)
            if close is not None:
                k = close + 1
        if k >= len(toks):
            break
        verb = w.verb(k)
        if verb is not None or (toks[k].text != "," and not in_apposition):
            break
        # an apposition: "Lu, 67, a State Department official, said" -> skip to the next comma
        m = k + 1 if toks[k].text == "," else k
        while m < len(toks) and m < k + 30 and toks[m].text != ",":
            if toks[m].text in (".", "!", "?", ";", ":"):
                return None
            m += 1
        if m >= len(toks) or toks[m].text != ",":
            break
        k = m + 1
        in_apposition = True
    if verb is None and k < len(toks) and toks[k].text not in (",", ".") and not new_sentence:
        # "the Florida senator and Republican candidate said": a few more words before the verb
        m = k
        while m < len(toks) and m < k + 5 and toks[m].text[:1].isalnum() and w.verb(m) is None:
            m += 1
        if m < len(toks) and m > k and w.verb(m) is not None:
            k = m
            verb = w.verb(k)
    if verb is not None and toks[k].text.lower().endswith("ing") and not (quoted_as and verb[1] == "say"):
        verb = None  # "a Donald Trump tweet attacking ...": a participle, not the reporting verb
    return k, verb


def _closes_sentence(state: State) -> bool:
    """After a sentence-final quote only "Lu said." (or "Lu said on Monday", "Lu told reporters") frames it; "She
    went on to say: “…”" introduces the next quote."""
    if not state.new_sentence:
        return True
    assert state.verb is not None
    toks, end = state.toks, state.verb_at + state.verb[0]
    j = end
    while j < len(toks) and (toks[j].text.lower() in ADVERBS or is_adverb(toks[j].text)):
        j += 1  # "“…?” Hatch asked repeatedly during the hearing."
    nxt = toks[j] if j < len(toks) else None
    told = state.verb[1] == "tell"  # "“…?” Trump told a group of senators, according to CNN.": whom he told
    if nxt is not None and nxt.text not in ".,;!?" and nxt.text.lower() not in _ADJUNCT_WORDS and not told:
        return False
    for k in range(end, len(toks)):
        t = toks[k].text
        if t in (".", "!", "?"):
            break
        # the clause introduces a quote of its own: "She went on to say: “…”", "Lu said “…", "added that “…"
        if t == ":" or t in QUOTE_MARKS and (k - end <= 3 or toks[k - 1].text.lower() in (",", "that", "as")):
            return False
    return True


def _dash_credit(state: State) -> bool:
    return state.dash and not state.new_sentence


_CLAUSE_VERBS = frozenset("say tell add write note claim argue insist explain warn".split())


def _ends_clause(state: State) -> bool:
    """ "“…,” said Lu." but not "“…,” said the candidate could win": a clause the verb reports, no speaker."""
    toks, mention = state.toks, state.mention
    assert mention is not None
    if state.verb is None or state.verb[1] not in _CLAUSE_VERBS:
        return True  # "“…” attributed to Zelensky appears to be unverified": the mention ends the phrase
    nxt = next((t.text for t in toks if t.start >= mention.end), "")
    return not (nxt.lower() in AUX or looks_like_verb(nxt, state.lex) and not nxt.lower().endswith("ing"))


_CREDITED = frozenset(("named", "organisation", "anonymous"))

AFTER = (
    # VERB MENTION: "“…,” said Lu", "“…,” according to the ministry"
    Pattern("after", START, (Verb(check=_leads), Speaker("after", loose=True)), _ends_clause),
    # MENTION [apposition] VERB: "“…,” Lu said", "“…,” Lu, 67, a diplomat, told reporters"
    Pattern("after", START, (Speaker("after", loose=True), Verb(reach=_over_apposition)), _closes_sentence, True),
    # "—" MENTION with no verb: "“…” — Vell"
    Pattern(
        "after",
        START,
        (Speaker("after", _CREDITED, loose=True), Verb(reach=_over_apposition, absent=True)),
        when=_dash_credit,
    ),
)


def _clause_at(state: State, i: int) -> Frame | None:
    """An attribution clause starting at token ``i``: "said Lu, a diplomat" or "Lu, 67, a diplomat, said"."""
    state.pos = i
    return match_words(AFTER, state)


def frame_after(win: Window) -> Frame | None:
    """An attribution right after a closing mark: ", said Lu", ", Lu said", " — Lu", ", according to X"."""
    toks, ends_sentence = win.after.toks, win.ends_sentence
    if ends_sentence and toks and toks[0].text in QUOTE_MARKS:
        return None  # “We won.” “Now we govern,” Lu said: the attribution belongs to the second quote
    i = 0
    dash = False
    while i < len(toks) and toks[i].text in _SKIP_AFTER:
        if toks[i].text in ("and", "or") and not (i + 1 < len(toks) and toks[i + 1].text in QUOTE_MARKS):
            break  # "“…” and argued that ...": a new clause, not a list of quotes
        dash = dash or toks[i].text in ("—", "–", "―", "-")
        i += 1
    if i >= len(toks) or toks[i].text in (".", "!", "?", ";", ":"):
        return None
    if word_key(toks[i].text) in ("which", "who", "whom", "whose"):
        return None  # "“…,” which the White House said …": a relative clause about the words, not their speaker
    # a capitalised word after a sentence-final quote starts a new sentence: only "Lu said." frames the quote
    new_sentence = ends_sentence and is_cap(toks[i].text) and not dash
    return _clause_at(State(win.after, win.text, win.masked, i, new_sentence, dash), i)


def frame_tail(win: Window) -> Frame | None:
    """An attribution closing the quote's sentence: “…” for Clinton, said Kunin. / “…” than that, Zuckoff said."""
    masked, s_end = win.masked, win.s_end
    toks = win.tail.toks
    tried = 0
    state = State(win.tail, win.text, masked)  # one state for every comma: mentions read once are kept
    for c in range(len(toks) - 1, 0, -1):
        if toks[c].text != "," or tried >= 4:
            continue
        tried += 1
        frame = _clause_at(state, c + 1)
        if frame is None or frame.verb is None or frame.speaker is None:
            continue
        rest = masked[max(frame.verb.end, frame.speaker.end) : s_end].strip()
        if (len(WORD_RE.findall(rest)) <= 8 or rest.startswith(",")) and "that" not in rest.split():
            return frame
    return None
