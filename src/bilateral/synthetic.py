"""Write SYNTHETIC trade data in the Eurostat Comext bulk "full_v2" CSV layout.

Every figure these functions write is invented by a seeded random generator: the files are
synthetic, NOT official statistics, and must never be quoted as Eurostat data. They copy the
layout of the real files (header, code formats, confidential rows, `NA` = Namibia) so that
demos, tests and benchmarks can run without downloading Comext; the CN8 codes are made up
within real chapters and headings, and the CN8 -> SITC / CPA / BEC links are a fixed synthetic
mapping by heading, not the official correspondence tables.

`write_demo_files` writes seven annual files (2017-2023) for seven reporters with
Italy <-> Belgium totals of a plausible size; `write_full_v2` writes one period of any number of
rows, shuffled, in bounded memory, for benchmarks.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import IO, Final

import numpy as np
import numpy.typing as npt
import polars as pl

from bilateral.errors import InvalidArgumentError

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
DEMO_YEARS: Final[tuple[int, ...]] = tuple(range(2017, 2024))
DEMO_REPORTERS: Final[tuple[str, ...]] = ("AT", "BE", "DE", "ES", "FR", "IT", "NL")
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


@dataclass(frozen=True)
class _Block:
    """Rows as integer codes: indices into the partner list and the product catalogue."""

    reporter: npt.NDArray[np.int64]
    partner: npt.NDArray[np.int64]
    product: npt.NDArray[np.int64]
    flow: npt.NDArray[np.int64]
    stat: npt.NDArray[np.int64]
    value: npt.NDArray[np.int64]
    kg: npt.NDArray[np.int64]


def _stable_seed(*parts: str | int) -> list[int]:
    """Turn text and numbers into a seed list that does not depend on PYTHONHASHSEED."""
    return [zlib.crc32(str(part).encode()) if isinstance(part, str) else part for part in parts]


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
    rng = np.random.default_rng(_stable_seed("catalogue"))
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


def _frame(block: _Block, period: str, catalogue: pl.DataFrame) -> pl.DataFrame:
    """Turn integer-coded rows into the 18 full_v2 columns, all as text or integers."""
    codes, _ = partners()
    year = int(period[:4])
    code_series = pl.Series(codes)
    types = pl.Series([trade_type(code, year) for code in codes])
    rates = np.array([nac_per_eur(code, year) for code in codes])
    nac = np.round(block.value * rates[block.reporter]).astype(np.int64)
    products = catalogue.select(HEADER[3:10])[block.product]
    rows = len(block.value)
    return (
        pl.DataFrame(
            {
                "REPORTER": code_series.gather(block.reporter),
                "PARTNER": code_series.gather(block.partner),
                "TRADE_TYPE": types.gather(block.partner),
            }
        )
        .hstack(products)
        .with_columns(
            pl.Series("FLOW", block.flow).cast(pl.String),
            pl.Series("STAT_PROCEDURE", block.stat).cast(pl.String),
            pl.repeat("NO_SU", rows, eager=True).alias("SUPPL_UNIT"),
            pl.repeat(period, rows, eager=True).alias("PERIOD"),
            pl.Series("VALUE_EUR", block.value),
            pl.Series("VALUE_NAC", nac),
            pl.Series("QUANTITY_KG", block.kg),
            pl.repeat(0, rows, eager=True, dtype=pl.Int64).alias("QUANTITY_SUPPL_UNIT"),
        )
    )


def _write_header(handle: IO[bytes]) -> None:
    handle.write((",".join(HEADER) + "\n").encode())


def _append(frame: pl.DataFrame, handle: IO[bytes]) -> None:
    frame.write_csv(handle, include_header=False, quote_style="never", line_terminator="\n")


def _check_period(period: str) -> None:
    month = period[4:]
    if not (len(period) == 6 and period.isdigit() and (month == "52" or "01" <= month <= "12")):
        raise InvalidArgumentError("period", period, "YYYYMM, or YYYY52 for a whole year")


# --- the benchmark file: a pseudo-random permutation of a skewed key space ------------------


@dataclass(frozen=True)
class _KeySpace:
    """Every possible row key: (reporter, partner, flow) slots times product ranks, per STAT."""

    reporter: npt.NDArray[np.int64]
    partner: npt.NDArray[np.int64]
    flow: npt.NDArray[np.int64]
    starts: npt.NDArray[np.int64]
    scale: npt.NDArray[np.float64]
    product_order: npt.NDArray[np.int64]
    segments: tuple[tuple[int, int, int], ...]  # (first key, STAT_PROCEDURE, stride)

    @property
    def base_size(self) -> int:
        return int(self.starts[-1])

    @property
    def size(self) -> int:
        first, _, _ = self.segments[-1]
        return first + self.base_size // 16


_BENCH_PRODUCTS: Final = 10_000


def _key_space(catalogue: pl.DataFrame) -> _KeySpace:
    codes, weights = partners()
    share = weights / weights.sum()
    slots = [
        (codes.index(reporter), partner, flow)
        for reporter in EU_REPORTERS
        for partner in range(len(codes))
        if codes[partner] != reporter
        for flow in (1, 2)
    ]
    reporter, partner, flow = (
        np.array(column, dtype=np.int64) for column in zip(*slots, strict=True)
    )
    intensity = np.sqrt(share[reporter] * share[partner])
    counts = np.clip(np.round(_BENCH_PRODUCTS * 150 * intensity), 8, _BENCH_PRODUCTS)
    starts = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    base = int(starts[-1])
    segments = (
        (0, 1, 1),
        (base, 2, _coprime(base, 7919)),
        (base + base // 16, 9, _coprime(base, 104_729)),
    )
    return _KeySpace(
        reporter, partner, flow, starts, intensity, _product_order(catalogue), segments
    )


def _coprime(modulus: int, start: int) -> int:
    """Return the first number from `start` on that shares no factor with `modulus`."""
    while math.gcd(modulus, start) != 1:
        start += 1
    return start


def _product_order(catalogue: pl.DataFrame) -> npt.NDArray[np.int64]:
    """Rank products by weight, with the confidential ones spread from rank 150 on."""
    confidential = catalogue["confidential"].to_numpy()
    regular = np.flatnonzero(~confidential)
    order = list(regular[np.argsort(-catalogue["weight"].to_numpy()[regular], kind="stable")])
    for position, index in enumerate(np.flatnonzero(confidential)):
        order.insert(150 + 211 * position, int(index))
    return np.array(order, dtype=np.int64)


def _feistel(
    values: npt.NDArray[np.uint64], half_bits: int, keys: npt.NDArray[np.uint64]
) -> npt.NDArray[np.uint64]:
    mask = np.uint64((1 << half_bits) - 1)
    shift = np.uint64(half_bits)
    left, right = values >> shift, values & mask
    for key in keys:
        mixed = (right ^ key) * np.uint64(0x9E3779B97F4A7C15)
        left, right = right, left ^ ((mixed >> np.uint64(29)) & mask)
    return (left << shift) | right


def _permute(index: npt.NDArray[np.uint64], domain: int, seed: int) -> npt.NDArray[np.uint64]:
    """Map distinct indices below `domain` to distinct pseudo-random keys below `domain`."""
    half_bits = max(1, ((domain - 1).bit_length() + 1) // 2)
    sequence = np.random.SeedSequence(_stable_seed("feistel", seed))
    keys: npt.NDArray[np.uint64] = np.asarray(sequence.generate_state(4, np.uint64), np.uint64)
    out = _feistel(index, half_bits, keys)
    outside = out >= np.uint64(domain)
    while outside.any():  # cycle-walk back into the domain
        out[outside] = _feistel(out[outside], half_bits, keys)
        outside = out >= np.uint64(domain)
    return out


def _mix(values: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    """Scramble 64-bit integers (the splitmix64 finaliser)."""
    z = values + np.uint64(0x9E3779B97F4A7C15)
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def _normal(keys: npt.NDArray[np.uint64], seed: int, stream: int) -> npt.NDArray[np.float64]:
    """Return a standard normal draw per key that depends only on key, seed and stream."""
    salt = np.uint64(zlib.crc32(f"{seed}/{stream}".encode()) << 32)
    first = _mix(keys ^ salt)
    second = _mix(first)
    scale = 2.0**-53
    u1 = ((first >> np.uint64(11)).astype(np.float64) + 0.5) * scale
    u2 = ((second >> np.uint64(11)).astype(np.float64) + 0.5) * scale
    return np.asarray(np.sqrt(-2.0 * np.log(u1)) * np.cos(2.0 * np.pi * u2), dtype=np.float64)


def _decode(
    keys: npt.NDArray[np.uint64],
    space: _KeySpace,
    seed: int,
    catalogue: pl.DataFrame,
) -> _Block:
    key = keys.astype(np.int64)
    stat = np.ones_like(key)
    base = key.copy()
    for first, procedure, stride in space.segments[1:]:
        inside = key >= first
        stat[inside] = procedure
        base[inside] = ((key[inside] - first) * stride) % space.base_size
    slot = np.searchsorted(space.starts, base, side="right") - 1
    product = space.product_order[base - space.starts[slot]]
    drawn = np.exp(10.0 + 0.7 * np.log(space.scale[slot] * 100) + 2.0 * _normal(keys, seed, 1))
    value = np.maximum(np.round(drawn), 1).astype(np.int64)
    price = catalogue["PRICE"].to_numpy()[product] * np.exp(0.6 * _normal(keys, seed, 2))
    kg = np.round(value / price).astype(np.int64)
    return _Block(
        space.reporter[slot], space.partner[slot], product, space.flow[slot], stat, value, kg
    )


def write_full_v2(
    path: Path, *, rows: int, seed: int, period: str = "202401", chunk_rows: int = 1_000_000
) -> Path:
    """Write a synthetic full_v2 file of exactly `rows` data rows for one period.

    All 27 reporters, shuffled (not in the published sort order), with unique keys; written in
    chunks of `chunk_rows`, so memory stays bounded whatever `rows` is. The same arguments
    always give the same bytes.
    """
    _check_period(period)
    if rows < 0:
        raise InvalidArgumentError("rows", rows, "0 or more")
    if chunk_rows < 1:
        raise InvalidArgumentError("chunk_rows", chunk_rows, "1 or more")
    catalogue = product_catalogue(_BENCH_PRODUCTS)
    space = _key_space(catalogue)
    if rows > space.size:
        raise InvalidArgumentError("rows", rows, f"at most {space.size:,} (distinct keys)")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        _write_header(handle)
        for start in range(0, rows, chunk_rows):
            index = np.arange(start, min(rows, start + chunk_rows), dtype=np.uint64)
            block = _decode(_permute(index, space.size, seed), space, seed, catalogue)
            _append(_frame(block, period, catalogue), handle)
    return path


# --- the demo: seven annual files with a plausible Italy <-> Belgium story ----------------

# Trade in bn EUR in 2017 (exports, imports) of the demo reporters, and a yearly index.
# fmt: off
_REPORTER_TOTALS: Final[Mapping[str, tuple[float, float]]] = {
    "AT": (150, 155), "BE": (380, 370), "DE": (1280, 1030), "ES": (280, 300),
    "FR": (470, 540), "IT": (450, 400), "NL": (650, 580),
}
_YEAR_INDEX: Final[Mapping[int, float]] = {
    2017: 1.0, 2018: 1.04, 2019: 1.05, 2020: 0.93, 2021: 1.13, 2022: 1.32, 2023: 1.27,
}
# (reporter, partner, FLOW) -> bn EUR for 2017..2023, as each reporter declares it.
_IT_BE: Final[Mapping[tuple[str, str, int], tuple[float, ...]]] = {
    ("IT", "BE", 2): (15.4, 16.0, 16.3, 15.1, 17.6, 18.9, 18.5),
    ("IT", "BE", 1): (17.3, 18.0, 18.4, 17.2, 20.6, 23.4, 22.6),
    ("BE", "IT", 1): (15.5, 16.2, 16.4, 14.8, 18.0, 19.4, 19.1),
    ("BE", "IT", 2): (18.0, 19.4, 20.1, 19.2, 22.3, 23.9, 23.1),
}
_IT_BE_CHAPTER_BOOST: Final[Mapping[str, float]] = {
    "28": 3.0, "29": 3.0, "30": 4.0, "39": 2.5, "84": 1.6, "87": 1.6,
}
# fmt: on
_DEMO_PRODUCTS: Final = 2000


def _pair_totals(
    reporter: str, partner: str, flow: int, rng: np.random.Generator
) -> npt.NDArray[np.float64]:
    """Return a pair's yearly trade in EUR for DEMO_YEARS."""
    if (reporter, partner, flow) in _IT_BE:
        return np.array(_IT_BE[reporter, partner, flow]) * 1e9
    codes, weights = partners()
    others = np.array([code != reporter for code in codes])
    share = weights[codes.index(partner)] / weights[others].sum()
    base = _REPORTER_TOTALS[reporter][2 - flow] * 1e9 * share * rng.lognormal(0.0, 0.3)
    trend = np.cumprod(np.full(len(DEMO_YEARS), rng.normal(1.0, 0.02)))
    noise = rng.lognormal(0.0, 0.04, len(DEMO_YEARS))
    index = np.array([_YEAR_INDEX[year] for year in DEMO_YEARS])
    return np.asarray(base * index * trend * noise, dtype=np.float64)


def _pair_weights(reporter: str, partner: str, catalogue: pl.DataFrame) -> npt.NDArray[np.float64]:
    """Return the products' trade weights for a pair: Italy-Belgium leans to chemicals."""
    weight = np.asarray(catalogue["weight"].to_numpy(), dtype=np.float64).copy()
    if {reporter, partner} == {"IT", "BE"}:
        chapters = catalogue["CHAPTER"].to_numpy()
        for chapter, boost in _IT_BE_CHAPTER_BOOST.items():
            weight[chapters == chapter] *= boost
    return weight


def _pair_products(
    reporter: str,
    partner: str,
    totals: npt.NDArray[np.float64],
    rng: np.random.Generator,
    catalogue: pl.DataFrame,
) -> npt.NDArray[np.int64]:
    """Choose the products a pair trades, with confidential ones for some large pairs."""
    weight = _pair_weights(reporter, partner, catalogue)
    showcase = {reporter, partner} == {"IT", "BE"}
    # About 12 products per bn EUR at the bottom, flattening at the top, to keep ~50k rows.
    count = 600 if showcase else int(np.clip(round(12 * (totals.mean() / 1e9) ** 0.85), 2, 220))
    chosen = rng.choice(len(weight), size=count, replace=False, p=weight / weight.sum())
    if count >= 20 and rng.random() < 0.5:
        chapter_of = catalogue["CHAPTER"].to_numpy()
        hidden = np.unique(chapter_of[chosen[: rng.integers(1, 3)]])
        secret = np.flatnonzero(catalogue["confidential"].to_numpy())
        chosen = np.concatenate([chosen, secret[np.isin(chapter_of[secret], hidden)]])
    return chosen.astype(np.int64)


def _pair_rows(
    reporter: str, partner: str, flow: int, seed: int, catalogue: pl.DataFrame
) -> Iterator[tuple[int, _Block]]:
    """Yield (year, rows) of one reporter, partner and flow for every demo year."""
    codes, _ = partners()
    rng = np.random.default_rng(_stable_seed(seed, reporter, partner, flow))
    totals = _pair_totals(reporter, partner, flow, rng)
    product = _pair_products(reporter, partner, totals, rng, catalogue)
    weight = _pair_weights(reporter, partner, catalogue)[product]
    share = np.where(weight > 0, weight, weight.max() * 0.002) * rng.lognormal(0, 1.0, len(product))
    stat = rng.choice(np.array([1, 2, 3]), size=len(product), p=[0.95, 0.04, 0.01])
    price = catalogue["PRICE"].to_numpy()[product] * rng.lognormal(0.0, 0.6, len(product))
    keep_always = share >= np.quantile(share, 0.9)
    for year, total in zip(DEMO_YEARS, totals, strict=True):
        present = keep_always | (rng.random(len(product)) < 0.93)
        yearly = share * rng.lognormal(0.0, 0.25, len(product)) * present
        value = np.maximum(np.round(total * yearly / yearly.sum()), 1).astype(np.int64)[present]
        size = int(present.sum())
        yield (
            year,
            _Block(
                np.full(size, codes.index(reporter)),
                np.full(size, codes.index(partner)),
                product[present],
                np.full(size, flow),
                stat[present],
                value,
                np.round(value / price[present]).astype(np.int64),
            ),
        )


def _concat(blocks: list[_Block]) -> _Block:
    fields = ("reporter", "partner", "product", "flow", "stat", "value", "kg")
    return _Block(*(np.concatenate([getattr(block, name) for block in blocks]) for name in fields))


def write_demo_files(directory: Path, *, seed: int = 2021) -> list[Path]:
    """Write synthetic annual full_v2 files `full_v2_{YEAR}52.dat` for 2017-2023.

    Reporters AT, BE, DE, ES, FR, IT and NL; every partner; both flows; products in 49 CN
    chapters; rows in the published order (reporter, partner, product, flow). Italy exports
    15-19 bn EUR a year to Belgium and imports 17-24 bn, with a dip in 2020, led by chemicals
    and pharmaceuticals, machinery, plastics and vehicles. The same seed gives the same bytes.
    """
    codes, _ = partners()
    catalogue = product_catalogue(_DEMO_PRODUCTS)
    by_year: dict[int, list[_Block]] = {year: [] for year in DEMO_YEARS}
    for reporter in DEMO_REPORTERS:
        for partner in codes:
            if partner == reporter:
                continue
            for flow in (1, 2):
                for year, block in _pair_rows(reporter, partner, flow, seed, catalogue):
                    by_year[year].append(block)
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for year, blocks in by_year.items():
        frame = _frame(_concat(blocks), f"{year}52", catalogue)
        frame = frame.sort("REPORTER", "PARTNER", "PRODUCT_NC", "FLOW", "STAT_PROCEDURE")
        path = directory / f"full_v2_{year}52.dat"
        with path.open("wb") as handle:
            _write_header(handle)
            _append(frame, handle)
        paths.append(path)
    return paths
