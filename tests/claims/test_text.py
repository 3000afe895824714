"""Normalising web copy and splitting sentences, with offsets into the original text."""

from __future__ import annotations

import pytest

from bilateral.claims.figures import hedge_before, language_of, parse_number
from bilateral.claims.text import normalise, sentences


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("theBelgian trade agencyoverall trade", "the Belgian trade agency overall trade"),
        ("a strong trading partnerespecially in", "a strong trading partner especially in"),
        ("\u201cexports\u201d \u2018rose\u2019\u00a0\u2013 by\u202f\u22123%",
         "\"exports\" 'rose' - by -3%"),
        ("18billion euros in2021", "18 billion euros in 2021"),
        ("Italian exportsto Belgium", "Italian exports to Belgium"),
        ("\ufb01gures", "figures"),  # NFKC: the "fi" ligature
        ("ex\u00adports", "exports"),  # soft hyphen
    ],
)  # fmt: skip
def test_normalise_repairs_web_copy(raw: str, expected: str) -> None:
    assert normalise(raw).text == expected


@pytest.mark.parametrize(
    "word",
    ["iPhone", "McDonald", "important", "importance", "exportable", "reexports", "overall",
     "especially", "interscambio", "CO2", "eBay", "PwC"],
)  # fmt: skip
def test_normalise_keeps_real_words_whole(word: str) -> None:
    assert normalise(word).text == word


def test_every_normalised_character_maps_to_its_original() -> None:
    raw = "In\u00a02021 theBelgian agencyoverall \u201ctrade\u201d \ufb01gures"
    flat = normalise(raw)
    assert len(flat.origin) == len(flat.text)
    start = flat.text.index("Belgian")
    assert flat.span(start, start + len("Belgian")) == (
        raw.index("Belgian"),
        raw.index("Belgian") + 7,
    )
    start = flat.text.index("overall")
    assert raw[slice(*flat.span(start, start + 7))] == "overall"
    start = flat.text.index("figures")
    assert raw[slice(*flat.span(start, start + 7))] == "\ufb01gures"


def test_sentences_keep_their_place_in_the_original() -> None:
    raw = "Exports rose by approx. 3%. In 2021 the U.S. bought more!\n\nNel 2021 l'export è salito."
    found = sentences(raw)
    assert [s.text for s in found] == [
        "Exports rose by approx. 3%.",
        "In 2021 the U.S. bought more!",
        "Nel 2021 l'export è salito.",
    ]  # fmt: skip
    for sentence in found:
        assert raw[sentence.start : sentence.end] == sentence.text


def test_a_text_without_sentences_gives_none() -> None:
    assert sentences("   \n\n ") == []


@pytest.mark.parametrize(
    ("raw", "language", "expected"),
    [
        ("18,5", "it", (18.5, 1)), ("18.5", "en", (18.5, 1)), ("1,234", "en", (1234.0, 0)),
        ("1.234", "it", (1234.0, 0)), ("1.234,56", "it", (1234.56, 2)),
        ("1,234.56", "en", (1234.56, 2)), ("40.000", "it", (40000.0, 0)), ("18", "it", (18.0, 0)),
        ("1,234,567", "en", (1234567.0, 0)), ("0,5", "en", (0.5, 1)),
    ],
)  # fmt: skip
def test_numbers_are_read_as_their_language_writes_them(
    raw: str, language: str, expected: tuple[float, int]
) -> None:
    assert parse_number(raw, language) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("before", "hedge"),
    [
        ("was nearly i ", "nearly"), ("reached around ", "around"), ("exceeded ", "over"),
        ("more than ", "over"), ("sfiorando i ", "nearly"), ("circa i ", "around"),
        ("di oltre ", "over"), ("hanno superato i ", "over"), ("di circa il ", "around"),
        ("less than ", "under"), ("just under ", "nearly"), ("were ", "exact"),
        ("close to ", "nearly"), ("meno di ", "under"), ("pari a ", "exact"),
    ],
)  # fmt: skip
def test_hedges(before: str, hedge: str) -> None:
    assert hedge_before(before + "40", len(before))[0] == hedge


def test_language_is_chosen_by_its_marker_words() -> None:
    assert language_of("Nel 2021 le esportazioni italiane sono cresciute") == "it"
    assert language_of("In 2021 Italian exports to Belgium grew") == "en"
