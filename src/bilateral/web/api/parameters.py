"""The query parameters the API's endpoints share, named and described as the CLI's options.

Their values are checked by the api layer (`bilateral.api.arguments`), as the CLI's are.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query

from bilateral.years import FIRST_YEAR, LAST_YEAR

Reporter = Annotated[
    str, Path(description="First territory: a name or code (Italy, IT, ITA, ITH5, EU).")
]
Partner = Annotated[
    str, Path(description="Second territory: a name or code (Belgium, Belgio, BE, WORLD).")
]
Years = Annotated[
    str | None,
    Query(description="2021, 2019-2021 or 2019,2021 (default: all the store holds)."),
]
Year = Annotated[
    int,
    Query(
        description="Year, e.g. 2021.",
        json_schema_extra={"minimum": FIRST_YEAR, "maximum": LAST_YEAR},
    ),
]
Currency = Annotated[
    str | None,
    Query(description="Convert to EUR, USD, ... at each period's ECB average rate."),
]
AsOf = Annotated[
    str | None,
    Query(description="Store version or ISO date to read as of (store history lists them)."),
]
