"""A phrase outlets lift from an answer ("ledgers full of captains") is no statement of its own when several outlets
print the answer whole; when only one does, the phrase and the answer's other line stay apart. Invented outlets."""

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
