"""Extract trade claims from text: territories, flow, period, value or growth, and hedge.

Each amount (`18 billion euros`) is a value claim and each growth figure (`+22%`, `an
increase of 22% compared to 2020`, `doubled`) a growth claim. A growth figure right after an
amount, with no flow word between, is about that amount's flow; an amount in parentheses
right after a growth figure (`up 1.6 percent ($2.4 billion)`) is the change in money, not a
level. What a sentence leaves out (territories, year, currency) comes from the sentences
before it.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Final, cast

from bilateral.claims.figures import Figure, find_figures, hedge_before, language_of, years
from bilateral.claims.lexicon import (
    BASE_YEAR_BEFORE,
    FLOW_PATTERNS,
    PARTIAL_PERIODS,
    SPAN_BETWEEN,
    FlowWord,
    Language,
)
from bilateral.claims.mentions import Mention, find_mentions
from bilateral.claims.ranks import rank_phrases, ranked_pair
from bilateral.claims.roles import FlowMention, Pair, attributions, fill_pair, pair_of
from bilateral.claims.signs import falls, in_parentheses_after, is_growth, negative
from bilateral.claims.text import Sentence, sentences
from bilateral.reference.territories import Registry
from bilateral.results.claims import Claim, ClaimFlow

_FLOWS: Final = re.compile(
    "|".join(rf"(?P<{flow}>\b(?:{pattern})\b)" for flow, pattern in FLOW_PATTERNS),
    re.IGNORECASE,
)
_BASE: Final = re.compile(rf"\b(?:{BASE_YEAR_BEFORE})\s*$", re.IGNORECASE)
_SPAN: Final = re.compile(SPAN_BETWEEN, re.IGNORECASE)
_YEAR_AFTER: Final = re.compile(r"^\s*(?:in|nel|del|for|per\s+il)\s+((?:19|20)\d\d)\b", re.I)
_PARTIAL: Final = tuple(
    (months, re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE))
    for months, pattern in PARTIAL_PERIODS
)


@dataclass
class _Context:
    """What earlier sentences established: the pair, the year and the currency."""

    pair: Pair = field(default_factory=lambda: Pair(None, None))
    year: int | None = None
    currency: str | None = None
    flow: ClaimFlow | None = None


@dataclass(frozen=True)
class _Parsed:
    """A sentence read once: figures, mentions, flows, years, and what it attributes."""

    sentence: Sentence
    language: Language
    figures: list[Figure]
    mentions: list[Mention]
    flows: list[FlowMention]
    period_years: list[tuple[int, int]]
    base_years: list[tuple[int, int]]
    span: tuple[int, int] | None
    months: int | None
    attributed_to: str | None
    attributed_codes: tuple[str, ...]


def extract_claims(text: str, registry: Registry | None = None) -> list[Claim]:
    """Return the trade claims of `text`, in order, one per figure.

    `registry` resolves territory names (default: the packaged territories; a store passes
    its own, with the regions of its NUTS list).

    >>> claims = extract_claims(
    ...     "In 2021 Italian exports to Belgium reached around 18 billion euros (+22% on 2020).")
    >>> for claim in claims:
    ...     print(claim.kind, claim.reporter_codes, claim.flow, claim.partner_codes, claim.year,
    ...           claim.hedge)
    value ('ITA',) export ('BEL',) 2021 around
    growth ('ITA',) export ('BEL',) 2021 exact
    >>> claims[0].value, claims[0].currency, claims[1].growth, claims[1].base_year
    (18000000000.0, 'EUR', 0.22, 2020)
    """
    context = _Context()
    found: list[Claim] = []
    for sentence in sentences(text):
        parsed = _parse(sentence, registry)
        claims = _claims(parsed, context)
        found.extend(sorted([*claims, *_rank_claims(parsed, context)], key=lambda c: c.start))
        _remember(parsed, context)
        context.flow = claims[-1].flow if claims else context.flow
    return found


def _parse(sentence: Sentence, registry: Registry | None) -> _Parsed:
    flat = sentence.normalised.text
    language = language_of(flat)
    mentions = find_mentions(flat, registry)
    credited = attributions(flat, mentions)
    flows = [
        FlowMention(cast(FlowWord, m.lastgroup), m.start(), m.end()) for m in _FLOWS.finditer(flat)
    ]
    figures = find_figures(flat, language)
    inside = [(f.start, f.end) for f in figures]
    written = [(y, s) for y, s, e in years(flat) if not any(a <= s < b for a, b in inside)]
    span_match = _SPAN.search(flat)
    span = None if span_match is None else (int(span_match["base"]), int(span_match["year"]))
    base = [(y, s) for y, s in written if _BASE.search(flat[:s]) and span is None]
    period = [(y, s) for y, s in written if (y, s) not in base]
    months = next((m for m, pattern in _PARTIAL if pattern.search(flat)), None)
    return _Parsed(
        sentence,
        language,
        figures,
        [m for m in mentions if m not in credited],
        flows,
        period,
        base,
        span,
        months,
        credited[0].text if credited else None,
        credited[0].codes if credited else (),
    )


def _remember(parsed: _Parsed, context: _Context) -> None:
    pair = pair_of(parsed.sentence.normalised.text, parsed.mentions, parsed.flows)
    if pair.reporter is not None and pair.partner is not None:
        context.pair = pair
    if parsed.span is not None:
        context.year = parsed.span[1]
    elif parsed.period_years:
        context.year = parsed.period_years[0][0]
    for figure in parsed.figures:
        if figure.currency is not None:
            context.currency = figure.currency


def _claims(parsed: _Parsed, context: _Context) -> list[Claim]:
    flat = parsed.sentence.normalised.text
    sentence_pair = pair_of(flat, parsed.mentions, parsed.flows)
    claims: list[Claim] = []
    previous_end = 0
    last_value: Claim | None = None
    last_value_end = 0
    last_growth: tuple[Claim, int] | None = None
    currency = context.currency
    for index, figure in enumerate(parsed.figures):
        following = (
            parsed.figures[index + 1].start if index + 1 < len(parsed.figures) else len(flat)
        )
        if figure.kind == "amount" and in_parentheses_after(
            flat, figure, None if last_growth is None else last_growth[1]
        ):
            assert last_growth is not None
            currency = figure.currency or currency
            claims.append(_change_from(last_growth[0], parsed, figure, currency))
            previous_end = figure.end
            continue
        last_growth = None
        if figure.kind == "amount":
            currency = figure.currency or currency
            claim = _value_claim(
                parsed, figure, (previous_end, following), sentence_pair, context, currency
            )
            claims.append(claim)
            last_value, last_value_end = claim, figure.end
            previous_end = figure.end
            continue
        if not is_growth(flat, figure, previous_end):
            continue
        attached = last_value is not None and not any(
            last_value_end <= f.start < figure.start for f in parsed.flows
        )
        base = _base_year(parsed, figure, following)
        if attached and last_value is not None:
            claims.append(_growth_from(last_value, parsed, figure, flat, base))
        else:
            seed = _value_claim(
                parsed, figure, (previous_end, following), sentence_pair, context, currency
            )
            claims.append(_growth_from(seed, parsed, figure, flat, base))
        last_growth = (claims[-1], figure.end)
    return claims


def _rank_claims(parsed: _Parsed, context: _Context) -> list[Claim]:
    """Return the rank claims of a sentence ("China is Germany's largest supplier")."""
    flat = parsed.sentence.normalised.text
    found = []
    for phrase in rank_phrases(flat):
        reporter, partner = ranked_pair(flat, phrase, parsed.mentions)
        start, end = parsed.sentence.normalised.span(phrase.start, phrase.end)
        years = [y for y, _ in parsed.period_years]
        year = years[0] if years else context.year
        found.append(
            Claim(
                text=parsed.sentence.text,
                figure=_original(parsed, phrase.start, phrase.end),
                start=start,
                end=end,
                sentence_start=parsed.sentence.start,
                sentence_end=parsed.sentence.end,
                kind="rank",
                language=parsed.language,
                reporter=None if reporter is None else reporter.text,
                reporter_codes=() if reporter is None else reporter.codes,
                partner=None if partner is None else partner.text,
                partner_codes=() if partner is None else partner.codes,
                flow=phrase.flow,
                year=year,
                months=None,
                base_year=None,
                value=None,
                currency=None,
                growth=None,
                hedge="exact",
                precision=0.0,
                inherited=() if years else ("year",),
                attributed_to=parsed.attributed_to,
                attributed_codes=parsed.attributed_codes,
                rank=phrase.rank,
            )
        )
    return found


def _change_from(growth: Claim, parsed: _Parsed, figure: Figure, currency: str | None) -> Claim:
    """Return the change in money that a growth figure gives in parentheses, signed like it."""
    start, end = parsed.sentence.normalised.span(figure.start, figure.end)
    falls = growth.growth is not None and growth.growth < 0
    return dataclasses.replace(
        growth,
        figure=_original(parsed, figure.start, figure.end),
        start=start,
        end=end,
        kind="change",
        value=-abs(figure.value) if falls else abs(figure.value),
        currency=figure.currency or currency,
        growth=None,
        hedge="exact",
        precision=figure.precision,
        inherited=(
            *growth.inherited,
            *(("currency",) if figure.currency is None and currency is not None else ()),
        ),
    )


def _value_claim(
    parsed: _Parsed,
    figure: Figure,
    segment: tuple[int, int],
    sentence_pair: Pair,
    context: _Context,
    currency: str | None,
) -> Claim:
    flat = parsed.sentence.normalised.text
    flow = _flow(parsed.flows, figure, segment)
    own = pair_of(flat, parsed.mentions, parsed.flows, (segment[0], figure.start))
    reporter, partner, inherited = fill_pair(own, sentence_pair, context.pair)
    if flow is None and not parsed.flows and not parsed.mentions and context.flow is not None:
        flow = context.flow  # "This is an increase of 22% compared to 2020."
        inherited.append("flow")
    year = _year(parsed, figure, context)
    if year is not None and not _has_year(parsed):
        inherited.append("year")
    if figure.currency is None and currency is not None and figure.kind == "amount":
        inherited.append("currency")
    value = figure.value if figure.kind == "amount" else None
    deficit = negative(flat, segment[0], figure)
    if flow == "balance" and value is not None and not figure.signed and deficit:
        value = -value
    hedge, hedge_start = hedge_before(flat, figure.start)
    start, end = parsed.sentence.normalised.span(hedge_start, figure.end)
    return Claim(
        text=parsed.sentence.text,
        figure=_original(parsed, hedge_start, figure.end),
        start=start,
        end=end,
        sentence_start=parsed.sentence.start,
        sentence_end=parsed.sentence.end,
        kind="value",
        language=parsed.language,
        reporter=None if reporter is None else reporter.text,
        reporter_codes=() if reporter is None else reporter.codes,
        partner=None if partner is None else partner.text,
        partner_codes=() if partner is None else partner.codes,
        flow=flow,
        year=year,
        months=parsed.months,
        base_year=None,
        value=value,
        currency=figure.currency or currency,
        growth=None,
        hedge=hedge,
        precision=figure.precision,
        inherited=tuple(inherited),
        attributed_to=parsed.attributed_to,
        attributed_codes=parsed.attributed_codes,
    )


def _original(parsed: _Parsed, start: int, end: int) -> str:
    first, last = parsed.sentence.normalised.span(start, end)
    offset = parsed.sentence.start
    return parsed.sentence.text[first - offset : last - offset]


def _growth_from(
    seed: Claim, parsed: _Parsed, figure: Figure, flat: str, base: int | None
) -> Claim:
    value = figure.value
    if not figure.signed and figure.kind == "percent" and falls(flat, figure):
        value = -value
    hedge, hedge_start = hedge_before(flat, figure.start)
    if figure.kind == "multiple" and hedge == "exact":
        hedge = "around"
    start, end = parsed.sentence.normalised.span(hedge_start, figure.end)
    year = parsed.span[1] if parsed.span is not None else seed.year
    if base is None and year is not None:
        base = year - 1
    return dataclasses.replace(
        seed,
        figure=_original(parsed, hedge_start, figure.end),
        start=start,
        end=end,
        kind="growth",
        value=None,
        growth=value,
        hedge=hedge,
        precision=figure.precision,
        year=year,
        base_year=base,
        inherited=tuple(i for i in seed.inherited if i != "currency"),
    )


def _flow(flows: list[FlowMention], figure: Figure, segment: tuple[int, int]) -> ClaimFlow | None:
    before = [f for f in flows if segment[0] <= f.start and f.end <= figure.start]
    if before:
        return before[-1].flow
    after = [f for f in flows if figure.end <= f.start < segment[1]]
    if after:
        return after[0].flow
    anywhere = [f for f in flows if f.end <= figure.start]
    return anywhere[-1].flow if anywhere else None


def _year(parsed: _Parsed, figure: Figure, context: _Context) -> int | None:
    flat = parsed.sentence.normalised.text
    right = _YEAR_AFTER.match(flat, figure.end)
    if right is not None:
        return int(right.group(1))
    if parsed.span is not None:
        return parsed.span[1]
    before = [y for y, s in parsed.period_years if s < figure.start]
    if before:
        return before[-1]
    if parsed.period_years:
        return parsed.period_years[0][0]
    return context.year


def _has_year(parsed: _Parsed) -> bool:
    return bool(parsed.period_years) or parsed.span is not None


def _base_year(parsed: _Parsed, figure: Figure, following: int) -> int | None:
    if parsed.span is not None:
        return parsed.span[0]
    after = [y for y, s in parsed.base_years if figure.end <= s < following]
    if after:
        return after[0]
    before = [y for y, s in parsed.base_years if s < figure.start]
    return before[-1] if before else None
