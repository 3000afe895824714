"""Who trades with whom in a clause: the first territory (reporter) and the partner.

A sentence's flow is from its first territory's side: the demonym next to a flow word
("Italian exports", "esportazioni italiane"), a possessive ("Italy's exports"), the first of
"between X and Y" / "tra X e Y", or the territory a balance is "for" ("negativo per
l'Italia"). The partner follows "to", "from", "with", "verso", "dal", "con"... An unmarked
name before the first flow word is the subject (reporter); after it, the partner.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Literal

from bilateral.claims.lexicon import (
    ARTICLES,
    ATTRIBUTION,
    FIRST_BEFORE,
    PAIR_JOIN,
    PARTNER_BEFORE,
    FlowWord,
)
from bilateral.claims.mentions import Mention

Role = Literal["reporter", "perspective", "partner", "origin", "destination", "subject", "object"]

_TAIL = r"(?:(?<=\s)|^|(?<=\W))(?:{words})\s*(?:{articles}\s+|l')?\s*$"
_PARTNER: Final = re.compile(_TAIL.format(words=PARTNER_BEFORE, articles=ARTICLES), re.IGNORECASE)
_FIRST: Final = re.compile(_TAIL.format(words=FIRST_BEFORE, articles=ARTICLES), re.IGNORECASE)
_BETWEEN: Final = re.compile(
    _TAIL.format(words=r"between|tra|fra", articles=ARTICLES), re.IGNORECASE
)
_JOIN: Final = re.compile(_TAIL.format(words=PAIR_JOIN, articles=ARTICLES), re.IGNORECASE)
_ORIGIN: Final = re.compile(
    _TAIL.format(words=r"from|da|dal|dalla|dallo|dai|dagli|dalle|dall'", articles=ARTICLES),
    re.IGNORECASE,
)
_DESTINATION: Final = re.compile(
    _TAIL.format(words=r"to|into|in|verso|al|alla|allo|ai|agli|alle|all'", articles=ARTICLES),
    re.IGNORECASE,
)
_ATTRIBUTION: Final = re.compile(rf"\b(?:{ATTRIBUTION})\b", re.IGNORECASE)
_ADJACENT: Final = re.compile(rf"^\s*(?:{ARTICLES}\s+|l')?(?:\w+\s+)?$", re.IGNORECASE)
_ATTRIBUTION_REACH: Final = 60


@dataclass(frozen=True)
class FlowMention:
    """A flow word at normalised offsets [start, end)."""

    flow: FlowWord
    start: int
    end: int


@dataclass(frozen=True)
class Pair:
    """The first territory and the partner of a clause (either may be unknown)."""

    reporter: Mention | None
    partner: Mention | None


def attributions(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """Return the mentions that name a source ("according to the Belgian ... agency")."""
    found = []
    for match in _ATTRIBUTION.finditer(text):
        after = [m for m in mentions if match.end() <= m.start < match.end() + _ATTRIBUTION_REACH]
        if after and not re.search(r"[,;:()]", text[match.end() : after[0].start]):
            found.append(after[0])  # in the same phrase: "according to the Belgian agency"
    return found


def pair_of(
    text: str,
    mentions: Sequence[Mention],
    flows: Sequence[FlowMention],
    within: tuple[int, int] | None = None,
) -> Pair:
    """Return the reporter and partner that the mentions inside `within` (default all) give."""
    lo, hi = within or (0, len(text))
    chosen = [m for m in mentions if lo <= m.start < hi]
    roles: list[tuple[Mention, Role]] = []
    for mention in chosen:
        role = _role(text, mention, chosen, flows)
        if role is not None:
            roles.append((mention, role))
    reporter = _first(roles, ("reporter", "origin", "destination")) or _first(
        roles, ("perspective",)
    )
    reporter = reporter or _first(roles, ("subject",))
    others = [(m, r) for m, r in roles if reporter is None or m.codes != reporter.codes]
    partner = _first(others, ("partner",)) or _first(others, ("object", "subject", "perspective"))
    if reporter is None and partner is not None:
        rest = [(m, r) for m, r in roles if m.codes != partner.codes]
        reporter = _first(rest, ("object", "subject", "partner"))
    return Pair(reporter, partner)


def _first(roles: Sequence[tuple[Mention, Role]], wanted: tuple[Role, ...]) -> Mention | None:
    return next((m for m, role in roles if role in wanted), None)


def _role(
    text: str, mention: Mention, chosen: Sequence[Mention], flows: Sequence[FlowMention]
) -> Role | None:
    before = text[: mention.start]
    if mention.kind == "demonym":
        adjacent = any(
            _ADJACENT.match(text[f.end : mention.start])
            or _ADJACENT.match(text[mention.end : f.start])
            for f in flows
            if f.end <= mention.start or f.start >= mention.end
        )
        return "reporter" if adjacent else None
    if text[mention.end : mention.end + 2] == "'s":
        return "reporter"
    if _BETWEEN.search(before):
        return "reporter"
    earlier = [m for m in chosen if m.end <= mention.start]
    if earlier and _JOIN.search(before) and _BETWEEN.search(text[: earlier[-1].start]):
        return "partner"
    last_flow = next((f for f in reversed(flows) if f.end <= mention.start), None)
    if last_flow is not None and last_flow.flow == "export" and _ORIGIN.search(before):
        return "origin"  # "exports from China to Italy"
    if (
        last_flow is not None
        and last_flow.flow == "import"
        and _DESTINATION.search(before)
        and re.search(r"\b(?:into|in)\s*(?:the\s+)?$", before, re.IGNORECASE)
    ):
        return "destination"  # "imports into the EU from China"
    if _PARTNER.search(before):
        return "partner"
    if _FIRST.search(before):
        return "perspective"
    if any(f.start >= mention.end for f in flows) and not any(
        f.end <= mention.start for f in flows
    ):
        return "subject"
    return "object"


def fill_pair(
    own: Pair, sentence: Pair, context: Pair
) -> tuple[Mention | None, Mention | None, list[str]]:
    """Complete a clause's pair from its sentence, then from the sentences before it."""
    reporter, partner = own.reporter, own.partner
    inherited: list[str] = []
    for source, label in ((sentence, ""), (context, "territories")):
        candidates = [m for m in (source.reporter, source.partner) if m is not None]
        if reporter is None:
            reporter = next((m for m in candidates if not same_codes(m, partner)), None)
            inherited.extend([label] if reporter in candidates and label else [])
        if partner is None:
            partner = next((m for m in reversed(candidates) if not same_codes(m, reporter)), None)
            inherited.extend([label] if partner in candidates and label else [])
    return reporter, partner, sorted(set(inherited))


def same_codes(mention: Mention, other: Mention | None) -> bool:
    """Say whether two mentions name the same territories."""
    return other is not None and mention.codes == other.codes
