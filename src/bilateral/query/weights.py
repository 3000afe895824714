"""Trade weights of product codes: what the store holds of each code in a year."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bilateral.query.compiled import compiled_sql
from bilateral.query.tables import table
from bilateral.query.totals import product_level

if TYPE_CHECKING:
    import ibis
else:
    from bilateral.query.lazy_ibis import ibis


@compiled_sql
def product_weights_sql(year: int, digits: int, *, dialect: str) -> str:
    """Return the SQL of the value traded in `year` under each product code cut to `digits`.

    Detailed lines count (CN8 and HS6, every source, reporter and partner); confidential codes
    (`39XXXXXX`) are left out, since their subheading is unknown.
    """
    flows = table("flows")
    detailed = product_level(flows).isin(["CN8", "HS6"])
    chosen = flows.filter((flows.year == year) & detailed & ~flows.product.contains("X"))
    weights = chosen.group_by(product=chosen.product.substr(0, digits)).aggregate(
        weight=chosen.value.sum()
    )
    return str(ibis.to_sql(weights.order_by("product"), dialect=dialect))
