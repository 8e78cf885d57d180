"""Pieces of one answer. A phrase outlets lift from it ("ledgers full of captains") is no statement of its own when
several outlets print the answer whole (when only one does, the phrase and the answer's other line stay apart), and
pieces that overlap on a sentence join. Invented outlets."""

from __future__ import annotations

from quotediff.compare.pipeline import compare
from quotediff.model import Article

WHOLE = (
    "I went to the dock workers and said, ‘Can you help us find captains for the fleet?’ And they brought us whole"
    " ledgers full of captains."
)
LINE = "Can you help us find captains for the fleet?"
PHRASE = "ledgers full of captains"


def _article(name: str, text: str) -> Article:
    return Article(id=name, path=f"{name}.txt", text=f"{name.title()} Gazette\n\n{text}\n", format="text", outlet=name)


def _groups(texts: dict[str, str]) -> list[set[str]]:
    result = compare([_article(name, text) for name, text in texts.items()])
    article_of = {q.id: q.article_id for q in result.quotes}
    return [{article_of[q] for m in g.members for q in m.quote_ids} for g in result.groups]


def _whole(name: str) -> str:
    return f"Asked about the fleet, harbour master Tomas Vell said: “{WHOLE}”"


def _phrase(name: str) -> str:
    return f"Harbour master Tomas Vell’s claim that he was handed “{PHRASE}” drew laughter at the quay."


def _line(name: str) -> str:
    return f"Harbour master Tomas Vell said he had asked the dock workers, “{LINE}”"


def test_a_phrase_lifted_from_an_answer_several_outlets_print_whole_joins_the_answer() -> None:
    texts = {n: _whole(n) for n in ("north", "quay", "river")}
    texts |= {n: _phrase(n) for n in ("delta", "cape", "bay", "port")}
    texts |= {"inlet": _line("inlet")}
    groups = _groups(texts)
    assert any(set(texts) <= group for group in groups)


def test_a_phrase_and_a_line_one_outlet_prints_together_stay_apart() -> None:
    texts = {"north": _whole("north")}
    texts |= {n: _phrase(n) for n in ("delta", "cape", "bay")}
    texts |= {n: _line(n) for n in ("inlet", "reef", "fjord")}
    groups = _groups(texts)
    assert not any({"delta", "inlet"} <= group for group in groups)
    assert any({"delta", "cape", "bay"} <= group for group in groups)
    assert any({"inlet", "reef", "fjord"} <= group for group in groups)


FIRST = (
    "I said there were storm clouds over the harbour, big storm clouds. It is a hurricane. That hurricane is right"
    " out there down the coast coming our way."
)
SECOND = (
    "Right now it is sunny, things are doing fine, everyone thinks the bank can handle it. That hurricane is right"
    " out there down the coast coming our way."
)
SUNNY = "Right now it is sunny, things are doing fine, everyone thinks the bank can handle it."
OVERLAP = "That hurricane is right out there down the coast coming our way."


def _said(text: str) -> str:
    return f"Harbour master Tomas Vell told a conference in Brest: “{text}”"


def test_pieces_of_an_answer_that_overlap_on_a_sentence_join() -> None:
    # no outlet prints the answer whole; two pieces share its middle sentence, which one outlet quotes alone
    texts = {"north": FIRST, "quay": FIRST, "river": SECOND, "delta": SECOND, "port": OVERLAP}
    texts |= {"cape": SUNNY, "bay": SUNNY}
    groups = _groups({name: _said(text) for name, text in texts.items()})
    assert any({"north", "quay", "river", "delta", "port"} <= group for group in groups)
