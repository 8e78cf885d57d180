"""Words lifted from a quotation that are not renderings of it: phrases, repeats, headline fragments.

Outlets quote one to three words of a statement ("global boiling", "contained"), repeat a line they quoted in
full, or put a fragment in a headline. None of these is a rendering to diff against the reference, and none
may form a group of its own or glue two statements together; but each is the article quoting that statement,
so it is reported with the group ("also quoted in part") with the attribution the article gives it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from difflib import SequenceMatcher
from functools import cached_property

from quotediff.compare.locate import is_negation, reordered_window
from quotediff.compare.match import EVERYDAY, Rendering, matching_words, word_rarity
from quotediff.compare.normalize import STOPWORDS, tokenize
from quotediff.compare.shifts import name_key, same_person
from quotediff.model import Quote, Token

# A phrase lifted on its own, from an article that quotes nothing else of the statement, must carry a word
# that everyday talk does not (as the matcher asks of short fragments): "contained" and "global boiling" do,
# "very clear" does not.
_RARE_LENGTH = 6
# A phrase that one statement's renderings carry needs less to join it than to stand alone: "bigot" joins the
# statement holding "bigoted woman"; "clean" on its own is no quotation.
_ATTACH_LENGTH = 5
# A phrase goes to another statement than its own article's when at least this share of that statement's
# renderings carry it, and at least twice the share of the article's own groups.
_LEADING_SHARE = 0.5
# Groups at least this share of whose renderings carry a phrase all hold it as their own: the one with more
# carriers takes it.
_MOSTLY = 0.75
# Quotes this long may be the statement's words in another order (shorter ones are phrases, lifted as printed).
_TURNED_WORDS = 4


class _Carriers:
    """The words of each group's renderings (and of the split-quote pieces reported with it), indexed by word.

    A quote is only checked against the groups that carry all of its words, so the cost grows with the quotes,
    not with quotes times groups.
    """

    def __init__(self, groups: Sequence[Sequence[Rendering]], quotes: Sequence[Quote]) -> None:
        self.grouped = {q for group in groups for r in group for q in r.quote_ids}
        self._tokens = [[r.tokens for r in group] for group in groups]
        self.attached: dict[int, list[Quote]] = defaultdict(list)
        # The other pieces of a split quote whose piece a group holds (“Number one, I'm not walking anything
        # back,” he said. “The fact of the matter is…”) are the same statement, however little of it others print.
        for g, quote in _pieces_of_grouped(groups, quotes, self.grouped):
            self.attached[g].append(quote)
            self._tokens[g].append(tokenize(quote.text))
        self.texts = [[matching_words(tokens) for tokens in group] for group in self._tokens]
        self.grouped |= {q.id for found in self.attached.values() for q in found}
        self.carrying_word: dict[str, set[int]] = defaultdict(set)
        for g, group_texts in enumerate(self.texts):
            for text in group_texts:
                for word in text:
                    self.carrying_word[word].add(g)

    @cached_property
    def surface(self) -> list[list[tuple[str, ...]]]:
        """The renderings' words unstemmed ("losers", not "loser"), read only when stems tie."""
        return [[_surface(tokens) for tokens in group] for group in self._tokens]

    @cached_property
    def printed_words(self) -> frozenset[str]:
        return frozenset(w for group in self.surface for text in group for w in text)

    def phrase(self, quote: Quote) -> tuple[tuple[str, ...], bytes] | None:
        """The words of a quote outside every group that may be a phrase, with their rarity (four words or more)."""
        if quote.id in self.grouped or quote.kind not in ("statement", "scare"):
            return None
        tokens = tokenize(quote.text)
        words = matching_words(tokens)
        if not words or _a_name(quote, tokens) and _surface(tokens)[0] not in self.printed_words:
            return None  # a name or title in quote marks, unless a statement prints the word ("Losers" in a headline)
        if len(words) < _TURNED_WORDS:
            return _core(words), b""
        return words, word_rarity(tokens)

    def share(self, words: Sequence[str], rarity: bytes) -> dict[int, float]:
        """The share of each group's renderings that carry the phrase: a long rendering that quotes two
        statements together puts the phrase in both groups, but only one statement's renderings all carry it.
        A quote of four words or more may turn the line around ("I don't need a lift, I need ammunition" in a
        headline): it is the statement's when a rendering holds all its content words side by side."""
        required = {w for w in words if not (rarity and is_negation(w))}
        candidates_by_words = sorted((self.carrying_word.get(w, set()) for w in required), key=len)
        possible = set.intersection(*candidates_by_words) if candidates_by_words else set()
        share = {}
        for g in sorted(possible):
            carrying = sum(1 for text in self.texts[g] if _carries(text, words, rarity))
            if carrying:
                share[g] = carrying / len(self.texts[g])
        return share

    def repeated(self, words: Sequence[str]) -> bool:
        """Whether a rendering holds the line twice: a passage in which the speaker says it again."""
        n, line = len(words), tuple(words)
        for g in set.intersection(*(self.carrying_word.get(w, set()) for w in words)):
            for text in self.texts[g]:
                at = [k for k in range(len(text) - n + 1) if text[k] == line[0] and tuple(text[k : k + n]) == line]
                if len(at) >= 2 and at[-1] - at[0] >= n:
                    return True
        return False

    def statements_carrying(self, words: Sequence[str]) -> list[int]:
        """The groups most of whose renderings (two at least) hold the line and more: statements it is part of.

        A rendering that quotes a whole passage puts the line in a second group, but as one rendering among
        several, and a statement split over two groups has renderings that are the line itself.
        """
        carrying = []
        for g in sorted(set.intersection(*(self.carrying_word.get(w, set()) for w in words))):
            texts = self.texts[g]
            longer = sum(1 for text in texts if len(text) > len(words) + 1 and _contains(text, words))
            if longer >= 2 and 2 * longer > len(texts):
                carrying.append(g)
        return carrying


def find_refrains(
    groups: Sequence[Sequence[Rendering]], quotes: Sequence[Quote], *, min_words: int = 4, min_articles: int = 2
) -> list[tuple[Quote, ...]]:
    """Refrains quoted alone: a line of ``min_words`` or more that most renderings of two statements or more
    carry ("I have a dream"), quoted on its own by ``min_articles`` articles or more; a line one word shorter
    when a passage holds it twice ("How dare you").

    Such a line is no part of one statement: reported with the statement its article also quotes, it would be
    the reason two statements' readers meet (the speech's name, his “I Have a Dream” speech, in the group of
    the one statement the page quotes). Quoted alone by several outlets it is a quotation of its own: one quote
    per article (the first), in text order; the article's repeats are reported with it. The first piece of a
    split quote ("From this day forward," he said, "…") is not alone: it stays with the statement it opens.
    """
    carriers = _Carriers(groups, quotes)
    alone: dict[tuple[str, ...], dict[str, Quote]] = defaultdict(dict)
    for quote in sorted(quotes, key=lambda q: (q.article_id, q.start)):
        found = carriers.phrase(quote)
        if found is None or len(found[0]) < min_words - 1:
            continue
        words, _ = found
        if len(words) < min_words and not carriers.repeated(words):
            continue  # a line one word shorter is a refrain only when the speaker says it again ("How dare you")
        carrying = carriers.statements_carrying(words)
        if len(carrying) >= 2 and _one_voice([groups[g] for g in carrying]):
            alone[tuple(words)].setdefault(quote.article_id, quote)
    return [tuple(by_article.values()) for by_article in alone.values() if len(by_article) >= min_articles]


def find_phrase_quotations(
    groups: Sequence[Sequence[Rendering]],
    quotes: Sequence[Quote],
    also: Sequence[tuple[str, ...]],
    *,
    min_articles: int = 2,
    copy_of: dict[str, str] | None = None,
) -> list[tuple[Quote, ...]]:
    """Phrases several outlets quote when no statement holds them: "drastic words", "false and misleading".

    Outlets often print only a phrase of a statement none of them quotes whole (a regulator's complaint, a
    chancellor's reply in another language). Printed alike by ``min_articles`` articles or more that share a
    statement (one story), the phrase is a quotation of its own: one quote per article (the first), with every
    longer quote outside the groups that holds the phrase word for word. A phrase a group carries stays with
    that group (``attach_phrases``).
    """
    carriers = _Carriers(groups, quotes)
    attached = {q for ids in also for q in ids}
    article_of = {q.id: q.article_id for q in quotes}
    story: dict[str, set[int]] = defaultdict(set)  # article -> the groups it quotes
    for g, group in enumerate(groups):
        for article in {r.article_id for r in group} | {article_of[q] for q in also[g] if q in article_of}:
            story[article].add(g)
    by_words: dict[tuple[str, ...], dict[str, Quote]] = defaultdict(dict)
    plain: dict[tuple[str, ...], dict[str, Quote]] = defaultdict(dict)  # everyday words: "Yes we can"
    longer: list[tuple[Quote, tuple[str, ...]]] = []
    longer_with: dict[str, set[int]] = defaultdict(set)  # word -> the longer quotes holding it
    for quote in sorted(quotes, key=lambda q: (q.article_id, q.start)):
        # a term in scare quotes ("regime change", the ‘cypher’) is the outlets' word, not a quote
        if quote.id in attached or quote.kind != "statement":
            continue
        found = carriers.phrase(quote)
        if found is None:
            continue
        words = tuple(found[0])
        if len(words) < _TURNED_WORDS:
            # a phrase a statement carries is that statement's (attach_phrases); a repeat is reported with it
            if carriers.share(*found):
                continue
            if _distinctive(quote):
                by_words[words].setdefault(quote.article_id, quote)
            elif len(words) >= 2:
                plain[words].setdefault(quote.article_id, quote)
        else:
            for word in words:
                longer_with[word].add(len(longer))
            longer.append((quote, words))
    # A slogan of everyday words ("Yes we can") is a quotation when outlets print it alike and put it in one
    # person's mouth: three articles or more, two of them naming the same speaker; only the articles that do not
    # name someone else count.
    voiced: dict[tuple[str, ...], dict[str, Quote]] = {}
    for words, by_article in [*plain.items(), *by_words.items()]:
        voice = _common_voice(list(by_article.values()))
        if voice is not None and len(by_article) >= max(3, min_articles):
            fitting = {a: q for a, q in by_article.items() if _speaker_fits(q, {voice})}
            if len(fitting) >= max(3, min_articles):
                voiced[words] = fitting
    found_groups = []
    for words, by_article in {**by_words, **voiced}.items():
        if len(by_article) < min_articles:
            continue
        members = dict(by_article)
        for k in sorted(set.intersection(*(longer_with.get(w, set()) for w in words))):
            quote, text = longer[k]
            if quote.article_id not in members and _contains(text, words):
                members[quote.article_id] = quote
        # (one story: articles that share a statement, or put the words in one person's mouth)
        kept = list(members.values()) if words in voiced else _one_story(members, story)
        originals = {(copy_of or {}).get(q.article_id, q.article_id) for q in kept}
        if len(originals) >= min_articles:  # a syndicated copy is no second outlet printing the phrase
            found_groups.append(tuple(sorted(kept, key=lambda q: (q.article_id, q.start))))
    return found_groups


def _common_voice(quotes: Sequence[Quote]) -> str | None:
    """The named speaker at least two of the quotes give (the fullest form), or None."""
    named = [q.attribution.speaker_resolved for q in quotes if q.attribution.speaker_kind == "named"]
    people = [n for n in named if n]
    for person in sorted(people, key=lambda n: -len(n)):
        if sum(1 for other in people if same_person(person, other) or _same_surname(person, other)) >= 2:
            return person
    return None


def _one_voice(groups: Sequence[Sequence[Rendering]]) -> bool:
    """Whether the statements are one speaker's: a refrain is a line someone says again and again ("I have a
    dream"). A line inside another person's statement is that person quoting it ("he said there were quote
    ‘some very fine people’"): the line stays with the statement it comes from."""
    voices = []
    for group in groups:
        named = Counter(r.speaker for r in group if r.speaker)
        if named:
            voices.append(named.most_common(1)[0][0])
    return all(same_person(voices[0], other) for other in voices[1:])


def _one_story(members: dict[str, Quote], story: dict[str, set[int]]) -> list[Quote]:
    """The phrase's quotes from articles that share a statement with another of them: one story, not a stock
    phrase unrelated articles happen to quote. (Who the phrase is put to is no test: outlets that print only a
    phrase often get its speaker wrong.)"""
    articles = list(members)
    return [members[a] for a in articles if any(story.get(a, set()) & story.get(b, set()) for b in articles if b != a)]


def _distinctive(quote: Quote) -> bool:
    """A phrase that stands for a statement across outlets: a long or rare word, or two uncommon ones."""
    norms = [t.norm for t in tokenize(quote.text) if t.is_word and t.norm]
    uncommon = [w for w in norms if w not in STOPWORDS and w not in EVERYDAY]
    return any(len(w) >= _RARE_LENGTH or w.isdigit() for w in uncommon) or len(uncommon) >= 2


def attach_phrases(groups: Sequence[Sequence[Rendering]], quotes: Sequence[Quote]) -> list[tuple[str, ...]]:
    """For each group, the ids of the quotes outside every group that quote part of it (in text order)."""
    carriers = _Carriers(groups, quotes)
    attached = carriers.attached
    speakers = [{r.speaker for r in group if r.speaker} for group in groups]
    articles = [{r.article_id for r in group} for group in groups]
    # Phrases too common to stand alone, per article and group: two different ones in one article that both sit
    # in the same statement ("the fight is here", "not a ride") are that article quoting it.
    weak: dict[tuple[str, int], list[tuple[Quote, tuple[str, ...]]]] = defaultdict(list)
    for quote in quotes:
        phrase = carriers.phrase(quote)
        if phrase is None:
            continue
        words, rarity = phrase
        share = carriers.share(words, rarity)
        if not share:
            continue
        own = [g for g in share if quote.article_id in articles[g]]
        candidates = own if own else [g for g in share if _fits_alone(quote, words, speakers[g])]
        leader = _clear_leader(share, own)
        if leader is not None and _speaker_fits(quote, speakers[leader]):
            candidates = [leader]
        if not candidates:
            top = max(share.values())
            leaders = [g for g in share if share[g] == top]
            if len(leaders) == 1 and _speaker_fits(quote, speakers[leaders[0]]):
                weak[(quote.article_id, leaders[0])].append((quote, tuple(words)))
            continue
        best = max(share[g] for g in candidates)
        chosen = [g for g in candidates if share[g] == best]
        carried = [g for g in candidates if share[g] >= _MOSTLY]
        if len(carried) > 1:
            # most renderings of both carry it ("binders"): the statement more outlets print it in, not the one
            # a few print whole
            counts = {g: round(share[g] * len(carriers.texts[g])) for g in carried}
            chosen = [g for g in carried if counts[g] == max(counts.values())]
        if len(chosen) > 1 and len(words) < _TURNED_WORDS:
            # "losers" in the statement that says "losers", not in the one that says "loser"
            printed = _core(_surface(tokenize(quote.text)))
            chosen = [g for g in chosen if any(_contains(text, printed) for text in carriers.surface[g])] or chosen
        if len(chosen) == 1:  # a phrase two statements share alike belongs to neither
            attached[chosen[0]].append(quote)
    for (_, g), found in weak.items():
        if len({words for _, words in found}) >= 2:
            attached[g].extend(quote for quote, _ in found)
    _attach_slogan_carriers(carriers, quotes, attached)
    _attach_own_repeats(groups, quotes, carriers, attached)
    return [tuple(q.id for q in sorted(attached[g], key=lambda q: (q.article_id, q.start))) for g in range(len(groups))]


# A quote of this many words or more that its own article's rendering of a statement holds is that statement again.
_REPEAT_WORDS = 4
# ... when this share of its words sit, in order, inside that rendering
_REPEAT_SHARE = 0.9


def _attach_own_repeats(
    groups: Sequence[Sequence[Rendering]],
    quotes: Sequence[Quote],
    carriers: _Carriers,
    attached: dict[int, list[Quote]],
) -> None:
    """A quote outside every group whose words its own article prints inside one group's rendering (a headline or
    caption repeating the line, "We have to pass the bill to find out what's in it" after the whole passage) is the
    article quoting that statement again, worded as it wrote it the second time."""
    taken = carriers.grouped | {q.id for found in attached.values() for q in found}
    own: dict[str, list[tuple[int, tuple[str, ...]]]] = defaultdict(list)
    for g, group in enumerate(groups):
        for r in group:
            own[r.article_id].append((g, r.word_norms))
    for quote in quotes:
        if quote.id in taken or quote.kind != "statement" or quote.article_id not in own:
            continue
        words = matching_words(tokenize(quote.text))
        if len(words) < _REPEAT_WORDS:
            continue
        holders = {g for g, text in own[quote.article_id] if _in_order(words, text) >= _REPEAT_SHARE * len(words)}
        if len(holders) == 1:
            attached[holders.pop()].append(quote)


def _in_order(words: Sequence[str], text: Sequence[str]) -> int:
    """How many of ``words`` the text holds in their order, within a stretch not much longer than they are (a
    repeat may drop or add a few words: "pass the plan to find out" for "pass the plan so that you can find out")."""
    blocks = [b for b in SequenceMatcher(None, words, text, autojunk=False).get_matching_blocks() if b.size]
    if not blocks:
        return 0
    stretch = blocks[-1].b + blocks[-1].size - blocks[0].b
    return sum(b.size for b in blocks) if stretch <= 2 * len(words) else 0


# A phrase this many outlets print on its own stands for its statement ("Brexit means Brexit").
_SLOGAN_ARTICLES = 3


def _attach_slogan_carriers(carriers: _Carriers, quotes: Sequence[Quote], attached: dict[int, list[Quote]]) -> None:
    """A longer quote outside every group that holds, word for word, a phrase several outlets print alone as one
    statement's ("I am clear that Brexit means Brexit and we should …") is that statement quoted again."""
    taken = carriers.grouped | {q.id for found in attached.values() for q in found}
    slogans: dict[tuple[str, ...], set[int]] = defaultdict(set)
    for g, found in attached.items():
        by_words: dict[tuple[str, ...], set[str]] = defaultdict(set)
        for quote in found:
            words = _core(matching_words(tokenize(quote.text)))
            if 2 <= len(words) < _TURNED_WORDS and _distinctive(quote):
                by_words[words].add(quote.article_id)
        for words, articles in by_words.items():
            if len(articles) >= _SLOGAN_ARTICLES:
                slogans[words].add(g)
    owned = {words: next(iter(gs)) for words, gs in slogans.items() if len(gs) == 1}
    if not owned:
        return
    for quote in quotes:
        if quote.id in taken or quote.kind != "statement":
            continue
        text = matching_words(tokenize(quote.text))
        if len(text) < _TURNED_WORDS:
            continue
        homes = {g for words, g in owned.items() if _contains(text, words)}
        if len(homes) == 1:
            attached[homes.pop()].append(quote)


def _pieces_of_grouped(
    groups: Sequence[Sequence[Rendering]], quotes: Sequence[Quote], grouped: set[str]
) -> list[tuple[int, Quote]]:
    """Statement quotes outside every group that are pieces of one utterance with a piece one group holds."""
    utterance = {q.id: (q.article_id, q.utterance) for q in quotes}
    holders: dict[tuple[str, int], set[int]] = defaultdict(set)
    for g, group in enumerate(groups):
        for r in group:
            for q in r.quote_ids:
                if q in utterance:
                    holders[utterance[q]].add(g)
    found = []
    for quote in quotes:
        owners = holders.get((quote.article_id, quote.utterance), set())
        if quote.id not in grouped and quote.kind == "statement" and len(owners) == 1:
            found.append((next(iter(owners)), quote))
    return found


def _clear_leader(share: dict[int, float], own: Sequence[int]) -> int | None:
    """A group most of whose renderings carry the phrase, where the article's own groups barely do.

    An article that quotes someone's attribution ("a senior official with direct knowledge") runs on into the
    statement, or quotes a long passage that ends with a line of the next statement, is in a group that carries
    the phrase by accident; the statement the phrase is from is the group whose renderings nearly all carry it.
    """
    if not own:
        return None
    top = max(share.values())
    leaders = [g for g in share if share[g] == top]
    best_own = max(share[g] for g in own)
    if len(leaders) != 1 or leaders[0] in own or top < _LEADING_SHARE or top < 2 * best_own:
        return None
    return leaders[0]


# Words an outlet puts around a lifted phrase without lifting them ("a bigoted woman", "that bigoted woman" for
# the statement's "sort of bigoted woman").
_FRAMING = frozenset("a an the that this those these such".split())


def _core(words: tuple[str, ...]) -> tuple[str, ...]:
    """A short phrase without the article or demonstrative the outlet's sentence put around it."""
    start, end = 0, len(words)
    while end - start > 1 and words[start] in _FRAMING:
        start += 1
    while end - start > 1 and words[end - 1] in _FRAMING:
        end -= 1
    return words[start:end]


def _carries(text: Sequence[str], words: Sequence[str], rarity: bytes) -> bool:
    return _contains(text, words) or bool(rarity) and reordered_window(words, rarity, text) is not None


def _surface(tokens: Sequence[Token]) -> tuple[str, ...]:
    return tuple(t.norm for t in tokens if t.is_word and t.norm)


def _contains(text: Sequence[str], words: Sequence[str]) -> bool:
    """The phrase's words, in order and side by side, inside the rendering."""
    n = len(words)
    first = words[0]
    return any(text[k] == first and tuple(text[k : k + n]) == tuple(words) for k in range(len(text) - n + 1))


def _fits_alone(quote: Quote, words: Sequence[str], speakers: set[str]) -> bool:
    """A phrase from an article with no rendering of the statement: distinctive, and not someone else's words."""
    norms = [t.norm for t in tokenize(quote.text) if t.is_word and t.norm]
    uncommon = [w for w in norms if w not in STOPWORDS and w not in EVERYDAY]
    if not (any(len(w) >= _ATTACH_LENGTH or w.isdigit() for w in uncommon) or len(uncommon) >= 2):
        return False
    return _speaker_fits(quote, speakers) and len(words) <= 12


def _speaker_fits(quote: Quote, speakers: set[str]) -> bool:
    """Not put in the mouth of a named person other than the statement's speakers. ("She" resolved to another
    person is no veto: a pronoun is the article's guess, and ours.)"""
    person = quote.attribution.speaker_resolved if quote.attribution.speaker_kind == "named" else None
    return not (person and speakers and not any(same_person(person, s) or _same_surname(person, s) for s in speakers))


def _same_surname(a: str, b: str) -> bool:
    """One surname under an epithet ("Bunkered Brown" on a blog, "Gordon Brown" on the phrase's page): for a
    phrase, whose wording already ties it to the statement, a shared surname is no other person."""
    ka, kb = name_key(a), name_key(b)
    return bool(ka) and bool(kb) and ka[-1] == kb[-1]


def _a_name(quote: Quote, tokens: Sequence[Token]) -> bool:
    """One capitalised word in quote marks with nobody saying it ("Titanic", "Kaptaan"): a name or a title."""
    words = [t for t in tokens if t.is_word and t.norm]
    return quote.kind == "scare" and len(words) == 1 and words[0].text[:1].isupper()
