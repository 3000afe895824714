"""Numbers in the reader's language: compact money, percentages, ordinals, dates (babel).

The scale words ("billion", "miliardi di euro") come from the language's catalogue; the
digits, decimal mark and percent pattern from babel's CLDR data for its locale.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent, get_currency_name

from bilateral.brief.catalog import Catalog, Scale

FigureKind = Literal["money", "share", "growth", "gap", "rank", "count"]
PERCENT_KINDS: tuple[FigureKind, ...] = ("share", "growth", "gap")


@dataclass(frozen=True)
class Shown:
    """A figure as the text shows it: the string, and the rounding it was shown at.

    `magnitude` is what the shown number is multiplied by to give the value (1e9 for
    "EUR 18.0 billion", 0.01 for "22%"), `decimals` the digits after the decimal mark.
    """

    text: str
    magnitude: float
    decimals: int


class NumberFormat:
    """Format figures in one catalogue's language."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.locale = Locale.parse(catalog.locale)

    def currency_label(self, currency: str) -> str:
        """Return the currency as the money pattern names it: its code or its name."""
        if self.catalog.currency_style == "name":
            return str(get_currency_name(currency, count=2, locale=self.locale))
        return currency

    def scale_for(self, value: float) -> Scale:
        """Return the largest scale that `value` reaches (the smallest scale below all)."""
        for scale in self.catalog.scales:
            if abs(value) >= scale.magnitude:
                return scale
        return self.catalog.scales[-1]

    def money(self, value: float, currency: str) -> Shown:
        """Return "EUR 18.0 billion" / "18,0 miliardi di euro" for 18.0e9."""
        scale = self.scale_for(value)
        pattern = "#,##0" + ("." + "0" * scale.decimals if scale.decimals else "")
        number = format_decimal(value / scale.magnitude, pattern, locale=self.locale)
        text = scale.pattern.format(number=number, currency=self.currency_label(currency))
        return Shown(text, scale.magnitude, scale.decimals)

    def percent(self, value: float, kind: FigureKind) -> Shown:
        """Return a share ("4.7%"), growth ("+22%") or gap ("2.3%") in the locale's style."""
        pattern = self.catalog.percent[kind]
        decimals = len(pattern.split(";")[0].partition(".")[2].rstrip("%"))
        return Shown(format_percent(value, pattern, locale=self.locale), 0.01, decimals)

    def whole_percent(self, value: float) -> str:
        """Return a percentage without decimals in the locale's style ("2%", "2 %")."""
        return str(format_percent(value, "#,##0%", locale=self.locale))

    def ordinal(self, number: int) -> Shown:
        """Return "7th" / "7º" by the locale's ordinal category and the catalogue's forms."""
        category = self.locale.ordinal_form(number)
        form = self.catalog.ordinal.get(category, self.catalog.ordinal["other"])
        return Shown(form.format(n=format_decimal(number, "0", locale=self.locale)), 1, 0)

    def count(self, number: float) -> Shown:
        """Return a whole number with the locale's grouping."""
        return Shown(format_decimal(number, "#,##0", locale=self.locale), 1, 0)

    def figure(self, value: float, kind: FigureKind, currency: str) -> Shown:
        """Format `value` as a figure of `kind`."""
        if kind == "money":
            return self.money(value, currency)
        if kind in PERCENT_KINDS:
            return self.percent(value, kind)
        if kind == "rank":
            return self.ordinal(int(value))
        return self.count(value)

    def date(self, day: dt.date) -> str:
        """Return `day` in the catalogue's date format ("11 March 2023", "1º ottobre 2023")."""
        shape = self.catalog.first_day_format if day.day == 1 else self.catalog.date_format
        return str(format_date(day, shape, locale=self.locale))
