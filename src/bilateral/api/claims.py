"""Checking the trade figures quoted in a text against the store."""

from __future__ import annotations

from typing import cast

from bilateral.api.arguments import AsOf, parse_as_of
from bilateral.api.base import StoreBase
from bilateral.claims.extract import extract_claims
from bilateral.claims.verify import SYNTHETIC_PREFIX, check_claims
from bilateral.claims.views import TradeData
from bilateral.results.claims import CheckReport
from bilateral.results.notes import Note
from bilateral.store import snapshot


class ClaimQueries(StoreBase):
    """Claim checks: find the trade figures of a text and compare them with every view."""

    def check(self, text: str, *, as_of: AsOf = None) -> CheckReport:
        """Return each trade figure of `text` with its verdict and evidence.

        Figures are found in English or Italian text (territories, flow, year, value, growth,
        a change in money, a rank among partners, hedge) and compared with each view the
        store holds: the reporter's own declaration, the partner's mirror declaration and
        BACI's reconciled flows (the declaration of the territory the text credits first).
        The hedge sets the tolerance: "around" within 5%, "nearly" just below, "exceeded"
        above, an exact figure within its rounding, widened by what revisions between
        releases or a currency conversion's monthly rates could change (the verdict's
        `match` says which). Imports published both CIF and FOB are compared on each basis
        (the verdict's `valuation` says which held); ranks ("third-largest supplier") are
        checked against `partners`. See `bilateral.claims` for the rules. `as_of` checks
        against the store as it was then (a store version or a date): its figures, and only
        the releases held by then.

        >>> import pathlib, tempfile, bilateral
        >>> from bilateral.synthetic import write_demo_files
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> store = bilateral.open(folder / "store")
        >>> _ = store.ingest(write_demo_files(folder)[4], synthetic=True)
        >>> report = store.check("In 2021 Italian exports to Belgium were 17.6 billion euros.")
        >>> [(c.verdict, c.supported_by) for c in report.checks]
        [('supported', 'reporter-reported')]
        """
        newest = None
        if as_of is not None:
            newest = snapshot(self.root, parse_as_of(as_of)).versions["flows"]
        claims = extract_claims(text, self.reference.territories())
        checks, caveats = check_claims(claims, cast(TradeData, self), as_of, newest)
        notes: list[str] = list(caveats)
        if not claims:
            notes.append(
                Note(
                    "no trade figures found: a claim needs an amount (18 billion euros, EUR "
                    "18bn) or a growth rate (+22%, doubled) next to a flow (exports, imports, "
                    "trade)",
                    "no_claims",
                )
            )
        synthetic = any(note.startswith(SYNTHETIC_PREFIX) for note in caveats)
        asked = None if as_of is None else str(as_of)
        return CheckReport(text, tuple(checks), tuple(notes), synthetic=synthetic, as_of=asked)
