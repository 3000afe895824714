"""Specialisation and trade-pattern indices: RCA, complementarity, similarity, intensity, share.

Every function takes trade values in one currency and unit (their scale cancels out), returns
None when the index is undefined (a zero denominator), and raises InvalidArgumentError for a
negative, infinite or NaN value, or for a part larger than its whole. Product-level functions
take mappings from product code to value; a code missing from one mapping counts as zero.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from bilateral.indicators._amounts import DIGITS, amount, amounts, part_of, shares


def rca(
    country_product: float | None,
    country_total: float | None,
    world_product: float | None,
    world_total: float | None,
) -> float | None:
    """Return Balassa's revealed comparative advantage of a country in one product.

    RCA = (x_cp / X_c) / (x_wp / X_w): the product's share in the country's exports over its
    share in world (or any reference group's) exports. Above 1 the country is revealed to be
    specialised in the product. None when a value is missing or a denominator (X_c, x_wp,
    X_w) is zero.

    Reference: Balassa, B. (1965), "Trade liberalisation and 'revealed' comparative advantage",
    The Manchester School 33(2), 99-123; WITS, "Trade Indicators" glossary; UNCTAD/WTO (2012),
    A Practical Guide to Trade Policy Analysis, chapter 1, B.3.

    Pharmaceuticals are 6% of the country's exports and 3% of world exports:

    >>> rca(30.0, 500.0, 600.0, 20_000.0)
    2.0

    A country with no exports has no RCA:

    >>> rca(0.0, 0.0, 600.0, 20_000.0) is None
    True
    """
    if country_product is None or country_total is None:
        return None
    if world_product is None or world_total is None:
        return None
    x_cp = amount("country_product", country_product)
    x_c = amount("country_total", country_total)
    x_wp = amount("world_product", world_product)
    x_w = amount("world_total", world_total)
    part_of("country_product", x_cp, "country_total", x_c)
    part_of("world_product", x_wp, "world_total", x_w)
    if x_c == 0 or x_wp == 0 or x_w == 0:
        return None
    return round((x_cp / x_c) / (x_wp / x_w), DIGITS)


def rca_by_product(
    country: Mapping[str, float], world: Mapping[str, float]
) -> dict[str, float | None]:
    """Return the Balassa RCA of every product, with totals taken as the mappings' sums.

    `country` and `world` map product codes to export values; the result has every code of
    either, world's codes first. A product the country does not export has RCA 0; a product
    with no world exports has None, as has every product when either total is zero.

    >>> rca_by_product({"21": 30.0, "84": 70.0}, {"21": 100.0, "84": 900.0})
    {'21': 3.0, '84': 0.777777777778}
    """
    exports = amounts("country", country)
    reference = amounts("world", world)
    country_total = math.fsum(exports.values())
    world_total = math.fsum(reference.values())
    codes = list(reference) + [code for code in exports if code not in reference]
    return {
        code: rca(exports.get(code, 0.0), country_total, reference.get(code, 0.0), world_total)
        for code in codes
    }


def complementarity(
    exports_of_a: Mapping[str, float], imports_of_b: Mapping[str, float]
) -> float | None:
    """Return Michaely's trade complementarity index of a's exports with b's imports, 0-100.

    TC = 100 * (1 - sum_k |m_bk - x_ak| / 2), where x_ak is product k's share in a's exports
    and m_bk its share in b's imports. 100 when a exports exactly what b imports, in the same
    proportions; 0 when they have no product in common. None when either side has no trade.
    Numerically it is the overlap that `export_similarity` measures, here between a's exports
    and b's imports.

    Reference: Michaely, M. (1996), "Trade preferential agreements in Latin America: an ex-ante
    assessment", World Bank Policy Research Working Paper 1583; WITS, "Trade Indicators"
    glossary (trade complementarity index).

    >>> complementarity({"28": 50.0, "29": 50.0}, {"28": 20.0, "29": 30.0, "10": 50.0})
    50.0
    """
    x = shares("exports_of_a", exports_of_a)
    m = shares("imports_of_b", imports_of_b)
    if x is None or m is None:
        return None
    distance = math.fsum(abs(m.get(code, 0.0) - x.get(code, 0.0)) for code in x.keys() | m)
    return round(100 * (1 - distance / 2), DIGITS)


def export_similarity(
    exports_a: Mapping[str, float], exports_b: Mapping[str, float]
) -> float | None:
    """Return the Finger-Kreinin export similarity index of two exporters, 0-100.

    S = 100 * sum_k min(x_ak, x_bk), where x_ak is product k's share in a's exports. 100 when
    the two export the same products in the same proportions, 0 when they share no product.
    Symmetric in a and b. The original compares exports to a common market (pass a's and b's
    exports to that market) or to the world. None when either side has no exports.

    Reference: Finger, J. M. and Kreinin, M. E. (1979), "A measure of 'export similarity' and
    its possible uses", The Economic Journal 89(356), 905-912.

    >>> export_similarity({"28": 60.0, "29": 40.0}, {"28": 20.0, "29": 30.0, "10": 50.0})
    50.0
    """
    a = shares("exports_a", exports_a)
    b = shares("exports_b", exports_b)
    if a is None or b is None:
        return None
    overlap = math.fsum(min(share, b[code]) for code, share in a.items() if code in b)
    return round(100 * overlap, DIGITS)


def trade_intensity(
    exports_to_partner: float | None,
    total_exports: float | None,
    partner_imports: float | None,
    world_imports: float | None,
    *,
    reporter_imports: float | None = None,
) -> float | None:
    """Return the trade intensity index of a reporter's exports to a partner.

    TI = (x_ab / X_a) / (M_b / M_w): the partner's share in the reporter's exports over the
    partner's share in world imports. Above 1 the reporter exports more to the partner than
    the partner's weight in world trade predicts. WITS and the Practical Guide write the
    denominator as world exports to the partner over world exports (x_wb / X_w); at world
    level these equal M_b / M_w up to CIF/FOB valuation and reporting asymmetries, so pass
    either pair. Given `reporter_imports` (M_a), the denominator becomes M_b / (M_w - M_a):
    the variant that leaves out the reporter's own imports, since it cannot export to itself.
    None when a value is missing or a denominator is zero.

    References: Brown, A. J. (1949), Applied Economics: Aspects of the World Economy in War and
    Peace; Kojima, K. (1964), "The pattern of international trade among advanced countries",
    Hitotsubashi Journal of Economics 5(1), 16-36; Yamazawa, I. (1971), "Structural changes in
    world trade flows", Hitotsubashi Journal of Economics 11(2), 11-21 (this importer-side
    form); WITS, "Trade Indicators" glossary; UNCTAD/WTO (2012), A Practical Guide to Trade
    Policy Analysis, chapter 1, B.4.

    The partner takes 10% of the reporter's exports and 5% of world imports:

    >>> trade_intensity(10.0, 100.0, 500.0, 10_000.0)
    2.0
    >>> trade_intensity(10.0, 100.0, 500.0, 10_000.0, reporter_imports=1_000.0)
    1.8
    """
    if exports_to_partner is None or total_exports is None:
        return None
    if partner_imports is None or world_imports is None:
        return None
    x_ab = amount("exports_to_partner", exports_to_partner)
    x_a = amount("total_exports", total_exports)
    m_b = amount("partner_imports", partner_imports)
    m_w = amount("world_imports", world_imports)
    part_of("exports_to_partner", x_ab, "total_exports", x_a)
    if reporter_imports is not None:
        m_a = amount("reporter_imports", reporter_imports)
        part_of("reporter_imports", m_a, "world_imports", m_w)
        m_w = max(m_w - m_a, 0.0)
    part_of("partner_imports", m_b, "world_imports less reporter_imports", m_w)
    if x_a == 0 or m_b == 0 or m_w == 0:
        return None
    return round((x_ab / x_a) / (m_b / m_w), DIGITS)


def market_share(
    reporter_exports_to_partner: float | None, partner_total_imports: float | None
) -> float | None:
    """Return the reporter's share of the partner's imports, as a fraction in [0, 1].

    share = x_ab / M_b. Both figures are best taken from the partner's side (its imports from
    the reporter over its total imports, a mirror figure), so that they share one valuation
    (CIF) and one set of rules; mixing reporters can make the part exceed the whole, which is
    an error. None when a value is missing or the partner has no imports.

    Reference: WITS, "Trade Indicators" glossary (import market share).

    >>> market_share(18.0, 450.0)
    0.04
    >>> market_share(0.0, 0.0) is None
    True
    """
    if reporter_exports_to_partner is None or partner_total_imports is None:
        return None
    x_ab = amount("reporter_exports_to_partner", reporter_exports_to_partner)
    m_b = amount("partner_total_imports", partner_total_imports)
    part_of("reporter_exports_to_partner", x_ab, "partner_total_imports", m_b)
    if m_b == 0:
        return None
    return round(x_ab / m_b, DIGITS)
