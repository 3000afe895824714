"""Claims found in a text and their check against the store: verdicts with evidence."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Final, Literal

from bilateral.results.base import Tabular
from bilateral.results.basis import Withheld
from bilateral.schema import Valuation

ClaimFlow = Literal["export", "import", "total", "balance"]
ClaimKind = Literal["value", "growth", "change", "rank"]
Hedge = Literal["exact", "around", "nearly", "over", "under"]
Verdict = Literal["supported", "contradicted", "not checkable"]
VERDICTS: Final[tuple[Verdict, ...]] = ("supported", "contradicted", "not checkable")
# How a figure bears a claim out: within what the words allow, within the conversion's own
# uncertainty (monthly against annual average exchange rates), or within what revisions
# between releases usually change.
Match = Literal["as written", "within conversion", "within revisions"]


@dataclass(frozen=True)
class Claim:
    """One trade figure stated in a text, as structured data.

    `start`/`end` locate the figure in the original text and `sentence_start`/`sentence_end`
    its sentence. `reporter` and `partner` are the territories as written (a name or a
    demonym: "Italian") with their codes where the text names them unambiguously (several
    codes: an ambiguous name such as "Congo"); `flow` is from the reporter's side. `value` is
    in units of `currency` (a balance is signed: a deficit is negative); for a growth claim
    `growth` is the stated change as a ratio (+22% -> 0.22, doubled -> 1.0) between
    `base_year` and `year`, and for a change claim `value` is the change in money ("up 1.6
    percent ($2.4 billion)": +2.4e9; of a balance, the change in its size). `precision` is
    the rounding the written figure allows (18 billion -> 0.5e9, 22% -> 0.005). `months` is
    None for a whole year, else the months covered from January (6: first half).
    `inherited` names what came from earlier sentences; `attributed_to` is a territory the
    text credits as its source ("according to the Belgian ... agency"), with its codes in
    `attributed_codes`. A rank claim ("Japan is the third-largest supplier of the United
    States") has `rank` (3): the partner's place among the reporter's partners of `flow`
    (import: suppliers, export: markets, total: trading partners).
    """

    text: str
    figure: str
    start: int
    end: int
    sentence_start: int
    sentence_end: int
    kind: ClaimKind
    language: str
    reporter: str | None
    reporter_codes: tuple[str, ...]
    partner: str | None
    partner_codes: tuple[str, ...]
    flow: ClaimFlow | None
    year: int | None
    months: int | None
    base_year: int | None
    value: float | None
    currency: str | None
    growth: float | None
    hedge: Hedge
    precision: float
    inherited: tuple[str, ...] = ()
    attributed_to: str | None = None
    attributed_codes: tuple[str, ...] = ()
    rank: int | None = None

    def describe(self) -> str:
        """Return the claim in words: "ITA export to BEL 2021: around 18,000,000,000 EUR"."""
        who = f"{_codes(self.reporter, self.reporter_codes)} {self.flow or 'flow?'}"
        towards = {"export": "to", "import": "from"}.get(self.flow or "", "with")
        period = "year?" if self.year is None else str(self.year)
        if self.months is not None:
            period = f"{period} (Jan-{_MONTHS[self.months - 1]})"
        base = "" if self.base_year is None else f" on {self.base_year}"
        if self.kind == "growth":
            stated = f"growth {self.hedge} {_percent(self.growth)}{base}"
        elif self.kind == "rank":
            stated = f"rank {self.rank}"
        elif self.kind == "change":
            change = "?" if self.value is None else f"{self.value:+,.0f}"
            stated = f"change {self.hedge} {change} {self.currency or 'currency?'}{base}"
        else:
            stated = f"{self.hedge} {_amount(self.value)} {self.currency or 'currency?'}"
        return f"{who} {towards} {_codes(self.partner, self.partner_codes)}, {period}: {stated}"


_MONTHS: Final = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                  "Nov", "Dec")  # fmt: skip


def _codes(text: str | None, codes: tuple[str, ...]) -> str:
    if codes:
        return "/".join(codes)
    return "?" if text is None else f"{text}?"


def _percent(value: float | None) -> str:
    return "?" if value is None else f"{value * 100:+.1f}%"


def _amount(value: float | None) -> str:
    return "?" if value is None else f"{value:,.0f}"


@dataclass(frozen=True)
class Evidence:
    """One view's figure for a claim: what the data says and where it comes from.

    `value` is in the claim's terms: an amount in `currency`, or a growth ratio. `view` is the
    profile view ("reported by Italy", "mirror: reported by Belgium"); `description` says the
    flow as the reporter declared it ("Belgium's imports from Italy"); `query` is the command
    that shows the figure; `conversion` says how values were converted, if they were, and
    `conversion_spread` how far monthly rather than annual average rates could move the
    figure (a ratio). `valuation` is the basis (CIF or FOB) of the declared imports in the
    figure (None for a figure without them or a source that does not say); a reporter that
    publishes both gives one evidence per basis. `match` says how the figure bears the claim
    out (None when it does not) and `difference` is the figure less the stated one. For a rank
    claim, `rank` is the partner's place and `value` its trade with the reporter; `withheld`
    says why a source gives no rank (`incomplete_partners`: it does not hold the reporter's
    trade with all its partners), and such evidence neither supports nor contradicts.
    """

    view: str
    reported_by: str
    description: str
    source: str
    vintage: str
    year: int
    value: float | None
    currency: str
    supports: bool
    query: str
    conversion: str | None = None
    conversion_spread: float | None = None
    valuation: Valuation | None = None
    match: Match | None = None
    difference: float | None = None
    rank: int | None = None
    file_dated: bool = False  # `vintage` is only the file's date, not a publisher's release
    withheld: Withheld | None = None


@dataclass(frozen=True)
class ClaimCheck:
    """A claim, its verdict, why, and the evidence of every view the store holds.

    `supported_by` names the view that supports a supported claim, `valuation` the basis of
    its figure's imports and `match` how it bears the claim out; `release_vintage` names the
    store's earlier vintage that gives a figure `within revisions` as written, where it keeps
    one; `reason` says in words what the verdict rests on (or why it is not checkable).
    """

    claim: Claim
    verdict: Verdict
    reason: str
    evidence: tuple[Evidence, ...] = ()
    supported_by: str | None = None
    valuation: Valuation | None = None
    match: Match | None = None
    release_vintage: str | None = None


@dataclass(frozen=True)
class CheckReport(Tabular):
    """The claims of a text and their checks, in the order of the text."""

    text: str
    checks: tuple[ClaimCheck, ...]
    notes: tuple[str, ...] = field(default=())
    synthetic: bool = False  # checked against synthetic (demo) figures, not official ones
    as_of: str | None = None  # the store version or date checked against, as asked

    def records(self) -> list[dict[str, Any]]:
        """Return one flat record per claim: the claim's fields, verdict, reason, evidence."""
        out = []
        for check in self.checks:
            record = asdict(check.claim)
            best = _closest(check)
            record.update(
                verdict=check.verdict,
                reason=check.reason,
                supported_by=check.supported_by,
                valuation=check.valuation,
                match=check.match,
                release_vintage=check.release_vintage,
                data_value=None if best is None else best.value,
                data_source=None if best is None else best.source,
                data_vintage=None if best is None else best.vintage,
                data_view=None if best is None else best.view,
                synthetic=self.synthetic,
            )
            out.append(record)
        return out

    def documents(self) -> list[dict[str, Any]]:
        """Return one nested document per claim (claim, verdict, reason, evidence) for JSON."""
        return [
            {
                "text": check.claim.text,
                "figure": check.claim.figure,
                "claim": asdict(check.claim),
                "verdict": check.verdict,
                "reason": check.reason,
                "supported_by": check.supported_by,
                "valuation": check.valuation,
                "match": check.match,
                "release_vintage": check.release_vintage,
                "evidence": [asdict(item) for item in check.evidence],
                "synthetic": self.synthetic,
            }
            for check in self.checks
        ]

    def counts(self) -> dict[Verdict, int]:
        """Return how many claims got each verdict."""
        return {v: sum(1 for c in self.checks if c.verdict == v) for v in VERDICTS}

    def __repr__(self) -> str:
        counts = ", ".join(f"{n} {v}" for v, n in self.counts().items())
        lines = [f"<CheckReport {claim_count(len(self.checks))}: {counts}>"]
        for check in self.checks:
            lines.append(f"  [{check.verdict}] {check.claim.figure!r}: {check.claim.describe()}")
        lines.extend(f"  note: {note}" for note in self.notes)
        return "\n".join(lines)


def _closest(check: ClaimCheck) -> Evidence | None:
    if not check.evidence:
        return None
    chosen = [
        item
        for item in check.evidence
        if item.supports and (item.view, item.valuation) == (check.supported_by, check.valuation)
    ]
    supporting = [item for item in check.evidence if item.supports]
    return (chosen or supporting or list(check.evidence))[0]


def claim_count(count: int) -> str:
    """Return "1 claim" or "N claims"."""
    return f"{count} claim" if count == 1 else f"{count} claims"
