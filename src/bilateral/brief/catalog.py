"""A language's catalogue: locale, number formats, scale words and labels, from YAML.

A language is a catalogue `catalogs/<lang>.yaml` and a template `templates/<lang>/text.j2`;
adding one needs no code.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import yaml

from bilateral.errors import InvalidArgumentError

_PACKAGE = "bilateral.brief"


@dataclass(frozen=True)
class Scale:
    """One scale of money amounts: values from `magnitude` up, shown with `decimals`."""

    magnitude: float
    decimals: int
    pattern: str


@dataclass(frozen=True)
class Catalog:
    """What a language needs beyond its template: locale, formats, words, labels."""

    language: str
    locale: str
    chart_locale: str
    scales: tuple[Scale, ...]
    currency_style: str
    percent: dict[str, str]
    ordinal: dict[str, str]
    date_format: str
    first_day_format: str
    """The date format of a month's first day ("'1º' MMMM y": "1º ottobre", read "primo")."""
    literals: tuple[str, ...]
    territory_names: dict[str, str]
    labels: dict[str, Any]
    articles: dict[str, str]
    contractions: dict[str, dict[str, str]]
    number_articles: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    """Per figure kind, (pattern, article) pairs: the first pattern that matches the number as
    shown gives the article it takes ("l'11,9%", "il 7º"); none for a language without."""


def languages() -> tuple[str, ...]:
    """Return the languages with both a catalogue and a template, sorted."""
    root = resources.files(_PACKAGE)
    catalogs = {p.name.removesuffix(".yaml") for p in root.joinpath("catalogs").iterdir()}
    templates = {
        p.name for p in root.joinpath("templates").iterdir() if p.joinpath("text.j2").is_file()
    }
    return tuple(sorted(catalogs & templates))


@functools.cache
def load_catalog(language: str) -> Catalog:
    """Return the catalogue of `language`; name the languages there are if it has none."""
    if language not in languages():
        raise InvalidArgumentError(
            "language", language, f"one of {', '.join(languages())} (a catalogue and a template)"
        )
    text = resources.files(_PACKAGE).joinpath("catalogs", f"{language}.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    money = data["money"]
    scales = tuple(
        Scale(float(s["magnitude"]), int(s["decimals"]), str(s["pattern"]))
        for s in sorted(money["scales"], key=lambda s: -float(s["magnitude"]))
    )
    return Catalog(
        language=str(data["language"]),
        locale=str(data["locale"]),
        chart_locale=str(data["chart_locale"]),
        scales=scales,
        currency_style=str(money["currency"]),
        percent={str(k): str(v) for k, v in data["percent"].items()},
        ordinal={str(k): str(v) for k, v in data["ordinal"].items()},
        date_format=str(data["date_format"]),
        first_day_format=str(data.get("first_day_format") or data["date_format"]),
        literals=tuple(str(x) for x in data.get("literals", ())),
        territory_names={str(k): str(v) for k, v in (data.get("territory_names") or {}).items()},
        labels=dict(data["labels"]),
        articles={str(k): str(v) for k, v in (data.get("articles") or {}).items()},
        contractions={
            str(prep): {str(k): str(v) for k, v in forms.items()}
            for prep, forms in (data.get("contractions") or {}).items()
        },
        number_articles={
            str(kind): tuple((str(rule["pattern"]), str(rule["article"])) for rule in rules)
            for kind, rules in (data.get("number_articles") or {}).items()
        },
    )
