"""The closed sets of values an argument can take, in a module that imports nothing heavy.

The command line builds its options from these types before any data library is loaded; the
modules that use a value (queries, results, renderers) import the same types from here.
"""

from __future__ import annotations

from typing import Literal

Flow = Literal["export", "import"]
# A series may show both flows side by side.
SeriesFlow = Literal["export", "import", "both"]
# A: annual; M: monthly.
Frequency = Literal["M", "A"]
# Product sectors: CPA 2.1 divisions, HS chapters/headings/subheadings, CN8, SITC, BEC.
Scheme = Literal["cpa", "hs2", "hs4", "hs6", "cn8", "sitc", "bec"]
# Digits of a product code.
Depth = Literal[2, 4, 6, 8]
# Languages of product and sector titles.
Language = Literal["en", "it"]
OutputFormat = Literal["table", "json", "csv"]
CheckFormat = Literal["table", "json", "html"]
