"""The interface's languages: which one a request asks for, its words and its number formats.

A language is a catalogue `web/catalogs/<lang>.yaml` of interface words; numbers, money and
dates are formatted by babel for its locale, with the brief's scale words ("EUR 18.0 billion",
"18,0 miliardi di euro") so that a figure reads the same on the page and in the brief.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any, Final

import yaml
from babel import Locale
from babel.core import negotiate_locale
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent
from fastapi import Request

from bilateral.brief.catalog import Catalog, load_catalog
from bilateral.brief.names import territory_name, territory_name_with
from bilateral.brief.numbers import NumberFormat
from bilateral.events.demo import event_place, event_title
from bilateral.results.basis import MemberMonths, month_counts
from bilateral.results.events import Event

LANGUAGES: Final[tuple[str, ...]] = ("en", "it")
DEFAULT: Final = "en"
COOKIE: Final = "lang"


def catalog_keys(tree: dict[str, Any], prefix: str = "") -> set[str]:
    """Return the dotted keys of a nested catalogue (`pair.headline`)."""
    keys: set[str] = set()
    for key, value in tree.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            keys |= catalog_keys(value, f"{name}.")
        else:
            keys.add(name)
    return keys


@functools.cache
def words(language: str) -> dict[str, Any]:
    """Return the interface words of `language` (a nested dict read from its catalogue)."""
    text = resources.files("bilateral.web").joinpath("catalogs", f"{language}.yaml")
    loaded: dict[str, Any] = yaml.safe_load(text.read_text("utf-8"))
    return loaded


def requested_language(request: Request) -> tuple[str, bool]:
    """Return the language of `request` and whether it was chosen now (`?lang=`).

    `?lang=it` wins, then the `lang` cookie a previous choice left, then the browser's
    Accept-Language; English when none of them names a language the interface has.
    """
    asked = request.query_params.get("lang", "")
    if asked in LANGUAGES:
        return asked, True
    remembered = request.cookies.get(COOKIE, "")
    if remembered in LANGUAGES:
        return remembered, False
    accepted = [
        part.split(";")[0].strip().replace("-", "_")
        for part in request.headers.get("accept-language", "").split(",")
        if part.strip()
    ]
    chosen = negotiate_locale(accepted, list(LANGUAGES), sep="_") if accepted else None
    if chosen is None:  # "it_IT" is not negotiated against "it": compare the language part
        chosen = next((a.split("_")[0] for a in accepted if a.split("_")[0] in LANGUAGES), None)
    return (chosen or DEFAULT), False


@dataclass(frozen=True)
class Texts:
    """The words of one language, looked up by dotted key: `t("pair.headline")`."""

    language: str

    def __call__(self, key: str, **values: object) -> str:
        node: Any = words(self.language)
        for part in key.split("."):
            node = node[part]
        text = str(node)
        return text.format(**values) if values else text

    def has(self, key: str) -> bool:
        """Return whether the catalogue has `key`."""
        return key in catalog_keys(words(self.language))

    def node(self, key: str) -> Any:
        """Return the catalogue's entry at `key`: a text, or a dict of texts."""
        node: Any = words(self.language)
        for part in key.split("."):
            node = node[part]
        return node

    def has_node(self, key: str) -> bool:
        """Return whether the catalogue has a text or a dict of texts at `key`."""
        try:
            self.node(key)
        except (KeyError, TypeError):
            return False
        return True

    def coverage(self, covered: Sequence[MemberMonths]) -> str:
        """Return what a row's members cover (`MemberMonths`) in words: annual, or months.

        >>> Texts("it").coverage([MemberMonths("ITA", "export", (1, 2))])
        '2 mesi'
        """
        return self.months_covered(*month_counts(covered))

    def months_covered(self, low: int | None, high: int | None) -> str:
        """Return the fewest to the most months covered in words (None: annual figures).

        >>> Texts("it").months_covered(9, 12), Texts("it").months_covered(None, None)
        ('9-12 mesi', 'annuale')
        """
        if low is None or high is None:
            return self("coverage.annual")
        if low != high:
            return self("coverage.month_range", low=low, high=high)
        return self("coverage.one_month" if low == 1 else "coverage.months", count=low)


class Numbers:
    """Figures in one language: money with scale words, amounts, shares, growth, dates."""

    def __init__(self, language: str) -> None:
        self.catalog: Catalog = load_catalog(language)
        self.brief = NumberFormat(self.catalog)
        self.locale = Locale.parse(self.catalog.locale)

    def money(self, value: float | None, currency: str) -> str:
        """Return "EUR 18.0 billion" / "18,0 miliardi di euro"; a dash for no figure."""
        return "–" if value is None else self.brief.money(value, currency).text

    def amount(self, value: float | None) -> str:
        """Return a whole amount with the locale's grouping ("17,600,000,000")."""
        return "–" if value is None else str(format_decimal(value, "#,##0", locale=self.locale))

    def decimal(self, value: float | None, digits: int = 3) -> str:
        """Return a number with up to `digits` decimals in the locale's style."""
        if value is None:
            return "–"
        return str(format_decimal(value, "#,##0." + "#" * digits, locale=self.locale))

    def share(self, value: float | None) -> str:
        """Return a share ("4.7%", "4,7%")."""
        return "–" if value is None else str(format_percent(value, "#,##0.0%", locale=self.locale))

    def growth(self, value: float | None) -> str:
        """Return a signed change ("+21.6%", "+21,6%")."""
        if value is None:
            return "–"
        return str(format_percent(value, "+#,##0.0%;-#,##0.0%", locale=self.locale))

    def ordinal(self, number: int | None) -> str:
        """Return "7th" / "7º"."""
        return "–" if number is None else self.brief.ordinal(number).text

    def date(self, day: dt.date) -> str:
        """Return `day` as "11 March 2023" / "11 marzo 2023"."""
        return str(format_date(day, self.catalog.date_format, locale=self.locale))

    def name(self, code: str) -> str:
        """Return territory `code`'s name in the language ("Belgio")."""
        return territory_name(code, self.catalog)

    def event_title(self, event: Event) -> str:
        """Return the event's title in the language (the demo's events are translated)."""
        return event_title(event, self.catalog.language)

    def event_place(self, event: Event) -> str:
        """Return the event's place in the language ("" if none)."""
        return event_place(event, self.catalog.language) or ""

    def of(self, code: str) -> str:
        """Return territory `code`'s name after "of", with its article where the language has one.

        >>> Numbers("it").of("BEL"), Numbers("it").of("ITH5"), Numbers("en").of("BEL")
        ('del Belgio', "dell'Emilia-Romagna", 'of Belgium')
        """
        return self.after("di", code, "of")

    def after(self, preposition: str, code: str, english: str) -> str:
        """Return `code`'s name after an Italian `preposition` (di, da, verso) with its article;
        in a language without contractions, after the `english` word.

        >>> Numbers("it").after("da", "ITH5", "by"), Numbers("it").after("verso", "BEL", "to")
        ("dall'Emilia-Romagna", 'verso il Belgio')
        """
        if preposition in self.catalog.contractions:
            return territory_name_with(code, preposition, self.catalog)
        return f"{english} {self.name(code)}"
