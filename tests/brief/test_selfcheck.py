"""The self-check: a template or catalogue that misprints a figure stops the brief."""

from __future__ import annotations

import dataclasses

import jinja2
import pytest

from bilateral.api import Store
from bilateral.brief import Brief, load_catalog
from bilateral.brief.catalog import Catalog, Scale
from bilateral.brief.figures import Figure, check_identities
from bilateral.brief.numbers import Shown
from bilateral.brief.selfcheck import check_record, check_text, scale_words
from bilateral.brief.text import Record, render_text
from bilateral.errors import BilateralError, BriefCheckError


@pytest.fixture(scope="module")
def brief(demo_store: Store) -> Brief:
    return demo_store.brief("IT", "BE", year=2021, lang="it")


def _check_layout(brief: Brief, layout: str, catalog: Catalog | None = None) -> None:
    """Render `layout` in place of the Markdown layout and self-check the text."""
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(
            [
                jinja2.DictLoader({"layout.md.j2": layout}),
                jinja2.PackageLoader("bilateral.brief", "templates"),
            ]
        ),
        undefined=jinja2.StrictUndefined,
    )
    chosen = catalog or brief.catalog
    text, recorder = render_text(brief.figures, chosen, "md", env=env)
    check_text(text, recorder, chosen)


def test_a_good_layout_passes(brief: Brief) -> None:
    _check_layout(brief, "Interscambio: {{ fig('headline.total') }} nel {{ b.year }} [1].")


def test_a_doubled_total_is_an_error(brief: Brief) -> None:
    doubled = "Interscambio: {{ (b.value('headline.total') * 2 / 1e9) | round(1) }} miliardi."
    with pytest.raises(BriefCheckError, match=r"stray number '76\.4'") as caught:
        _check_layout(brief, doubled)
    assert isinstance(caught.value, BilateralError)
    assert isinstance(caught.value, ValueError)


def test_a_hard_coded_number_is_an_error(brief: Brief) -> None:
    layout = "Interscambio: {{ fig('headline.total') }}, quasi 40 miliardi di euro."
    with pytest.raises(BriefCheckError, match=r"stray number '40'.*quasi"):
        _check_layout(brief, layout)


def test_an_unknown_figure_is_an_error(brief: Brief) -> None:
    with pytest.raises(BriefCheckError, match=r"headline\.totale"):
        _check_layout(brief, "{{ fig('headline.totale') }}")


def test_a_wrong_scale_word_in_a_catalogue_is_an_error(brief: Brief) -> None:
    catalog = load_catalog("it")
    wrong = dataclasses.replace(
        catalog, scales=(Scale(1e9, 1, "{number} milioni di {currency}"), *catalog.scales[1:])
    )
    with pytest.raises(BriefCheckError, match=r"headline.total: the text shows '38,2 milioni"):
        _check_layout(brief, "{{ fig('headline.total') }}", wrong)


def test_a_halved_scale_in_a_catalogue_is_an_error(brief: Brief) -> None:
    catalog = load_catalog("en")
    wrong = dataclasses.replace(
        catalog, scales=(Scale(0.5e9, 1, "{currency} {number} billion"), *catalog.scales[1:])
    )
    with pytest.raises(BriefCheckError, match=r"EUR 76\.4 billion"):
        _check_layout(brief, "{{ fig('headline.total') }}", wrong)


def test_a_figure_printed_without_its_sign_is_an_error() -> None:
    record = Record("headline.balance", Shown("EUR 3.0 billion", 1e9, 1), absolute=False)
    assert check_record(record, -3.0e9, "en") is not None
    assert check_record(dataclasses.replace(record, absolute=True), -3.0e9, "en") is None


@pytest.mark.parametrize(
    ("shown", "value", "locale", "ok"),
    [
        ("18,0 miliardi di euro", 18.04e9, "it", True),
        ("18,0 miliardi di euro", 18.06e9, "it", False),
        ("EUR 296.0 million", 296.04e6, "en", True),
        ("296,0 mila euro", 296.0e6, "it", False),
        ("+22%", 0.216, "it", True),
        ("+22%", 0.23, "en", False),
        ("4,7%", 0.0471, "it", True),
        ("7º", 7, "it", True),
        ("7th", 8, "en", False),
        ("EUR 1,234", 1234.0, "en", True),
    ],
)
def test_check_record(shown: str, value: float, locale: str, ok: bool) -> None:
    record = Record("x", Shown(shown, 1.0, 0), absolute=False)
    assert (check_record(record, value, locale) is None) is ok


def test_scale_words_come_from_cldr() -> None:
    assert dict(scale_words("it"))["milioni"] == 1_000_000
    assert dict(scale_words("en"))["billion"] == 1_000_000_000


def test_contradicting_figures_are_an_error(brief: Brief) -> None:
    figures = dict(brief.figures.figures)
    total = figures["headline.total"]
    figures["headline.total"] = dataclasses.replace(total, value=total.value * 2)
    doubled = dataclasses.replace(brief.figures, figures=figures)
    with pytest.raises(BriefCheckError, match=r"headline.total .* != exports \+ imports"):
        check_identities(doubled)
    with pytest.raises(BriefCheckError):
        Brief(doubled, "it").render("md")


def test_every_shipped_form_passes(brief: Brief) -> None:
    for form in ("md", "html", "json"):
        assert brief.render(form)
    assert isinstance(brief.figures.figures["headline.total"], Figure)
