"""The HTML report: structure, escaping of hostile article data, determinism, no network, gold file.

Comparisons are built by hand here (the builders are shared with tests/test_browser.py) so the report is
tested on known edits; the gold file covers the real pipeline on fixtures/forgiven.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import html5lib
import pytest
from hypothesis import given
from hypothesis import strategies as st

from quotediff.model import (
    EDIT_SEVERITY,
    Article,
    Attribution,
    AttributionChange,
    Comparison,
    Edit,
    LineageEntry,
    Member,
    Quote,
    QuoteGroup,
    Skipped,
    Span,
    TextDiff,
    UnmarkedReuse,
)
from quotediff.compare.normalize import tokenize
from quotediff.report import HtmlOptions, render_html
from quotediff.report.html_data import EditView
from quotediff.report.html_view import mark_segments, safe_href

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden"
ACTUAL = ROOT / "tests" / "actual"
UPDATE_GOLDEN = os.environ.get("QUOTEDIFF_UPDATE_GOLDEN") == "1"

# --- builders -----------------------------------------------------------------------------------------------

LU = (
    "I think if a no-confidence vote against the Prime Minister succeeds, all will be forgiven in Washington "
    "because the Russia visit is being looked at as a decision by the Prime Minister."
)
NEUTRAL = (
    "People here and in Europe are quite concerned about why Pakistan is taking such an aggressively neutral "
    "position, if such a position is even possible."
)


def _words(text: str, start: int, end: int) -> str:
    tokens = tokenize(text)[start:end]
    return text[tokens[0].start : tokens[-1].end] if tokens else ""


def make_edit(
    kind: str,
    reference: str,
    variant: str,
    ref: tuple[int, int],
    var: tuple[int, int],
    *,
    critical: bool = False,
) -> Edit:
    """An edit between token ranges of the two texts, with the words taken from the texts themselves."""
    return Edit(
        kind=kind,
        severity=EDIT_SEVERITY[kind],
        reference=_words(reference, *ref),
        variant=_words(variant, *var),
        ref_start=ref[0],
        ref_end=ref[1],
        var_start=var[0],
        var_end=var[1],
        critical=critical,
    )


def token_index(text: str, word: str, occurrence: int = 1) -> int:
    seen = 0
    for index, token in enumerate(tokenize(text)):
        if token.text == word:
            seen += 1
            if seen == occurrence:
                return index
    raise ValueError(f"{word!r} not in {text!r}")


def span_in(text: str, part: str) -> Span:
    start = text.index(part)
    return Span(start, start + len(part), part)


def attribution(
    speaker: str,
    resolved: str,
    kind: str,
    verb: str,
    lemma: str,
    *,
    tone: str = "neutral",
    hedges: Sequence[str] = (),
    addressee: str | None = None,
    sources: Sequence[str] = (),
) -> Attribution:
    """Spans with offsets into a made-up context line, enough for the report (which shows the text)."""
    context = " ".join([speaker, *hedges, verb, addressee or "", *sources])
    return Attribution(
        speaker=span_in(context, speaker),
        speaker_resolved=resolved,
        speaker_kind=kind,
        verb=span_in(context, verb),
        verb_lemma=lemma,
        verb_tone=tone,
        hedges=tuple(span_in(context, h) for h in hedges),
        addressee=span_in(context, addressee) if addressee else None,
        sources=tuple(span_in(context, s) for s in sources),
    )


def member(
    article_id: str,
    text: str,
    edits: Sequence[Edit],
    fidelity: float,
    verdict: str,
    attr: Attribution,
    changes: Sequence[AttributionChange] = (),
    *,
    reference: bool = False,
    copy_of: str | None = None,
) -> Member:
    similarity = 1.0 - 0.04 * sum(1 for e in edits if e.severity != "cosmetic")
    return Member(
        quote_ids=(f"{article_id}:q1",),
        article_id=article_id,
        text=text,
        diff=TextDiff(tuple(edits), round(similarity, 2), fidelity, verdict),
        attribution=attr,
        attribution_changes=tuple(changes),
        is_reference=reference,
        copy_of=copy_of,
    )


def lu_comparison() -> Comparison:
    """The Lu cable line as six outlets printed it, plus a second quotation and a skipped file."""
    articles = (
        Article(
            "dawn-ledger",
            "fixtures/forgiven/dawn-ledger.html",
            "",
            "html",
            "The Dawn Ledger",
            "Cable shows US pressed Pakistan over Khan",
            "https://dawn-ledger.example/cable",
            "2023-08-09",
        ),
        Article(
            "karachi-courier",
            "fixtures/forgiven/karachi-courier.txt",
            "",
            "text",
            "Karachi Courier",
            "What the cypher said",
            None,
            "2023-08-10",
        ),
        Article(
            "harbor-post",
            "fixtures/forgiven/harbor-post.html",
            "",
            "html",
            "Harbor Post",
            "Leaked cable: 'all will be forgiven'",
            "http://harbor-post.example/a/1",
            "2023-08-10",
        ),
        Article(
            "valley-wire",
            "fixtures/forgiven/valley-wire.html",
            "",
            "html",
            "Valley Wire",
            "Leaked cable: 'all will be forgiven'",
            "ftp://valley-wire.example/a",
            "2023-08-11",
        ),
        Article(
            "north-star",
            "fixtures/forgiven/north-star.md",
            "",
            "markdown",
            "North Star",
            "Diplomat's words",
            "https://north-star.example/2023/lu",
            "2023-08-11",
        ),
        Article(
            "east-bulletin",
            "fixtures/forgiven/east-bulletin.txt",
            "",
            "text",
            "East Bulletin",
            "A warning from Washington",
            None,
            "2023-08-12",
        ),
        Article(
            "river-times", "fixtures/forgiven/river-times.html", "", "html", "River Times", None, None, None
        ),
    )
    ref_attr = attribution(
        "Lu",
        "Donald Lu",
        "named",
        "told",
        "tell",
        hedges=("is alleged to have",),
        addressee="Majeed",
        sources=("according to the cable obtained by The Intercept",),
    )

    lower = LU.replace("Prime Minister", "prime minister")
    case_edits = [
        make_edit("case", LU, lower, (i, i + 2), (i, i + 2))
        for i in (token_index(LU, "Prime"), token_index(LU, "Prime", 2))
    ]
    cut = LU[: LU.index(" because")] + " …"
    because = token_index(LU, "because")
    ellipsis = make_edit("ellipsis", LU, cut, (because, len(tokenize(LU))), (because, because + 1))
    fragment = "all would be forgiven in Washington"
    all_at = token_index(LU, "all")
    will = token_index(LU, "will")
    washington = token_index(LU, "Washington")
    fragment_edits = [
        make_edit("truncation", LU, fragment, (0, all_at), (0, 0)),
        make_edit("substitution", LU, fragment, (will, will + 1), (1, 2)),
        make_edit("truncation", LU, fragment, (washington + 1, len(tokenize(LU))), (6, 6)),
    ]
    not_forgiven = LU.replace("all will be forgiven", "nothing will be forgiven")
    nothing = make_edit(
        "substitution", LU, not_forgiven, (all_at, all_at + 1), (all_at, all_at + 1), critical=True
    )

    lu_members = (
        member("dawn-ledger", LU, (), 1.0, "verbatim", ref_attr, reference=True),
        member(
            "karachi-courier",
            LU,
            (),
            1.0,
            "verbatim",
            attribution(
                "Mr Lu",
                "Donald Lu",
                "named",
                "told",
                "tell",
                hedges=("is alleged to have",),
                addressee="Majeed",
                sources=("according to the cable obtained by The Intercept",),
            ),
            (AttributionChange("speaker", "name_form", "Lu", "Mr Lu", "info"),),
        ),
        member(
            "harbor-post",
            lower,
            case_edits,
            0.98,
            "cosmetic changes only",
            attribution("Lu", "Donald Lu", "named", "said", "say", hedges=("reportedly",)),
            (
                AttributionChange("hedges", "replaced", "is alleged to have", "reportedly", "notable"),
                AttributionChange("addressee", "dropped", "Majeed", None, "info"),
                AttributionChange(
                    "sources", "dropped", "according to the cable obtained by The Intercept", None, "notable"
                ),
            ),
        ),
        member(
            "valley-wire",
            lower,
            case_edits,
            0.98,
            "cosmetic changes only",
            attribution("Lu", "Donald Lu", "named", "said", "say", hedges=("reportedly",)),
            (
                AttributionChange("hedges", "replaced", "is alleged to have", "reportedly", "notable"),
                AttributionChange("addressee", "dropped", "Majeed", None, "info"),
                AttributionChange(
                    "sources", "dropped", "according to the cable obtained by The Intercept", None, "notable"
                ),
            ),
            copy_of="harbor-post",
        ),
        member(
            "north-star",
            cut,
            (ellipsis,),
            0.9,
            "shortened with ellipsis",
            attribution(
                "a U.S. diplomat",
                "a U.S. diplomat",
                "anonymous",
                "told",
                "tell",
                hedges=("is alleged to have",),
                addressee="Majeed",
            ),
            (
                AttributionChange("speaker", "anonymised", "Donald Lu", "a U.S. diplomat", "notable"),
                AttributionChange(
                    "sources", "dropped", "according to the cable obtained by The Intercept", None, "notable"
                ),
            ),
        ),
        member(
            "east-bulletin",
            fragment,
            fragment_edits,
            0.62,
            "altered",
            attribution("Donald Lu", "Donald Lu", "named", "warned", "warn", tone="loaded"),
            (
                AttributionChange("verb", "loaded", "told", "warned", "notable"),
                AttributionChange("hedges", "dropped", "is alleged to have", None, "critical"),
                AttributionChange("addressee", "dropped", "Majeed", None, "info"),
                AttributionChange(
                    "sources", "dropped", "according to the cable obtained by The Intercept", None, "notable"
                ),
            ),
        ),
        member(
            "river-times",
            not_forgiven,
            (nothing,),
            0.55,
            "altered",
            attribution("Majeed", "Asad Majeed", "named", "said", "say"),
            (AttributionChange("speaker", "misattributed", "Donald Lu", "Asad Majeed", "critical"),),
        ),
    )
    lineage = (
        LineageEntry("case", "Prime Minister", "prime minister", "harbor-post", ("valley-wire",)),
        LineageEntry("substitution", "will", "would", "east-bulletin", ()),
    )
    neutral_case = NEUTRAL.replace("Europe", "europe")
    europe = token_index(NEUTRAL, "Europe")
    neutral_members = (
        member(
            "dawn-ledger",
            NEUTRAL,
            (),
            1.0,
            "verbatim",
            attribution("Lu", "Donald Lu", "named", "said", "say"),
            reference=True,
        ),
        member(
            "north-star",
            NEUTRAL,
            (),
            1.0,
            "verbatim",
            attribution("the official", "Donald Lu", "anonymous", "said", "say"),
            (AttributionChange("speaker", "anonymised", "Donald Lu", "the official", "notable"),),
        ),
        member(
            "karachi-courier",
            neutral_case,
            (make_edit("case", NEUTRAL, neutral_case, (europe, europe + 1), (europe, europe + 1)),),
            0.99,
            "cosmetic changes only",
            attribution("Lu", "Donald Lu", "named", "said", "say"),
        ),
    )
    groups = (
        QuoteGroup("g1", ("dawn-ledger:q1",), LU, "dawn-ledger", lu_members, lineage),
        QuoteGroup("g2", ("dawn-ledger:q2",), NEUTRAL, "dawn-ledger", neutral_members),
    )
    quotes = tuple(
        Quote(qid, m.article_id, m.text, 0, len(m.text), "“”", m.attribution)
        for g in groups
        for m in g.members
        for qid in m.quote_ids
    )
    unmarked = (UnmarkedReuse("g1", "river-times", Span(10, 40, "all will be forgiven in Washington"), 0.91),)
    return Comparison(
        articles=articles,
        quotes=quotes,
        groups=groups,
        skipped=(Skipped("fixtures/forgiven/cable.pdf", "binary file (PDF), not an article"),),
        unmarked=unmarked,
        copies=(("harbor-post", "valley-wire"),),
    )


HOSTILE = "<script>document.title='pwned';document.body.dataset.pwned='1'</script>"
HOSTILE_IMG = "<img src=x onerror=\"document.body.dataset.pwned='img'\">"
HOSTILE_BITS = (HOSTILE, HOSTILE_IMG, "</style>", "-->", "javascript:alert(1)", "<!--", "]]>", "</script>")


def hostile_comparison() -> Comparison:
    """Every field that comes from an article carries markup that would run if it were not escaped."""
    text = f"all will be {HOSTILE} forgiven --> </style> {HOSTILE_IMG}"
    base = "all will be forgiven"
    outlet = f"Evil <b>Outlet</b> {HOSTILE}"
    articles = (
        Article(
            "evil-one",
            f"fixtures/hostile/{HOSTILE_IMG}.html",
            "",
            "html",
            outlet,
            f"</title></style>{HOSTILE}",
            "javascript:alert(1)",
            "2023-08-10",
            author=HOSTILE,
        ),
        Article(
            "evil-two",
            "fixtures/hostile/evil\"'><svg onload=alert(1)>.txt",
            "",
            "text",
            "Two -->",
            "<!-- x -->",
            "2023-08-11",
        ),
        Article(
            "evil-three",
            "fixtures/hostile/three.html",
            "",
            "html",
            "Three",
            "Three",
            " JaVaScRiPt:alert(1)",
            "2023-08-12",
        ),
        Article(
            "safe",
            "fixtures/hostile/safe.html",
            "",
            "html",
            "Safe",
            "Safe",
            'https://safe.example/a?x=1&y="><script>alert(1)</script>',
            "2023-08-13",
        ),
    )
    inserted = (token_index(text, "be") + 1, token_index(text, "forgiven"))
    edit = make_edit("insertion", base, text, (3, 3), inserted)
    attr = Attribution(
        speaker=Span(0, len(HOSTILE), HOSTILE),
        speaker_resolved=HOSTILE_IMG,
        speaker_kind="named",
        verb=Span(0, 4, "said</style>"),
        hedges=(Span(0, 3, "-->"),),
        addressee=Span(0, 3, HOSTILE_IMG),
        sources=(Span(0, 3, "according to javascript:alert(1)"),),
    )
    members = (
        member("evil-one", base, (), 1.0, "verbatim", attr, reference=True),
        member(
            "evil-two",
            text,
            (edit,),
            0.5,
            f"altered {HOSTILE}",
            attr,
            (AttributionChange("speaker", "misattributed", HOSTILE, HOSTILE_IMG, "critical"),),
        ),
        member("evil-three", base, (), 1.0, "verbatim", attr),
        member("safe", base, (), 1.0, "verbatim", attr),
    )
    group = QuoteGroup(
        'g1"><script>alert(1)</script>',
        ("evil-one:q1",),
        f"{base} {HOSTILE}",
        "evil-one",
        members,
        (LineageEntry("insertion", "", HOSTILE, "evil-two", ("evil-one",)),),
    )
    return Comparison(
        articles=articles,
        quotes=(),
        groups=(group,),
        skipped=(Skipped(f"fixtures/hostile/{HOSTILE}", f"reason {HOSTILE_IMG}"),),
        unmarked=(UnmarkedReuse(group.id, "safe", Span(0, 5, HOSTILE), 0.9),),
        copies=(("evil-one", HOSTILE),),
    )


# --- parsing helpers ----------------------------------------------------------------------------------------


def parse(html: str):  # type: ignore[no-untyped-def]
    """Parse strictly as HTML5: any parse error (bad nesting, stray end tag) fails the test."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    return parser.parse(html)


def text_of(element) -> str:  # type: ignore[no-untyped-def]
    return "".join(element.itertext())


def edits_shown(doc, anchor: str) -> int:  # type: ignore[no-untyped-def]
    return len(doc.findall(f".//li[@id='{anchor}']/p[@class='rendering']/span[@data-kind]"))


# --- structure ----------------------------------------------------------------------------------------------


def test_report_is_valid_html5_with_unique_ids() -> None:
    html = render_html(lu_comparison())
    doc = parse(html)
    ids = [el.get("id") for el in doc.iter() if el.get("id")]
    assert len(ids) == len(set(ids))
    assert html.startswith('<!DOCTYPE html>\n<html lang="en">')
    # Every in-page link and aria reference points at an element that exists.
    for el in doc.iter():
        href = el.get("href") or ""
        if href.startswith("#"):
            assert href[1:] in ids, href
        for ref in (el.get("aria-describedby") or "").split():
            assert ref in ids, ref


def test_every_group_and_rendering_is_shown_with_its_edits_marked() -> None:
    comparison = lu_comparison()
    doc = parse(render_html(comparison))
    groups = doc.findall(".//article[@class='group']")
    assert [g.get("data-group") for g in groups] == ["g1", "g2"]
    for number, group in enumerate(comparison.groups, 1):
        for index, m in enumerate(group.members, 1):
            anchor = f"q{number}-m{index}"
            item = doc.find(f".//li[@id='{anchor}']")
            assert item is not None
            assert item.get("data-edits") == str(len(m.diff.edits))
            assert edits_shown(doc, anchor) == len(m.diff.edits)
            rendering = text_of(item.find("p[@class='rendering']"))
            # The rendering's own words come through unchanged (marks add struck reference words or markers).
            for token in tokenize(m.text):
                assert token.text in rendering


def test_inline_marks_keep_spacing_and_describe_the_change() -> None:
    doc = parse(render_html(lu_comparison()))
    harbor = doc.find(".//li[@id='q1-m3']/p[@class='rendering']")
    assert text_of(harbor) == "“" + LU.replace("Prime Minister", "prime minister") + "”"
    marks = harbor.findall("span[@data-kind]")
    assert [m.get("class") for m in marks] == ["edit sev-cosmetic", "edit sev-cosmetic"]
    assert marks[0].get("title") == "case: “Prime Minister” → “prime minister”"
    assert marks[0].get("tabindex") == "0"
    described = doc.find(f".//li[@id='{marks[0].get('aria-describedby')}']")
    assert "case: “Prime Minister” → “prime minister”" in text_of(described)

    east = doc.find(".//li[@id='q1-m6']/p[@class='rendering']")
    sub = next(s for s in east.findall("span[@data-kind]") if s.get("data-kind") == "substitution")
    assert sub.find("del").text == "will" and sub.find("ins").text == "would"
    assert "substantive" in sub.get("class")
    cuts = [s for s in east.findall("span[@data-kind]") if s.get("data-kind") == "truncation"]
    assert [text_of(c) for c in cuts] == ["⋯ 11 words not quoted", "⋯ 15 words not quoted"]

    river = doc.find(".//li[@id='q1-m7']/p[@class='rendering']")
    critical = river.find("span[@data-kind='substitution']")
    assert "critical" in critical.get("class") and critical.get("title").endswith("(critical)")


def test_summary_counts_and_matrix_with_numbers() -> None:
    doc = parse(render_html(lu_comparison()))
    counts = {
        text_of(li.find("span[@class='what']")): int(li.find("span[@class='n']").text)
        for li in doc.findall(".//ul[@class='counts']/li")
    }
    assert counts == {
        "quotations": 2,
        "renderings compared": 8,
        "verbatim renderings": 2,
        "cosmetic changes": 5,
        "marked editorial changes": 1,
        "substantive changes": 2,
        "scope changes": 2,
        "attribution shifts": 11,  # notable and critical only: 3 "addressee dropped" are info notes
        "uses without quote marks": 1,
    }
    rows = doc.findall(".//table[@class='matrix']/tbody/tr")
    cells = {text_of(r.find("th")): [text_of(td).strip() for td in r.findall("td")] for r in rows}
    assert cells["The Dawn Ledger"] == ["◆ ref", "◆ ref"]
    assert cells["East Bulletin"] == ["≠ 62%", "—"]
    assert cells["Harbor Post"] == ["~ 98%", "—"]
    assert cells["North Star"] == ["[…] 90%", "= 100%"]
    classes = [td.get("class") for td in rows[-1].findall("td")]
    assert classes[0].startswith("band-") and classes[0] != "band-none"


def test_articles_skipped_copies_lineage_timeline_and_attribution() -> None:
    html = render_html(lu_comparison())
    doc = parse(html)
    articles = [text_of(li) for li in doc.findall(".//ol[@class='articles']/li")]
    assert articles[0].startswith("The Dawn Ledger 2023-08-09 Cable shows US pressed Pakistan over Khan")
    assert "Valley Wire 2023-08-11" in articles[3] and "copy of Harbor Post" in articles[3]
    assert "River Times undated" in articles[6]
    assert "binary file (PDF), not an article" in text_of(doc.find(".//ul[@class='skipped']"))
    assert text_of(doc.find(".//ul[@class='copies']")).strip() == "Harbor Post, Valley Wire"
    lineage = [text_of(li) for li in doc.findall(".//article[@id='q1']//ul[@class='lineage']/li")]
    assert (
        lineage[0]
        == "case: “Prime Minister” → “prime minister”: first in Harbor Post (2023-08-10), then Valley Wire"
    )
    timeline = [text_of(li) for li in doc.findall(".//article[@id='q1']//ol[@class='timeline']/li")]
    assert [t.split()[0] for t in timeline] == [
        "2023-08-09",
        "2023-08-10",
        "2023-08-10",
        "2023-08-11",
        "2023-08-11",
        "2023-08-12",
        "undated",
    ]
    # Attribution side by side: changed fields are marked and described; the misattribution is loud.
    rows = doc.findall(".//article[@id='q1']//table[@class='attribution']/tbody/tr")
    east = rows[5]
    changed = {td.get("data-label") for td in east.findall("td") if td.get("class") == "changed"}
    assert changed == {"Verb", "Hedges", "Addressee", "Sources"}
    assert "hedge dropped: now asserted as fact" in text_of(east)
    karachi = rows[1]
    assert not [td for td in karachi.findall("td") if td.get("class") == "changed"]  # "Mr Lu": name form only
    north = rows[4]
    assert {td.get("data-label") for td in north.findall("td") if td.get("class")} == {
        "Speaker",
        "Speaker kind",
        "Sources",
    }
    loud = doc.find(".//li[@id='q1-m7']/ul[@class='attr-notes']/li[@class='attr-critical']/strong")
    assert text_of(loud).startswith("⚠ MISATTRIBUTED")
    assert "Used without quote marks" in html


def test_links_only_for_http_urls() -> None:
    doc = parse(render_html(lu_comparison()))
    hrefs = {a.get("href") for a in doc.iter("a") if not a.get("href").startswith("#")}
    assert hrefs == {
        "https://dawn-ledger.example/cable",
        "http://harbor-post.example/a/1",
        "https://north-star.example/2023/lu",
    }
    valley = doc.find(".//ol[@class='articles']/li[@id='a4']")
    assert valley.find(".//span[@class='unsafe-url']").text == "ftp://valley-wire.example/a"
    assert valley.find(".//code[@class='path']").text == "fixtures/forgiven/valley-wire.html"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://a.example/x", "https://a.example/x"),
        ("HTTP://A.EXAMPLE", "HTTP://A.EXAMPLE"),
        ("javascript:alert(1)", None),
        (" JaVaScRiPt:alert(1)", None),
        ("java\nscript:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("//evil.example/x", None),
        ("https://a.example/ x", None),
        ("http:///nohost", None),
        ("fixtures/forgiven/a.html", None),
        ("", None),
        (None, None),
    ],
)
def test_safe_href(url: str | None, expected: str | None) -> None:
    assert safe_href(url) == expected


def test_deterministic_and_timestamp_only_when_asked() -> None:
    first = render_html(lu_comparison())
    assert first == render_html(lu_comparison())
    assert not re.search(r"20\d\d-\d\d-\d\dT|\d\d:\d\d:\d\d", first)
    stamped = render_html(
        lu_comparison(), HtmlOptions(title="Lu cable <check>", timestamp="2024-01-02 03:04")
    )
    assert "Generated 2024-01-02 03:04." in stamped
    assert "<title>Lu cable &lt;check&gt;</title>" in stamped


def test_no_external_resources_and_a_strict_policy() -> None:
    html = render_html(lu_comparison())
    doc = parse(html)
    assert not [el for el in doc.iter() if el.get("src") is not None]
    assert not doc.findall(".//link") and not doc.findall(".//img") and not doc.findall(".//iframe")
    assert len(doc.findall(".//script")) == 1 and len(doc.findall(".//style")) == 1
    style = doc.find(".//style").text
    assert "url(" not in style and "@import" not in style
    # Outside anchors' href (links the reader may follow), no http(s) address appears in any attribute.
    for el in doc.iter():
        for name, value in el.attrib.items():
            if name != "href" or el.tag != "a":
                assert "http:" not in value and "https:" not in value, (el.tag, name, value)
    csp = doc.find(".//meta[@http-equiv='Content-Security-Policy']").get("content")
    assert csp.startswith("default-src 'none'; style-src 'sha256-")
    assert "unsafe-inline" not in csp


def test_empty_comparison_renders() -> None:
    doc = parse(render_html(Comparison((), (), ())))
    assert "No quotation was found in more than one article." in text_of(
        doc.find(".//section[@id='quotations']")
    )
    assert "No articles could be read." in text_of(doc.find(".//section[@id='summary']"))


def test_primary_source_reference() -> None:
    comparison = lu_comparison()
    cable = Article(
        "cable",
        "sources/cable.txt",
        LU,
        "text",
        "Pakistani cable (cypher)",
        "Cable of 7 March",
        None,
        "2022-03-07",
    )
    groups = (replace(comparison.groups[0], reference_article=None), *comparison.groups[1:])
    doc = parse(render_html(replace(comparison, source=cable, groups=groups)))
    caption = text_of(doc.find(".//article[@id='q1']/figure/figcaption"))
    assert "Pakistani cable (cypher) (primary source), 2022-03-07" in caption
    assert "sources/cable.txt" in caption


def test_stray_edit_ranges_still_show_every_edit() -> None:
    """If a differ ever hands over ranges that do not fit the text, each edit is still marked once."""
    comparison = lu_comparison()
    bad = Edit("omission", "substantive", "in Washington", "", 20, 22, 99, 99)
    m = comparison.groups[0].members[2]
    broken = replace(m, diff=replace(m.diff, edits=(*m.diff.edits, bad)))
    group = replace(
        comparison.groups[0],
        members=(*comparison.groups[0].members[:2], broken, *comparison.groups[0].members[3:]),
    )
    doc = parse(render_html(replace(comparison, groups=(group, *comparison.groups[1:]))))
    assert edits_shown(doc, "q1-m3") == 3


@st.composite
def text_and_edits(draw: st.DrawFn) -> tuple[str, list[Edit]]:
    """A text and edits over its tokens: ordered, non-overlapping ranges, some empty (omissions)."""
    words = draw(
        st.lists(
            st.sampled_from(["all", "will", "be", "forgiven", ",", "…", "U.S.", "[Lu]", "it’s"]), max_size=12
        )
    )
    gaps = draw(st.lists(st.sampled_from([" ", "  ", "", "\n"]), min_size=len(words), max_size=len(words)))
    text = "".join(w + g for w, g in zip(words, gaps, strict=True))
    count = len(tokenize(text))
    cuts = sorted(draw(st.lists(st.integers(0, count), max_size=8)))
    edits = [
        Edit("substitution" if a < b else "omission", "substantive", "x", "", 0, 1, a, b)
        for a, b in zip(cuts[::2], cuts[1::2], strict=False)
    ]
    return text, edits


@given(text_and_edits())
def test_marking_keeps_the_text_and_every_edit(case: tuple[str, list[Edit]]) -> None:
    text, edits = case
    views = [
        EditView(f"e{i}", e.kind, e.severity, False, "x", "", "label", True, "ins", "")
        for i, e in enumerate(edits)
    ]
    segments = mark_segments(text, tokenize(text), list(zip(edits, views, strict=True)))
    assert "".join(s.text for s in segments) == text
    assert sorted(s.edit.anchor for s in segments if s.edit) == sorted(v.anchor for v in views)


# --- escaping -----------------------------------------------------------------------------------------------


def test_hostile_article_data_is_text_never_markup() -> None:
    html = render_html(hostile_comparison())
    doc = parse(html)
    # Only our own script and style elements; no element or attribute came from article data.
    assert len(doc.findall(".//script")) == 1 and len(doc.findall(".//style")) == 1
    assert not doc.findall(".//img") and not doc.findall(".//svg") and not doc.findall(".//b")
    for el in doc.iter():
        assert not [name for name in el.attrib if name.lower().startswith("on")], el.tag
    for bit in (HOSTILE, HOSTILE_IMG, "<svg onload"):
        assert bit not in html
    # ... and the hostile strings are shown to the reader as they were written.
    body = text_of(doc.find("body"))
    assert HOSTILE in body and HOSTILE_IMG in body and "</style>" in body and "-->" in body
    assert "javascript:alert(1)" in body
    # Only the http(s) URL became a link; the javascript: ones stay text.
    links = [a.get("href") for a in doc.iter("a") if not a.get("href").startswith("#")]
    assert (
        links == ['https://safe.example/a?x=1&y="><script>alert(1)</script>'] * 2
    )  # the article list and its rendering
    assert 'href="https://safe.example/a?x=1&amp;y=&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in html
    # The group id from the data never becomes an element id.
    assert all(re.fullmatch(r"[a-z0-9-]+", el.get("id")) for el in doc.iter() if el.get("id"))
    # Comments cannot be opened or closed by data either: the only comment-like text is escaped.
    assert "<!--" not in html and "-->" not in html.replace("--&gt;", "")


def test_hostile_fixture_report_through_the_pipeline() -> None:
    compare = pytest.importorskip("quotediff.compare.pipeline")
    comparison = compare.compare_paths([str(ROOT / "fixtures" / "hostile")])
    assert comparison.groups
    html = render_html(comparison)
    doc = parse(html)
    assert len(doc.findall(".//script")) == 1 and len(doc.findall(".//style")) == 1
    assert not doc.findall(".//img") and not doc.findall(".//b") and not doc.findall(".//i")
    assert "<script>alert(1)</script>" not in html and "<img src=x" not in html
    body = text_of(doc.find("body"))
    for bit in (
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "</style>",
        "-->",
        "Hostile <b>Herald</b>",
        "javascript:alert(1)",
    ):
        assert bit in body, bit
    links = {a.get("href") for a in doc.iter("a") if not a.get("href").startswith("#")}
    assert links == {a.url for a in comparison.articles if a.url and a.url.startswith("https://")}


def test_script_never_writes_markup() -> None:
    """The inlined script reads the page and toggles classes; it never turns strings into markup."""
    from importlib import resources

    js = resources.files("quotediff.report").joinpath("templates").joinpath("report.js").read_text(encoding="utf-8")
    for sink in (
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
        "Function(",
        'setTimeout("',
        "fetch(",
        "XMLHttpRequest",
        "import(",
    ):
        assert sink not in js, sink


def test_hostile_fixture_files_exist() -> None:
    folder = ROOT / "fixtures" / "hostile"
    names = sorted(p.name for p in folder.iterdir() if p.suffix in (".html", ".txt", ".md"))
    assert len(names) >= 2
    joined = "".join((folder / n).read_text(encoding="utf-8") for n in names)
    for bit in ("<script>", "onerror=", "</style>", "-->", "javascript:alert(1)"):
        assert bit in joined


# --- gold file of the real pipeline -------------------------------------------------------------------------


def check_golden(name: str, actual: str) -> None:
    """Compare with tests/golden/<name>; QUOTEDIFF_UPDATE_GOLDEN=1 rewrites it; mismatches go to actual/."""
    golden = GOLDEN / name
    if UPDATE_GOLDEN:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
        return
    if not golden.exists():
        pytest.fail(f"no gold file {golden}; run with QUOTEDIFF_UPDATE_GOLDEN=1 to create it")
    expected = golden.read_text(encoding="utf-8")
    if actual != expected:
        ACTUAL.mkdir(parents=True, exist_ok=True)
        (ACTUAL / name).write_text(actual, encoding="utf-8")
        diff = difflib.unified_diff(
            expected.splitlines(), actual.splitlines(), str(golden), str(ACTUAL / name), lineterm="", n=2
        )
        head = "\n".join(line for _, line in zip(range(60), diff, strict=False))
        pytest.fail(
            f"{name} differs from the gold file (actual saved in tests/actual/; "
            f"QUOTEDIFF_UPDATE_GOLDEN=1 to accept):\n{head}"
        )


def forgiven_report() -> str:
    compare = pytest.importorskip("quotediff.compare.pipeline")
    comparison = compare.compare_paths([str(ROOT / "fixtures" / "forgiven")])
    # Paths depend on where the checkout lives; the gold file keeps them relative.
    articles = tuple(replace(a, path=os.path.relpath(a.path, ROOT)) for a in comparison.articles)
    return render_html(replace(comparison, articles=articles))


def test_golden_hand_built_report() -> None:
    """The page itself, on a comparison that does not move when the pipeline improves."""
    check_golden("report_lu.html", render_html(lu_comparison()))


def test_golden_forgiven_report() -> None:
    html = forgiven_report()
    parse(html)
    check_golden("report_forgiven.html", html)
