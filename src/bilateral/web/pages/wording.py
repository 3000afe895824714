"""What the api says in English sentences, worded in the page's language from its data.

Notes (`bilateral.results.notes.Note`), errors (their reason and values), indicators (their
code), claim checks (verdict, evidence, claim fields) carry their meaning as data; the words
are the catalogue's (`web/catalogs/<lang>.yaml`). English pages show the api's own text, the
command line's; another language shows what its catalogue words and, for a note it has no
words for, only says that it exists (it is in the JSON download).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

from bilateral.errors import (
    BilateralError,
    InvalidArgumentError,
    NoDataError,
    RateNotAvailableError,
    ReferenceNotLoadedError,
    VintageNotFoundError,
)
from bilateral.reference.registry import ReferenceTable
from bilateral.results.claims import Claim, ClaimCheck, Evidence
from bilateral.results.indicators import IndicatorRow
from bilateral.results.notes import code_of
from bilateral.results.partners import PartnerRow
from bilateral.web.i18n import Numbers, Texts

# Values that are territory codes: worded as names, with `_of`, `_from` and `_to` forms.
TERRITORY_KEYS: Final = frozenset(
    {"a", "b", "reporter", "partner", "exporter", "importer", "region", "country", "group"}
)
SHARE_KEYS: Final = frozenset({"share", "low", "high"})
GROWTH_KEYS: Final = frozenset({"gap_share"})
AMOUNT_KEYS: Final = frozenset({"value", "approximate", "cif", "fob"})


class Wording:
    """The words of one language for what the api hands the pages."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.t = Texts(language)
        self.n = Numbers(language)

    @property
    def english(self) -> bool:
        return self.language == "en"

    def note(self, note: str) -> str | None:
        """Return `note` in the language, or None where the language has no words for it."""
        if self.english:
            return str(note)
        code = code_of(note)
        if code is None or not self.t.has_node(f"notes.{code}"):
            return None
        return self.filled(f"notes.{code}", getattr(note, "values", {}))

    def description(self, text: str) -> str:
        """Return a product's description in the language: the api's words where it builds
        them (a chapter, the confidential and the other lines), the official title as it is."""
        code = code_of(text)
        if self.english or code is None or not self.t.has_node(f"descriptions.{code}"):
            return str(text)
        return self.filled(f"descriptions.{code}", getattr(text, "values", {}))

    def notes(self, notes: Iterable[str]) -> tuple[list[str], int]:
        """Return the notes the language words, and how many it has no words for."""
        worded = [self.note(note) for note in notes]
        shown = [text for text in worded if text is not None]
        return list(dict.fromkeys(shown)), len(worded) - len(shown)

    def problem(self, error: BilateralError | None, message: str | None = None) -> str:
        """Return what `error` says, in the language (the CLI's message in English)."""
        if error is None:
            return message or ""
        if self.english:
            return str(error)
        if isinstance(error, NoDataError):
            key = f"problems.no_data.{error.reason}"
            if error.reason is not None and self.t.has_node(key):
                return self.filled(key, error.values)
            return self.t("problems.no_data.other")
        if isinstance(error, ReferenceNotLoadedError):
            return self.t("problems.reference_not_loaded", table=error.table)
        if isinstance(error, RateNotAvailableError):
            return self.t("problems.rate_not_available", currency=error.currency)
        if isinstance(error, VintageNotFoundError):
            return self.t("problems.vintage_not_found")
        if isinstance(error, InvalidArgumentError):
            return self.t(
                "problems.invalid_argument", argument=error.name, value=_plain(error.value)
            )
        return self.t("problems.other")

    def indicator(self, row: IndicatorRow) -> tuple[str, str]:
        """Return an indicator's name and what it was computed on."""
        code = code_of(row.name)
        if self.english or code is None or not self.t.has(f"indicators.{code}.name"):
            return row.name, row.basis
        return self.t(f"indicators.{code}.name"), self.t(f"indicators.{code}.basis")

    def withheld(self, code: str) -> str:
        """Return why a figure is withheld (`incomplete_world`, `no_base`...)."""
        key = f"withheld.{code}"
        return self.t(key) if self.t.has(key) else code

    def partner(self, row: PartnerRow) -> str:
        """Return the name of a partner line: a territory's, or the kind of line."""
        if self.english:
            return row.name
        if row.line in ("partner", "group"):
            return self.n.name(row.code)
        key = f"partner_lines.{row.line}"
        return self.t(key) if self.t.has(key) else self.n.name(row.code)

    def table_title(self, table: ReferenceTable) -> str:
        """Return a reference table's title."""
        key = f"reference_tables.{table.name}"
        if self.english or not self.t.has(key):
            return table.title
        return self.t(key)

    def claim(self, claim: Claim) -> str:
        """Return the claim as the checker read it, in words."""
        if self.english:
            return claim.describe()
        flow = claim.flow or "trade"
        stated = self._stated(claim)
        months = "" if claim.months is None else self.t("claims.months", months=claim.months)
        reporter = self._claimed(claim.reporter, claim.reporter_codes)
        codes = claim.reporter_codes
        return self.t(
            f"claims.read_{flow}" if flow in ("export", "import") else "claims.read_trade",
            reporter=reporter,
            reporter_of=self.n.of(codes[0]) if len(codes) == 1 else f"di {reporter}",
            partner=self._claimed(claim.partner, claim.partner_codes),
            year=claim.year if claim.year is not None else "?",
            months=months,
            stated=stated,
        )

    def reason(self, check: ClaimCheck) -> str:
        """Return what the verdict rests on, made from the check's data."""
        if self.english:
            return check.reason
        best = _best(check)
        if best is None:
            return self.t(f"claims.reason_{check.verdict.replace(' ', '_')}_alone")
        values = {
            "view": self.view(best),
            "figure": self.evidence_value(check, best),
            "source": best.source,
            "vintage": best.vintage,
        }
        key = f"claims.reason_{check.verdict.replace(' ', '_')}"
        text = self.t(key, **values)
        if check.release_vintage:
            text += " " + self.t("claims.release_vintage", vintage=check.release_vintage)
        return text

    def view(self, evidence: Evidence) -> str:
        """Return whose declaration a figure is ("dichiarato dal Belgio")."""
        if self.english:
            return evidence.view
        code = evidence.reported_by
        return self.t("claims.declared_by", reporter_by=self.n.after("da", code, "by"))

    def evidence_description(self, check: ClaimCheck, evidence: Evidence) -> str:
        """Return what a figure of the evidence is (the flow, as its reporter declared it)."""
        if self.english:
            return evidence.description
        return self.t(f"claims.figure_{check.claim.kind}", year=evidence.year)

    def evidence_value(self, check: ClaimCheck, evidence: Evidence) -> str:
        if evidence.value is None:
            return "–"
        if check.claim.kind == "growth":
            return self.n.growth(evidence.value)
        if check.claim.kind == "rank":
            return self.n.ordinal(evidence.rank)
        return self.n.money(evidence.value, evidence.currency)

    def filled(self, key: str, values: Mapping[str, Any]) -> str:
        """Return the catalogue's text at `key` with `values` worded for the language.

        A node with `text` and `item` words a list value item by item (`none` when empty).
        """
        node = self.t.node(key)
        template = node["text"] if isinstance(node, dict) else str(node)
        words: dict[str, Any] = {}
        for name, value in values.items():
            if isinstance(value, list):
                items = [self.filled(f"{key}.item", item) for item in value]
                empty = f"{key}.none"
                words[name] = (
                    "; ".join(items) if items else (self.t(empty) if self.t.has(empty) else "")
                )
            else:
                words.update(self._worded(name, value))
        if "low_months" in values:  # the months covered, counted: worded, not the api's words
            words["coverage"] = self.t.months_covered(values["low_months"], values["high_months"])
        return template.format(**words)

    def _worded(self, name: str, value: Any) -> dict[str, Any]:
        if value is None:
            return {name: ""}
        if name in TERRITORY_KEYS:
            code = str(value)
            return {
                name: self.n.name(code),
                f"{name}_of": self.n.of(code),
                f"{name}_from": self.n.after("da", code, "from"),
                f"{name}_to": self.n.after("verso", code, "to"),
            }
        if name == "flow":
            return {name: self.t(f"wording.flows.{value}"), "flow_code": value}
        if name in SHARE_KEYS:
            return {name: self.n.share(float(value))}
        if name in GROWTH_KEYS:
            return {name: self.n.growth(float(value))}
        if name in AMOUNT_KEYS:
            return {name: self.n.amount(float(value))}
        if isinstance(value, float):
            return {name: self.n.decimal(value, 2)}
        return {name: value}

    def _claimed(self, text: str | None, codes: Sequence[str]) -> str:
        if codes:
            return ", ".join(self.n.name(code) for code in codes)
        return text or "?"

    def _stated(self, claim: Claim) -> str:
        hedge = (
            self.t(f"claims.hedges.{claim.hedge}")
            if self.t.has(f"claims.hedges.{claim.hedge}")
            else claim.hedge
        )
        if claim.kind == "growth":
            figure = "?" if claim.growth is None else self.n.growth(claim.growth)
        elif claim.kind == "rank":
            return self.t("claims.stated_rank", rank=self.n.ordinal(claim.rank))
        elif claim.value is None:
            figure = "?"
        else:
            figure = self.n.money(claim.value, claim.currency or "EUR")
        base = "" if claim.base_year is None else self.t("claims.on_year", year=claim.base_year)
        return f"{hedge} {figure}{base}".strip()


def _best(check: ClaimCheck) -> Evidence | None:
    """Return the figure the verdict rests on: the supporting view's, else the first."""
    if not check.evidence:
        return None
    if check.supported_by is not None:
        found = [e for e in check.evidence if e.view == check.supported_by and e.supports]
        if found:
            return found[0]
    supporting = [e for e in check.evidence if e.supports]
    return (supporting or list(check.evidence))[0]


def _plain(value: object) -> str:
    return "" if value is None else str(value)
