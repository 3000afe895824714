"""The tables behind the SYNTHETIC full_v2 files: header, products, partners, currencies.

The CN8 codes are invented within real chapters and headings, and their SITC / CPA / BEC
links are a fixed synthetic mapping by heading, not the official correspondence tables; the
partner weights and exchange rates are made up too. None of this is official statistics.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Final

import numpy as np
import numpy.typing as npt
import polars as pl

from bilateral.errors import InvalidArgumentError
from bilateral.synthetic.seeds import stable_seed

# fmt: off
HEADER: Final[tuple[str, ...]] = (
    "REPORTER", "PARTNER", "TRADE_TYPE", "PRODUCT_NC", "PRODUCT_SITC", "PRODUCT_CPA21",
    "PRODUCT_CPA22", "PRODUCT_BEC", "PRODUCT_BEC5", "PRODUCT_SECTION", "FLOW", "STAT_PROCEDURE",
    "SUPPL_UNIT", "PERIOD", "VALUE_EUR", "VALUE_NAC", "QUANTITY_KG", "QUANTITY_SUPPL_UNIT",
)
EU_REPORTERS: Final[tuple[str, ...]] = (
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE",
    "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
)
# fmt: on

# chapter: section, SITC group, BEC rev.4, BEC rev.5 prefix, EUR per kg, trade weight,
# headings with their (synthetic) CPA 2.1 class.
_CHAPTERS: Final[str] = """
01 01 001 111 11 3 0.4 0102:0142 0103:0146 0105:0147
02 01 011 122 12 4 1.2 0201:1011 0203:1011 0207:1012 0210:1013
03 01 034 122 12 6 0.8 0302:0311 0303:1020 0304:1020 0306:0311
04 01 022 122 12 4 1.1 0401:1051 0402:1051 0405:1051 0406:1051 0407:0147
07 02 054 122 12 1.2 0.8 0701:0113 0702:0113 0709:0113 0710:1039 0713:0111
08 02 057 112 11 1.5 1.0 0802:0125 0803:0122 0805:0123 0806:0121 0808:0124
09 02 071 122 12 6 0.6 0901:1083 0902:1083 0904:0128 0910:0128
10 02 041 111 11 0.25 0.8 1001:0111 1005:0111 1006:0112
15 03 421 122 12 1.8 0.8 1507:1041 1509:1041 1511:1041 1517:1042
19 04 048 122 12 3 1.0 1901:1089 1902:1073 1904:1061 1905:1071
20 04 056 122 12 2 0.8 2002:1039 2004:1031 2008:1039 2009:1032
21 04 098 122 12 4 0.9 2101:1083 2103:1084 2104:1089 2106:1089
22 04 112 122 12 2.5 1.1 2201:1107 2202:1107 2203:1105 2204:1102 2208:1101
24 04 122 122 12 15 0.5 2401:0115 2402:1200 2403:1200 2404:1200
25 05 273 220 21 0.05 0.5 2515:0811 2523:2351 2529:0899
27 05 334 320 21 0.6 3.5 2701:0510 2709:0610 2710:1920 2711:0620 2716:3511
28 06 522 220 21 1.2 1.2 2804:2011 2811:2013 2815:2013 2833:2013 2844:2446
29 06 512 220 21 3 3.0 2901:2014 2905:2014 2917:2014 2933:2014 2936:2110 2937:2110 2941:2110
30 06 542 630 31 60 5.0 3002:2120 3003:2120 3004:2120 3005:2120 3006:2120
32 06 533 220 21 4 0.8 3204:2012 3208:2030 3209:2030 3215:2030
33 06 553 630 31 12 1.2 3301:2053 3303:2042 3304:2042 3305:2042
34 06 554 630 31 2.5 0.6 3401:2041 3402:2041 3403:1920 3405:2041
35 06 592 220 21 4 0.4 3501:2059 3505:1062 3506:2052
38 06 598 220 21 2.5 1.5 3808:2020 3811:2059 3824:2059 3825:3821
39 07 582 220 31 2.5 3.0 3901:2016 3902:2016 3907:2016 3916:2221 3920:2221 3923:2222 3926:2229
40 07 625 530 51 4 1.2 4011:2211 4013:2211 4016:2219
42 08 831 620 31 60 0.8 4202:1512 4203:1420
44 09 248 220 21 0.6 0.7 4403:0220 4407:1610 4411:1621 4418:1623
48 10 641 220 21 1.2 1.3 4802:1712 4810:1712 4818:1722 4819:1721
52 11 652 220 21 5 0.3 5201:0116 5205:1310 5208:1320
61 11 845 610 41 25 1.2 6104:1439 6109:1439 6110:1439
62 11 842 610 41 30 1.4 6203:1413 6204:1413 6206:1413
64 12 851 610 41 30 1.1 6403:1520 6404:1520 6406:1520
69 13 662 220 21 0.9 0.5 6907:2331 6910:2342 6911:2341
70 13 665 220 21 1.5 0.6 7005:2311 7010:2313 7019:2314
71 14 897 620 41 3000 1.8 7108:2441 7113:3212 7117:3213
72 15 672 220 21 0.7 2.0 7204:3832 7208:2410 7219:2410 7225:2410
73 15 699 220 21 3 2.0 7304:2420 7308:2511 7318:2594 7326:2599
76 15 684 220 21 3 1.2 7601:2442 7604:2442 7606:2442 7616:2599
84 16 743 410 11 18 11.0 8411:3030 8413:2813 8414:2813 8418:2751 8421:2829 8422:2829 8428:2822 8429:2892 8471:2620 8479:2899 8481:2814 8482:2815 8483:2815
85 16 778 420 11 25 9.0 8501:2711 8504:2711 8507:2720 8517:2630 8536:2733 8541:2611 8542:2611 8544:2732
86 17 791 410 11 6 0.3 8601:3020 8607:3020
87 17 781 510 51 10 9.0 8701:2910 8703:2910 8704:2910 8708:2932 8711:3091 8714:3092 8716:2920
88 17 792 410 11 400 1.5 8802:3030 8803:3030
89 17 793 410 11 8 0.4 8901:3011 8903:3012
90 18 874 420 11 80 4.0 9001:2670 9018:3250 9021:3250 9026:2651 9027:2651 9031:2651
94 20 821 610 41 5 1.5 9401:3100 9403:3109 9404:3103 9405:2740
95 20 894 610 41 10 0.8 9503:3240 9504:3240 9506:3230
96 20 899 610 41 8 0.5 9603:3291 9608:3299 9619:1722
"""  # noqa: E501
_CPA22_CHANGES: Final[Mapping[str, str]] = {"2052": "2059", "2229": "2226", "2219": "2212"}

# GEONOM partner codes with a relative trade weight; the EU members first. GEONOM mostly uses
# ISO alpha-2, but Serbia is XS and Kosovo XK; QV / QZ are the intra- and extra-EU "not
# specified" partners.
_PARTNERS: Final[str] = """
DE 100 FR 70 IT 55 NL 60 BE 45 ES 40 PL 30 AT 25 CZ 22 SE 18 DK 12 IE 15 HU 14 RO 11 PT 10
SK 10 FI 8 GR 6 BG 5 SI 6 HR 4 LT 4 LV 2 EE 2 LU 3 CY 1 MT 1
US 65 CN 60 GB 45 CH 35 TR 15 JP 15 RU 12 KR 12 IN 10 NO 10 BR 6 CA 6 MX 6 AE 6 TW 6 SG 5
AU 5 SA 4 HK 4 VN 4 TH 3 MY 3 ID 3 ZA 3 UA 3 IL 3 MA 3 XS 3 EG 2 DZ 2 TN 2 NG 1.5 AR 1.5
CL 1.2 CO 1 PE 0.8 KZ 1.2 BA 1 MK 0.8 AL 0.7 ME 0.3 MD 0.5 BY 1 GE 0.4 AM 0.3 AZ 0.8 UZ 0.4
QA 1 KW 0.7 OM 0.5 BH 0.3 IR 0.5 IQ 0.6 JO 0.4 LB 0.4 LY 1 PK 1 BD 1.5 LK 0.4 PH 1 KH 0.5
NZ 0.6 IS 0.5 LI 0.4 AD 0.3 SM 0.3 GI 0.2 FO 0.2 GL 0.05 CI 0.6 GH 0.5 SN 0.4 CM 0.4 KE 0.4
ET 0.3 TZ 0.3 UG 0.2 AO 0.6 MZ 0.3 MU 0.2 MG 0.2 NA 0.15 BW 0.1 ZM 0.1 ZW 0.1 EC 0.5 UY 0.4
PY 0.2 BO 0.1 VE 0.2 CU 0.2 DO 0.3 PA 0.5 CR 0.4 GT 0.2 HN 0.1 JM 0.05 TT 0.2 MN 0.05
NP 0.05 XK 0.2 MM 0.2 LA 0.05 FJ 0.02 PG 0.05 NC 0.1 PF 0.05 QV 0.4 QZ 0.8
"""
_INTRA_EXTRA_UNSPECIFIED: Final[Mapping[str, str]] = {"QV": "I", "QZ": "E"}
# National currency units per euro for the reporters outside the euro area (fixed, synthetic).
# fmt: off
_NAC_RATES: Final[Mapping[str, float]] = {
    "BG": 1.95583, "CZ": 25.0, "DK": 7.45, "HU": 385.0, "PL": 4.4, "RO": 4.9, "SE": 11.2,
}
_HRK_PER_EUR: Final = 7.53  # Croatia joined the euro on 1 January 2023.
# Digits 5-6 and 7-8 of the synthetic CN8 codes.
_REGULAR_SUBHEADINGS: Final[tuple[str, ...]] = (
    "10", "11", "19", "20", "21", "29", "30", "31", "39", "40", "50", "60", "70", "80", "90",
    "99",
)
_REGULAR_SPLITS: Final[tuple[str, ...]] = (
    "00", "10", "11", "15", "19", "20", "25", "30", "40", "50", "60", "70", "80", "90", "91",
    "99",
)
# fmt: on


@lru_cache(maxsize=1)
def partners() -> tuple[tuple[str, ...], npt.NDArray[np.float64]]:
    """Return the partner codes the generator uses and their relative trade weights."""
    tokens = _PARTNERS.split()
    codes = tuple(tokens[0::2])
    return codes, np.array([float(weight) for weight in tokens[1::2]])


def _chapter_rows() -> list[list[str]]:
    return [line.split() for line in _CHAPTERS.strip().splitlines()]


@lru_cache(maxsize=4)
def product_catalogue(size: int = 2000) -> pl.DataFrame:
    """Return `size` synthetic CN8 products, then one confidential product per chapter.

    The catalogue does not depend on the seed: the same code always has the same SITC, CPA,
    BEC and section. Column `weight` is a product's relative trade weight.
    """
    rng = np.random.default_rng(stable_seed("catalogue"))
    chapters = _chapter_rows()
    chapter_weight = np.array([float(row[6]) for row in chapters])
    per_chapter = np.maximum(3, np.round(size * chapter_weight / chapter_weight.sum()))
    while per_chapter.sum() != size:
        step = 1 if per_chapter.sum() < size else -1
        per_chapter[int(np.argmax(per_chapter))] += step
    records: list[tuple[str, ...]] = []
    weights: list[float] = []
    for row, count in zip(chapters, per_chapter.astype(int), strict=True):
        codes = _chapter_codes(row, int(count), rng)
        records.extend(_attributes(row, code) for code in codes)
        weights.extend(float(row[6]) / count * rng.lognormal(0.0, 1.0, len(codes)))
    for row in chapters:
        records.append(_confidential_attributes(row))
        weights.append(0.0)
    frame = pl.DataFrame(records, schema=[*HEADER[3:10], "CHAPTER", "PRICE"], orient="row")
    return frame.with_columns(
        pl.Series("weight", weights),
        pl.col("PRICE").cast(pl.Float64),
        pl.Series("confidential", [False] * size + [True] * len(chapters)),
    )


def _chapter_codes(row: list[str], count: int, rng: np.random.Generator) -> list[str]:
    headings = [item.split(":")[0] for item in row[7:]]
    tails = [sub + split for sub in _REGULAR_SUBHEADINGS for split in _REGULAR_SPLITS]
    pool = [heading + tail for heading in headings for tail in tails]
    if count > len(pool):
        expected = f"a smaller catalogue: chapter {row[0]} has room for {len(pool)} codes"
        raise InvalidArgumentError("size", count, expected)
    return sorted(rng.choice(pool, size=count, replace=False).tolist())


def _attributes(row: list[str], code: str) -> tuple[str, ...]:
    cpa = dict(item.split(":") for item in row[7:])[code[:4]]
    digits = int(code[4:])
    sitc = f"{row[2]}{digits % 97:02d}"
    bec5 = f"{row[4]}{digits % 9973:04d}"
    section, bec4 = row[1], row[3]
    return (code, sitc, cpa, _CPA22_CHANGES.get(cpa, cpa), bec4, bec5, section, row[0], row[5])


def _confidential_attributes(row: list[str]) -> tuple[str, ...]:
    chapter = row[0]
    product = (f"{chapter}XXXXXX", f"{row[2]}XX", "XXXX", "XXXX", "700", f"{row[4]}XXXX")
    return (*product, row[1], chapter, row[5])


def eu_members(year: int) -> frozenset[str]:
    """Return the partners whose trade with an EU reporter is intra-EU in `year`."""
    members = set(EU_REPORTERS)
    if year <= 2020:
        members.add("GB")  # the United Kingdom left the single market at the end of 2020
    return frozenset(members)


def trade_type(partner: str, year: int) -> str:
    """Return the Comext TRADE_TYPE, `I` (intra-EU) or `E` (extra-EU), of a partner.

    >>> trade_type("BE", 2024), trade_type("NA", 2024), trade_type("QV", 2024)
    ('I', 'E', 'I')
    """
    if partner in _INTRA_EXTRA_UNSPECIFIED:
        return _INTRA_EXTRA_UNSPECIFIED[partner]
    return "I" if partner in eu_members(year) else "E"


def nac_per_eur(reporter: str, year: int) -> float:
    """Return the synthetic national-currency units per euro of a reporter in `year`."""
    if reporter == "HR" and year < 2023:
        return _HRK_PER_EUR
    return _NAC_RATES.get(reporter, 1.0)
