"""Rank claims: a territory's place among another's partners, read from the words.

"Japan was the third-largest supplier of the United States" ranks Japan third among the
partners of the United States' imports; "France is Germany's second market" second among
Germany's export destinations; "China is Germany's most important trading partner" first by
exports plus imports; "il Belgio è il terzo mercato di sbocco dell'Italia" in Italian. The
ranked territory is the subject, named before the phrase; the territory whose partners are
ranked is the one in the possessive just before it ("Germany's", "the United States'") or the
one after it ("of", "to", "for German exports", "dell'Italia").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from bilateral.claims.mentions import Mention
from bilateral.results.claims import ClaimFlow

_ORDINALS: Final[dict[str, int]] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10,
    "primo": 1, "prima": 1, "secondo": 2, "seconda": 2, "terzo": 3, "terza": 3, "quarto": 4,
    "quarta": 4, "quinto": 5, "quinta": 5, "sesto": 6, "sesta": 6, "settimo": 7, "settima": 7,
    "ottavo": 8, "ottava": 8, "nono": 9, "nona": 9, "decimo": 10, "decima": 10,
}  # fmt: skip
_ORDINAL: Final = r"\d{1,2}\s?(?:st|nd|rd|th|°|º)|" + "|".join(_ORDINALS)
_TOP: Final = (
    r"largest|biggest|most\s+important|main|leading|top|principale|maggiore|più\s+importante"
)
_ROLES: Final[tuple[tuple[ClaimFlow, str], ...]] = (
    ("import", r"suppliers?|sources?\s+of\s+imports|fornitor[ei]|fornitrice"),
    (
        "export",
        r"(?:export\s+)?markets?|customers?|(?:export\s+)?destinations?|buyers?|"
        r"mercat[oi](?:\s+di\s+sbocco)?|client[ei]|sbocc(?:o|hi)",
    ),
    ("total", r"trad(?:ing|e)\s+partners?|partners?(?:\s+commercial[ei])?"),
)
_RANK: Final = re.compile(
    rf"(?<!\w)(?:(?P<ordinal>{_ORDINAL})(?:[\s-]+(?:{_TOP}))?|(?P<top>{_TOP}))\s+"
    r"(?:(?:goods|trading|trade|foreign|commercial|non-EU|merchandise)\s+)*"
    + "(?:" + "|".join(rf"(?P<{flow}>{pattern})" for flow, pattern in _ROLES) + r")\b",
    re.IGNORECASE,
)  # fmt: skip
_POSSESSIVE: Final = re.compile(r"^(?:'s|')\s*(?:(?:the|il|la|lo|l')\s+)?$", re.IGNORECASE)
_AFTER: Final = re.compile(
    r"^[^,;:()]{0,40}(?<!\w)(?:of|to|for|in|among|del|della|dell'|dello|dei|degli|delle|per|"
    r"di|d')\s*(?:(?:the|il|la|lo|l'|i|gli|le)\s+)?$",
    re.IGNORECASE,
)


class RankPhrase:
    """A rank phrase found in a sentence: its place, flow and offsets."""

    def __init__(self, match: re.Match[str]) -> None:
        self.start, self.end = match.start(), match.end()
        written = (match["ordinal"] or "").lower()
        if not written:
            self.rank = 1
        elif written[0].isdigit():
            self.rank = int(re.sub(r"\D", "", written))
        else:
            self.rank = _ORDINALS[written]
        self.flow: ClaimFlow = next(flow for flow, _ in _ROLES if match[flow] is not None)


def rank_phrases(text: str) -> list[RankPhrase]:
    """Return the rank phrases of `text` ("third-largest supplier", "main trading partner").

    >>> [(p.rank, p.flow) for p in rank_phrases("Japan was the third-largest supplier")]
    [(3, 'import')]
    >>> [(p.rank, p.flow) for p in rank_phrases("Germany's most important trading partner")]
    [(1, 'total')]
    """
    return [RankPhrase(match) for match in _RANK.finditer(text)]


def ranked_pair(
    text: str, phrase: RankPhrase, mentions: Sequence[Mention]
) -> tuple[Mention | None, Mention | None]:
    """Return the territory whose partners are ranked and the ranked one, as mentioned."""
    before = [m for m in mentions if m.end <= phrase.start]
    after = [m for m in mentions if m.start >= phrase.end]
    reporter = next(
        (m for m in reversed(before) if _POSSESSIVE.match(text[m.end : phrase.start])), None
    )
    if reporter is None:
        reporter = next(
            (m for m in after if _AFTER.match(text[phrase.end : m.start]) or m.kind == "demonym"),
            None,
        )
    subjects = [m for m in before if m is not reporter and m.kind != "demonym"]
    partner = subjects[0] if subjects else None
    return reporter, partner
