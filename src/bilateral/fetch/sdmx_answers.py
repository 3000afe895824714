"""What the SDMX services (Comext's, ISTAT's) answer besides data, shared by their fetchers.

sdmx1's registry of services gives the default base URLs. Both services say "no data" in one
of two ways: HTTP 404, or an SDMX-ML error message ("No results found", ISTAT's
"NoRecordsFound"); any other XML or HTML body where CSV was asked is a changed format.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Final

from bilateral.errors import FetchError, UpstreamFormatError

HEAD_BYTES: Final = 8192
_SDMX_TEXT: Final = re.compile(r"<(?:\w+:)?Text[^>]*>(.*?)</(?:\w+:)?Text>", re.S)
_TITLE: Final = re.compile(r"<title[^>]*>(.*?)</title>", re.S | re.I)
_NO_RESULTS: Final = ("no results found", "norecordsfound", "no records found")
_NO_RESULTS_COMPACT: Final = tuple({phrase.replace(" ", "") for phrase in _NO_RESULTS})


def sdmx_source_url(source: str) -> str:
    """Return the base URL that sdmx1's registry of SDMX services gives `source`.

    >>> sdmx_source_url("ISTAT"), sdmx_source_url("ESTAT_COMEXT")[-29:]
    ('https://esploradati.istat.it/SDMXWS/rest', 'comext/dissemination/sdmx/2.1')
    """
    from sdmx.source import sources  # imported here: sdmx takes half a second to import

    return str(sources[source].url)


def no_results(error: FetchError) -> bool:
    """Say whether a fetch error is an SDMX service's answer to an empty query.

    That is an HTTP 404 whose body is empty or says "no results"; a 404 page in HTML (a wrong
    address or base URL) is not.

    >>> no_results(FetchError("u", "HTTP 404", status=404, body="<message:Error>No Results Found"))
    True
    >>> no_results(FetchError("u", "HTTP 404", status=404, body="<!DOCTYPE html><h1>Not Found"))
    False
    """
    if type(error) is not FetchError or error.status != 404:
        return False
    body = (error.body or "").strip().lower()
    return not body or any(phrase in body.replace(" ", "") for phrase in _NO_RESULTS_COMPACT)


def read_head(path: Path) -> str:
    """Return the start of a body as text, without a BOM or leading blanks."""
    with path.open("rb") as stream:
        return stream.read(HEAD_BYTES).decode("utf-8-sig", errors="replace").lstrip()


def check_markup(text: str, url: str, expected: str) -> None:
    """Accept an SDMX "no results" message; raise `UpstreamFormatError` for other XML or HTML.

    >>> check_markup("<message:Error><common:Text>No Results Found</common:Text>", "u", "CSV")
    >>> check_markup("<!DOCTYPE html><title>Down</title>", "u", "CSV")
    Traceback (most recent call last):
    ...
    bilateral.errors.UpstreamFormatError: cannot download u: the publisher's answer is not in \
the format expected: an HTML page ('Down'), expected CSV
    """
    lowered = text[:2000].lower()
    if "<html" in lowered or "<!doctype html" in lowered:
        title = _TITLE.search(text)
        seen = "an HTML page" + (f" ({title.group(1).strip()[:120]!r})" if title else "")
        raise UpstreamFormatError(url, seen, expected)
    messages = [" ".join(found.split()) for found in _SDMX_TEXT.findall(text)]
    if any(phrase in message.lower() for message in messages for phrase in _NO_RESULTS):
        return
    if "error" in lowered:
        said = "; ".join(messages)[:300] or "no text"
        raise UpstreamFormatError(url, f"an SDMX error message ({said})", expected)
    raise UpstreamFormatError(url, "an XML document", expected)
