"""Golden tests of claim extraction: sentences we wrote in English and Italian, the press
release of issue 7 (as published and as scraped web copy), its Italian original and the
scenario paragraph of DESIGN.md."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from bilateral.claims.extract import extract_claims
from bilateral.results.claims import Claim


@dataclass(frozen=True)
class Expected:
    """What one figure of a sentence must give: None fields are not asserted."""

    kind: str
    reporter: str | None
    flow: str | None
    partner: str | None
    year: int | None
    hedge: str
    value: float | None = None
    currency: str | None = None
    growth: float | None = None
    base_year: int | None = None
    months: int | None = None
    rank: int | None = None


def v(reporter: str | None, flow: str | None, partner: str | None, year: int | None,
      value: float, currency: str | None, hedge: str = "exact", months: int | None = None,
      ) -> Expected:  # fmt: skip
    return Expected("value", reporter, flow, partner, year, hedge, value, currency, months=months)


def g(reporter: str | None, flow: str | None, partner: str | None, year: int | None,
      growth: float, base: int | None, hedge: str = "exact") -> Expected:  # fmt: skip
    return Expected("growth", reporter, flow, partner, year, hedge, growth=growth, base_year=base)


def r(reporter: str | None, flow: str, partner: str | None, year: int | None, rank: int,
      ) -> Expected:  # fmt: skip
    return Expected("rank", reporter, flow, partner, year, "exact", rank=rank)


def c(reporter: str | None, flow: str | None, partner: str | None, year: int | None,
      change: float, currency: str, base: int | None) -> Expected:  # fmt: skip
    return Expected("change", reporter, flow, partner, year, "exact", change, currency,
                    base_year=base)  # fmt: skip


def assert_claims(claims: list[Claim], expected: list[Expected]) -> None:
    got = [
        (c.kind, _one(c.reporter_codes), c.flow, _one(c.partner_codes), c.year, c.hedge)
        for c in claims
    ]
    want = [(e.kind, e.reporter, e.flow, e.partner, e.year, e.hedge) for e in expected]
    assert got == want
    for claim, wanted in zip(claims, expected, strict=True):
        if wanted.kind == "rank":
            assert (claim.rank, claim.value, claim.growth) == (wanted.rank, None, None)
            continue
        if wanted.kind in ("value", "change"):
            assert claim.value == pytest.approx(wanted.value)
            assert claim.currency == wanted.currency
        else:
            assert claim.growth == pytest.approx(wanted.growth)
        if wanted.kind != "value":
            assert claim.base_year == wanted.base_year
        assert claim.months == wanted.months


def _one(codes: tuple[str, ...]) -> str | None:
    return "/".join(codes) if codes else None


BN = 1e9
SENTENCES: list[tuple[str, list[Expected]]] = [
    # English: flows, demonyms, possessives, currencies, scales, hedges
    ("In 2021 Italian exports to Belgium reached 18 billion euros.",
     [v("ITA", "export", "BEL", 2021, 18 * BN, "EUR")]),
    ("Belgium's imports from Italy were EUR 18bn in 2021.",
     [v("BEL", "import", "ITA", 2021, 18 * BN, "EUR")]),
    ("In 2022 China exported goods worth $50.9 billion to Italy.",
     [v("CHN", "export", "ITA", 2022, 50.9 * BN, "USD")]),
    ("Chinese exports to the world reached $3.6 trillion in 2022.",
     [v("CHN", "export", "WORLD", 2022, 3.6e12, "USD")]),
    ("German imports from China exceeded 200 billion dollars in 2022.",
     [v("DEU", "import", "CHN", 2022, 200 * BN, "USD", "over")]),
    ("Trade between Germany and Belgium was about US$ 128 billion in 2022.",
     [v("DEU", "total", "BEL", 2022, 128 * BN, "USD", "around")]),
    ("In 2022 Germany's trade surplus with Belgium was roughly $4 billion.",
     [v("DEU", "balance", "BEL", 2022, 4 * BN, "USD", "around")]),
    ("Italy ran a trade deficit of €4.3 billion with Belgium in 2021.",
     [v("ITA", "balance", "BEL", 2021, -4.3 * BN, "EUR")]),
    ("French exports to Spain were almost 45 bn euros in 2019.",
     [v("FRA", "export", "ESP", 2019, 45 * BN, "EUR", "nearly")]),
    ("In 2020, Dutch imports from the United States were less than 60 billion euros.",
     [v("NLD", "import", "USA", 2020, 60 * BN, "EUR", "under")]),
    ("Exports from China to Germany totalled 1,234.5 million dollars in 2010.",
     [v("CHN", "export", "DEU", 2010, 1234.5e6, "USD")]),
    ("Spanish exports to Portugal grew by 12% in 2022.",
     [g("ESP", "export", "PRT", 2022, 0.12, 2021)]),
    ("Italian exports to Belgium rose 22% compared to 2020, reaching 18 billion euros in 2021.",
     [g("ITA", "export", "BEL", 2021, 0.22, 2020),
      v("ITA", "export", "BEL", 2021, 18 * BN, "EUR")]),
    ("Italian exports to China have doubled between 2012 and 2022.",
     [g("ITA", "export", "CHN", 2022, 1.0, 2012, "around")]),
    ("In 2021 imports of Austria from Hungary fell by 5.5% on the previous year.",
     [g("AUT", "import", "HUN", 2021, -0.055, 2020)]),
    ("In the first half of 2023 Italian exports to Belgium were 9.6 billion euros.",
     [v("ITA", "export", "BEL", 2023, 9.6 * BN, "EUR", months=6)]),
    ("Polish exports to Germany were more than EUR 90bn in 2022, an increase of 8% compared "
     "to 2021.",
     [v("POL", "export", "DEU", 2022, 90 * BN, "EUR", "over"),
      g("POL", "export", "DEU", 2022, 0.08, 2021)]),
    ("Japanese exports to the EU were close to 70 billion euros in 2022.",
     [v("JPN", "export", "EU", 2022, 70 * BN, "EUR", "nearly")]),
    # Italian
    ("Nel 2021 le esportazioni italiane verso il Belgio sono state pari a 18,5 miliardi di euro.",
     [v("ITA", "export", "BEL", 2021, 18.5 * BN, "EUR")]),
    ("Nel 2022 le importazioni tedesche dalla Cina hanno superato i 190 miliardi di euro.",
     [v("DEU", "import", "CHN", 2022, 190 * BN, "EUR", "over")]),
    ("L'interscambio tra Italia e Francia ha sfiorato i 110 miliardi di euro nel 2022.",
     [v("ITA", "total", "FRA", 2022, 110 * BN, "EUR", "nearly")]),
    ("Nel 2022 l'export italiano verso gli Stati Uniti è stato di circa 65 mld di euro.",
     [v("ITA", "export", "USA", 2022, 65 * BN, "EUR", "around")]),
    ("Il saldo commerciale dell'Italia con la Cina è negativo per oltre 40 miliardi nel 2022.",
     [v("ITA", "balance", "CHN", 2022, -40 * BN, None, "over")]),
    ("Nel 2021 le esportazioni della Spagna verso l'Italia sono cresciute del 25% rispetto al "
     "2020.",
     [g("ESP", "export", "ITA", 2021, 0.25, 2020)]),
    ("Nel primo semestre 2022 le importazioni italiane dalla Germania sono state di 40.000 "
     "milioni di euro.",
     [v("ITA", "import", "DEU", 2022, 40e9, "EUR", months=6)]),
    ("Le esportazioni belghe verso l'Italia sono calate del 3,2% nel 2020.",
     [g("BEL", "export", "ITA", 2020, -0.032, 2019)]),
    ("Nel 2019 l'interscambio commerciale fra l'Italia e la Svizzera ha raggiunto oltre 30 "
     "miliardi di dollari.",
     [v("ITA", "total", "CHE", 2019, 30 * BN, "USD", "over")]),
    ("Nel 2022 le esportazioni cinesi in Italia sono raddoppiate rispetto al 2012.",
     [g("CHN", "export", "ITA", 2022, 1.0, 2012, "around")]),
    ("Le importazioni italiane dal Belgio nel 2021 sono state di quasi 22 miliardi di euro, "
     "in aumento del 16%.",
     [v("ITA", "import", "BEL", 2021, 22 * BN, "EUR", "nearly"),
      g("ITA", "import", "BEL", 2021, 0.16, 2020)]),
    ("Nel 2020 le esportazioni dell'Emilia-Romagna verso il Belgio sono state di 2,1 miliardi "
     "di euro.",
     [v("ITH5", "export", "BEL", 2020, 2.1 * BN, "EUR")]),
    ("La bilancia commerciale dell'Italia con la Germania è stata negativa per 5 miliardi di "
     "euro nel 2022.",
     [v("ITA", "balance", "DEU", 2022, -5 * BN, "EUR")]),
    ("Nel 2022 l'Italia ha esportato in Germania merci per 84,5 mila milioni di euro (+10,2%).",
     [v("ITA", "export", "DEU", 2022, 84.5 * BN, "EUR"),
      g("ITA", "export", "DEU", 2022, 0.102, 2021)]),
    ("German exports to France totalled EUR 120.4 bn in 2022, down 2% from 2021.",
     [v("DEU", "export", "FRA", 2022, 120.4 * BN, "EUR"),
      g("DEU", "export", "FRA", 2022, -0.02, 2021)]),
    ("The US imported goods worth $536 billion from China in 2022.",
     [v("USA", "import", "CHN", 2022, 536 * BN, "USD")]),
    ("According to Eurostat, EU exports to China amounted to €230 billion in 2022, while imports "
     "from China reached €626 billion, resulting in a deficit of almost €400 billion.",
     [v("EU", "export", "CHN", 2022, 230 * BN, "EUR"),
      v("EU", "import", "CHN", 2022, 626 * BN, "EUR"),
      v("EU", "balance", "CHN", 2022, -400 * BN, "EUR", "nearly")]),
    ("In 2023 trade between Italy and Belgium exceeded €46 billion, for a balance of about "
     "-€7.4 billion.",
     [v("ITA", "total", "BEL", 2023, 46 * BN, "EUR", "over"),
      v("ITA", "balance", "BEL", 2023, -7.4 * BN, "EUR", "around")]),
    ("Nel 2024 l'interscambio tra Italia e Belgio è stato di 45,5 miliardi di euro (export 19,3 "
     "miliardi, import 26,2 miliardi), con un saldo di circa -6,9 miliardi.",
     [v("ITA", "total", "BEL", 2024, 45.5 * BN, "EUR"),
      v("ITA", "export", "BEL", 2024, 19.3 * BN, "EUR"),
      v("ITA", "import", "BEL", 2024, 26.2 * BN, "EUR"),
      v("ITA", "balance", "BEL", 2024, -6.9 * BN, "EUR", "around")]),
    # A change in money in parentheses after a growth rate is a change, not a level
    ("U.S. goods exports to Japan in 2023 were $75.7 billion, up 1.6 percent ($1.2 billion) "
     "from 2022.",
     [v("USA", "export", "JPN", 2023, 75.7 * BN, "USD"),
      g("USA", "export", "JPN", 2023, 0.016, 2022),
      c("USA", "export", "JPN", 2023, 1.2 * BN, "USD", 2022)]),
    ("The U.S. goods trade deficit with China was $279.4 billion in 2023, a 24.1 percent "
     "decrease ($88.5 billion) over 2022.",
     [v("USA", "balance", "CHN", 2023, -279.4 * BN, "USD"),
      g("USA", "balance", "CHN", 2023, -0.241, 2022),
      c("USA", "balance", "CHN", 2023, -88.5 * BN, "USD", 2022)]),
    ("Nel 2021 le esportazioni italiane verso il Belgio sono cresciute del 22% (3,2 miliardi di "
     "euro) rispetto al 2020.",
     [g("ITA", "export", "BEL", 2021, 0.22, 2020),
      c("ITA", "export", "BEL", 2021, 3.2 * BN, "EUR", 2020)]),
    # "Trade between" is total trade; a balance's sign is in its words
    ("Trade between the United States and Japan totaled $227.7 billion in 2023.",
     [v("USA", "total", "JPN", 2023, 227.7 * BN, "USD")]),
    ("The United States had a trade deficit of $382.9 billion with China in 2022.",
     [v("USA", "balance", "CHN", 2022, -382.9 * BN, "USD")]),
    ("In 2022 China ran a surplus of 382.9 billion dollars with the United States.",
     [v("CHN", "balance", "USA", 2022, 382.9 * BN, "USD")]),
    ("Il saldo commerciale dell'Italia con il Belgio è stato negativo per 6,9 miliardi di euro "
     "nel 2024.",
     [v("ITA", "balance", "BEL", 2024, -6.9 * BN, "EUR")]),
    # Ranks: suppliers are import partners, markets export partners, trading partners both
    ("In 2022 China was Germany's largest supplier.",
     [r("DEU", "import", "CHN", 2022, 1)]),
    ("Japan was the third-largest supplier of goods imports to the United States in 2023.",
     [r("USA", "import", "JPN", 2023, 3)]),
    ("In 2023 Japan was the United States' 4th largest goods export market.",
     [r("USA", "export", "JPN", 2023, 4)]),
    ("China is Germany's most important trading partner.",
     [r("DEU", "total", "CHN", None, 1)]),
    ("In 2022 France was the second market for German exports.",
     [r("DEU", "export", "FRA", 2022, 2)]),
    ("Belgium is the third market for Italian exports, worth 18 billion euros in 2021.",
     [r("ITA", "export", "BEL", 2021, 3),
      v("ITA", "export", "BEL", 2021, 18 * BN, "EUR")]),
    ("Nel 2021 il Belgio è stato il terzo mercato di sbocco dell'Italia.",
     [r("ITA", "export", "BEL", 2021, 3)]),
    ("La Germania è il primo fornitore dell'Italia.",
     [r("ITA", "import", "DEU", None, 1)]),
    # Ambiguous or incomplete
    ("Trade with Congo was 3 billion euros in 2021.",
     [v(None, "total", "COD/COG", 2021, 3 * BN, "EUR")]),
    ("The figure reached 5 billion euros in 2021.",
     [v(None, None, None, 2021, 5 * BN, "EUR")]),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "expected"), SENTENCES, ids=[s[:40] for s, _ in SENTENCES])
def test_sentence(sentence: str, expected: list[Expected]) -> None:
    assert_claims(extract_claims(sentence), expected)


def test_there_are_at_least_thirty_sentences_in_both_languages() -> None:
    languages = [c.language for sentence, _ in SENTENCES for c in extract_claims(sentence)[:1]]
    assert len(SENTENCES) >= 30
    assert languages.count("it") >= 10
    assert languages.count("en") >= 15


def test_sentences_without_figures_give_no_claims() -> None:
    text = (
        "Belgium is a strong trading partner. Exports matter; 12 companies took part in 2021. "
        "Il 60% delle imprese esporta. The meeting took place on 11 March 2023."
    )
    assert extract_claims(text) == []


def test_counts_of_goods_are_not_amounts() -> None:
    assert extract_claims("In 2021 Italian exports to Belgium were 2 million tonnes.") == []


PRESS_RELEASE = (
    "In 2021, according to the Belgian foreign trade agency, overall trade between Italy and "
    "Belgium was nearly 40 billion euros. Italian exports to Belgium reached around 18 billion "
    "euros (+22% on 2020), while imports exceeded 22 billion (+16%)."
)
PRESS_RELEASE_FIGURES = [
    v("ITA", "total", "BEL", 2021, 40 * BN, "EUR", "nearly"),
    v("ITA", "export", "BEL", 2021, 18 * BN, "EUR", "around"),
    g("ITA", "export", "BEL", 2021, 0.22, 2020),
    v("ITA", "import", "BEL", 2021, 22 * BN, "EUR", "over"),
    g("ITA", "import", "BEL", 2021, 0.16, 2020),
]


def test_press_release_gives_its_five_figures() -> None:
    claims = extract_claims(PRESS_RELEASE)
    assert_claims(claims, PRESS_RELEASE_FIGURES)
    assert [PRESS_RELEASE[c.start : c.end] for c in claims] == [
        "nearly 40 billion euros", "around 18 billion euros", "+22%", "exceeded 22 billion", "+16%",
    ]  # fmt: skip
    assert claims[0].attributed_to == "Belgian"
    assert "currency" in claims[3].inherited


WEB_COPY = (
    "For our region Belgium is a strong trading partnerespecially in three product sectors.\n"
    "In 2021, according to theBelgian foreign trade agencyoverall trade between Italy and\u00a0"
    "Belgium was nearly i 40 billion euros. Italian exports to Belgium reached around 18\u00a0"
    "billion euros (+22% on 2020), while imports exceeded 22 billion (+16%)."
)


def test_web_copy_with_run_together_words_gives_the_same_figures() -> None:
    claims = extract_claims(WEB_COPY)
    assert_claims(claims, PRESS_RELEASE_FIGURES)
    assert WEB_COPY[claims[0].start : claims[0].end] == "nearly i 40 billion euros"
    assert WEB_COPY[claims[1].start : claims[1].end] == "around 18\u00a0billion euros"


def test_a_sentence_without_territories_takes_the_pair_before_it() -> None:
    claims = extract_claims(
        "In 2021 Italian exports to Belgium were 18 billion euros. Imports exceeded 22 billion. "
        "Nel 2022 il saldo è stato negativo di 5 miliardi."
    )
    assert_claims(claims, [
        v("ITA", "export", "BEL", 2021, 18 * BN, "EUR"),
        v("ITA", "import", "BEL", 2021, 22 * BN, "EUR", "over"),
        v("ITA", "balance", "BEL", 2022, -5 * BN, "EUR"),
    ])  # fmt: skip
    assert claims[0].inherited == ()
    assert claims[1].inherited == ("territories", "year", "currency")
    assert claims[2].inherited == ("territories", "currency")


def test_a_sentence_with_a_figure_alone_continues_the_one_before() -> None:
    claims = extract_claims(
        "Italian exports to Belgium reached 18 billion euros in 2021. This is an increase of 22% "
        "compared to 2020."
    )
    assert_claims(claims, [
        v("ITA", "export", "BEL", 2021, 18 * BN, "EUR"),
        g("ITA", "export", "BEL", 2021, 0.22, 2020),
    ])  # fmt: skip
    assert claims[1].inherited == ("territories", "flow", "year")


def test_curly_quotes_and_unicode_minus_are_read() -> None:
    claims = extract_claims("In 2020 \u201cBelgian exports to Italy\u201d fell by \u22123% \u2013 "
                            "to \u20ac14.8 billion.")  # fmt: skip
    assert_claims(claims, [g("BEL", "export", "ITA", 2020, -0.03, 2019),
                           v("BEL", "export", "ITA", 2020, 14.8 * BN, "EUR")])  # fmt: skip


ITALIAN_AS_QUOTED = (
    "Nel 2021, secondo fonti dell'Agenzia per il Commercio Estero del Belgio, l'interscambio "
    "complessivo \u2026 sfiorando i 40 miliardi di euro \u2026 esportazioni italiane verso il "
    "Belgio \u2026 circa i 18 miliardi di euro, con un incremento del 22% rispetto al 2020, "
    "mentre le importazioni hanno superato i 22 miliardi, con un incremento di circa il 16% "
    "\u2026 saldo \u2026 negativo per l'Italia di circa 4 miliardi."
)
ITALIAN_FULL = (
    "Nel 2021, secondo fonti dell'Agenzia per il Commercio Estero del Belgio, l'interscambio "
    "complessivo tra Italia e Belgio è cresciuto, sfiorando i 40 miliardi di euro. Le "
    "esportazioni italiane verso il Belgio si sono attestate a circa i 18 miliardi di euro, con "
    "un incremento del 22% rispetto al 2020, mentre le importazioni hanno superato i 22 "
    "miliardi, con un incremento di circa il 16%. Il saldo commerciale è quindi negativo per "
    "l'Italia di circa 4 miliardi."
)
ITALIAN_FIGURES = [
    v("ITA", "total", "BEL", 2021, 40 * BN, "EUR", "nearly"),
    v("ITA", "export", "BEL", 2021, 18 * BN, "EUR", "around"),
    g("ITA", "export", "BEL", 2021, 0.22, 2020),
    v("ITA", "import", "BEL", 2021, 22 * BN, "EUR", "over"),
    g("ITA", "import", "BEL", 2021, 0.16, 2020, "around"),
    v("ITA", "balance", "BEL", 2021, -4 * BN, "EUR", "around"),
]


@pytest.mark.parametrize("text", [ITALIAN_AS_QUOTED, ITALIAN_FULL], ids=["quoted", "full"])
def test_italian_original_gives_its_six_figures(text: str) -> None:
    claims = extract_claims(text)
    assert_claims(claims, ITALIAN_FIGURES)
    assert [text[c.start : c.end] for c in claims] == [
        "sfiorando i 40 miliardi di euro", "circa i 18 miliardi di euro", "22%",
        "superato i 22 miliardi", "circa il 16%", "circa 4 miliardi",
    ]  # fmt: skip
    assert all(c.language == "it" for c in claims)


SCENARIO = """\
> For our region Belgium is a strong trading partner, especially in three product sectors:
> chemical industry, basic pharmaceutical products and pharmaceutical preparations; machinery and
> equipment; plastic materials and transport components.
> In 2021, according to the Belgian foreign trade agency, overall trade between Italy and Belgium
> was nearly 40 billion euros. Italian exports to Belgium reached around 18 billion euros (+22% on
> 2020), while imports exceeded 22 billion (+16%)."""


def test_design_scenario_paragraph_gives_the_five_figures() -> None:
    claims = extract_claims(SCENARIO)
    assert_claims(claims, PRESS_RELEASE_FIGURES)
    assert SCENARIO[claims[2].start : claims[2].end] == "+22%"
    assert claims[2].text.startswith("Italian exports to Belgium")


def test_offsets_point_into_the_original_text() -> None:
    for text in (PRESS_RELEASE, WEB_COPY, ITALIAN_FULL, SCENARIO):
        for claim in extract_claims(text):
            assert text[claim.sentence_start : claim.sentence_end] == claim.text
            assert claim.sentence_start <= claim.start < claim.end <= claim.sentence_end
            assert text[claim.start : claim.end] == claim.figure
