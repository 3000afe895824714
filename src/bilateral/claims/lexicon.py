"""The words that make a trade claim, per language, as data: flows, hedges, scales, currencies.

Every pattern is a regular-expression fragment matched case-insensitively on normalised text
(`bilateral.claims.text.normalise`) at word boundaries. English and Italian are covered; a
sentence's language is the one whose marker words it holds more of.
"""

from __future__ import annotations

from typing import Final, Literal

Language = Literal["en", "it"]
FlowWord = Literal["export", "import", "total", "balance"]
Hedge = Literal["exact", "around", "nearly", "over", "under"]

# Flows, from the perspective of the sentence's first territory. Longer phrases first: "trade
# balance" is a balance, not total trade; "trade agency" is no flow at all.
FLOW_PATTERNS: Final[tuple[tuple[FlowWord, str], ...]] = (
    (
        "balance",
        r"trade\s+(?:balance|surplus|deficit)|balance\s+of\s+trade|surplus|deficit|"
        r"(?<!payments\s)balance|saldo(?:\s+commerciale)?|avanzo(?:\s+commerciale)?|"
        r"disavanzo(?:\s+commerciale)?|deficit\s+commerciale|bilancia\s+commerciale",
    ),
    (
        "export",
        r"exports?|exported|exporting|export\s+sales|esportazion[ei]|esportat[oaie]|"
        r"esportare|esporta|esportano|l'export|export",
    ),
    (
        "import",
        r"imports?|imported|importing|importazion[ei]|importat[oaie]|importare|importano|"
        r"l'import|import",
    ),
    (
        "total",
        r"(?:(?:overall|total|bilateral|two-way|foreign)\s+)?trade(?:\s+(?:volume|flows?))?"
        r"(?!\s+(?:agenc|office|minist|fair|agreement|deal|commission|organi[sz]ation|polic|"
        r"war|talk|mission|union|partner|balance|surplus|deficit|barrier|route|show|data|"
        r"statistic))|"
        r"interscambio(?:\s+(?:complessivo|commerciale|totale|bilaterale))?|"
        r"scambi(?:o)?\s+commercial[ei]|volume\s+(?:degli|d[ei]i?)\s+scambi|"
        r"commercio\s+bilaterale|trade\s+between",
    ),
)

# Signs of a balance: a deficit is negative for the territory it is "for".
NEGATIVE_BALANCE: Final = (
    r"deficit|negative|negativo|negativa|disavanzo|passivo|in\s+rosso|shortfall"
)
POSITIVE_BALANCE: Final = r"surplus|positive|positivo|positiva|avanzo|attivo"

# Hedges immediately before a figure (articles and prepositions may sit between: "sfiorando i
# 40 miliardi", "di circa il 16%").
HEDGE_PATTERNS: Final[tuple[tuple[Hedge, str], ...]] = (
    (
        "nearly",
        r"nearly|almost|just\s+(?:under|below|short\s+of)|close\s+to|approaching|"
        r"sfiorando|sfiorato|sfiora|sfiorare|quasi|poco\s+meno\s+di|vicino\s+a|a\s+ridosso\s+di",
    ),
    (
        "over",
        r"more\s+than|over|above|exceeded|exceeding|exceeds|in\s+excess\s+of|topped|topping|"
        r"surpassed|surpassing|beyond|upwards\s+of|(?:just|well|slightly)\s+(?:over|above)|"
        r"oltre|più\s+di|piu\s+di|superiore\s+a|superato|superando|supera|superano|sopra",
    ),
    (
        "under",
        r"less\s+than|under|below|fewer\s+than|meno\s+di|inferiore\s+a|sotto",
    ),
    (
        "around",
        r"around|about|approximately|approx\.?|roughly|some|circa|ca\.|c\.a\.|~|"
        r"intorno\s+a|attorno\s+a|nell'ordine\s+di|an\s+estimated|stimat[oaie]\s+in",
    ),
)
# Words that may stand between a hedge and its figure.
FILLERS: Final = r"(?:the|a|an|of|to|at|i|il|lo|la|le|gli|l'|di|del|dei|degli|a|ai|agli|pari|€|\$)"

# Scales: the multiplier of a figure's unit. Checked longest first.
SCALES: Final[dict[str, float]] = {
    "thousand million": 1e9,
    "mila milioni": 1e9,
    "trillion": 1e12,
    "trillions": 1e12,
    "tn": 1e12,
    "trn": 1e12,
    "billion": 1e9,
    "billions": 1e9,
    "bn": 1e9,
    "bln": 1e9,
    "b": 1e9,
    "miliardi": 1e9,
    "miliardo": 1e9,
    "mld": 1e9,
    "mrd": 1e9,
    "million": 1e6,
    "millions": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "m": 1e6,
    "milioni": 1e6,
    "milione": 1e6,
    "thousand": 1e3,
    "thousands": 1e3,
    "k": 1e3,
    "mila": 1e3,
    "migliaia": 1e3,
}
# Currencies as written, to ISO codes.
CURRENCIES: Final[dict[str, str]] = {
    "euro": "EUR",
    "euros": "EUR",
    "eur": "EUR",
    "€": "EUR",
    "dollars": "USD",
    "dollar": "USD",
    "us dollars": "USD",
    "u.s. dollars": "USD",
    "dollari": "USD",
    "dollaro": "USD",
    "usd": "USD",
    "$": "USD",
    "us$": "USD",
    "pounds": "GBP",
    "sterling": "GBP",
    "gbp": "GBP",
    "£": "GBP",
    "sterline": "GBP",
    "yuan": "CNY",
    "renminbi": "CNY",
    "cny": "CNY",
    "yen": "JPY",
    "jpy": "JPY",
    "swiss francs": "CHF",
    "chf": "CHF",
}

# Growth: words that say a figure rose or fell, and multiples.
GROWTH_UP: Final = (
    r"increase[ds]?|increasing|rise|rises|rose|risen|grew|grow|grows|growth|up|gain(?:ed|s)?|"
    r"jump(?:ed|s)?|surge[ds]?|climb(?:ed|s)?|expan(?:ded|sion)|"
    r"incremento|aumento|aumentat[oaie]|crescita|cresciut[oaie]|cresce|crescono|salit[oaie]|"
    r"rialzo|progresso|balzo|espansione"
)
GROWTH_DOWN: Final = (
    r"decrease[ds]?|decreasing|decline[ds]?|declining|fell|fall(?:s|en)?|drop(?:ped|s)?|down|"
    r"contraction|contracted|shrank|shrunk|slump(?:ed)?|plunge[ds]?|lost|loss|"
    r"calo|diminuzione|diminuit[oaie]|flessione|riduzione|ridott[oaie]|contrazione|"
    r"calat[oaie]|scesi|scese|sceso|ribasso|crollo|perdita"
)
MULTIPLES: Final[tuple[tuple[float, str], ...]] = (
    (1.0, r"doubled|doubling|raddoppiat[oaie]|raddoppio|raddoppiare"),
    (2.0, r"tripled|trebled|tripling|triplicat[oaie]"),
    (-0.5, r"halved|halving|dimezzat[oaie]|dimezzamento"),
)
# A year that is the base of a comparison: "compared to 2020", "on 2020", "rispetto al 2020".
BASE_YEAR_BEFORE: Final = (
    r"compared\s+(?:to|with)|on|over|from|versus|vs\.?|than(?:\s+in)?|relative\s+to|"
    r"against|since|rispetto\s+(?:al|all'|a)|sul|nel\s+confronto\s+con\s+il|dal|"
    r"in\s+confronto\s+al|contro\s+(?:il|i)"
)
SPAN_BETWEEN: Final = (
    r"(?:between|from|tra\s+il|fra\s+il|dal)\s+(?P<base>(?:19|20)\d\d)\s+"
    r"(?:and|to|e\s+il|al)\s+(?P<year>(?:19|20)\d\d)"
)
YEAR_ON_YEAR: Final = r"year[- ]on[- ]year|y/y|yoy|on\s+the\s+previous\s+year|su\s+base\s+annua"

# Parts of a year: months covered from January.
PARTIAL_PERIODS: Final[tuple[tuple[int, str], ...]] = (
    (6, r"first\s+half|h1|first\s+six\s+months|primo\s+semestre|primi\s+sei\s+mesi|"
     r"january\s*-\s*june|gennaio\s*-\s*giugno"),
    (3, r"first\s+quarter|q1|first\s+three\s+months|primo\s+trimestre|primi\s+tre\s+mesi"),
    (9, r"first\s+nine\s+months|primi\s+nove\s+mesi|january\s*-\s*september|"
     r"gennaio\s*-\s*settembre"),
)  # fmt: skip

# Words before a territory that make it the partner (to, from, with) or the first territory.
PARTNER_BEFORE: Final = (
    r"to|towards|from|with|into|in|vs\.?|versus|verso|da|dal|dallo|dalla|dai|dagli|dalle|"
    r"dall'|con|col|al|allo|alla|ai|agli|alle|all'|in|nei\s+confronti\s+d(?:i|el|ella|ell')"
)
FIRST_BEFORE: Final = r"for|per|between|tra|fra|of|di|del|della|dell'"
PAIR_JOIN: Final = r"and|e|ed|&"
ARTICLES: Final = r"(?:the|il|lo|la|l'|i|gli|le)"
# Phrases that attribute figures to a source: a territory just after them is not a party.
ATTRIBUTION: Final = r"according\s+to|source:|sources?|secondo|fonte:|fonti|data\s+from|dati"

# Marker words of each language, to choose how numbers are written (18,5 or 18.5).
LANGUAGE_MARKERS: Final[dict[Language, str]] = {
    "it": r"nel|del|della|di|il|le|gli|con|per|verso|rispetto|miliardi|milioni|mila|euro|"
    r"esportazioni|importazioni|interscambio|saldo|circa|oltre|è|sono|mentre|pari",
    "en": r"the|of|in|to|and|with|for|billion|million|euros|exports|imports|trade|"
    r"balance|around|over|was|were|while|reached|compared",
}

# Keywords that run-together web copy glues to a neighbouring word ("agencyoverall").
GLUE_KEYWORDS: Final[tuple[str, ...]] = (
    "overall", "especially", "exports", "imports", "between", "billion", "million",
    "trillion", "euros", "dollars", "according", "compared", "increase", "decrease",
    "reached", "exceeded", "nearly", "around", "esportazioni", "importazioni",
    "interscambio", "miliardi", "milioni", "rispetto", "incremento", "sfiorando",
)  # fmt: skip
# Real words that end or start with a glue keyword and must stay whole.
WHOLE_WORDS: Final[frozenset[str]] = frozenset(
    {"reexports", "reimports", "nonexports", "underreached", "overreached"}
)
