"""What every query endpoint shares: the request, the served store, `as_of` and the format.

An endpoint takes `Asked` and its own options, and answers with `Asked.answer`: the question
of the Python API, the CLI's JSON document (or CSV lines) and the download's name.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Request, Response

from bilateral.web.api.parameters import AsOf
from bilateral.web.api.respond import FormatParameter, Records, Served, answer

T = TypeVar("T")


def records_of(result: Any) -> Records:
    """Return a result's CSV records (its `records()`)."""
    records: Records = result.records()
    return records


class Asking:
    """A query request: where it came from, the store it asks, as of when, in which format."""

    def __init__(
        self, request: Request, state: Served, as_of: AsOf = None, output: FormatParameter = "json"
    ) -> None:
        self.request = request
        self.state = state
        self.as_of = as_of
        self.output = output

    def answer(
        self,
        question: Callable[[Any], T],  # a Store's method; its arguments it checks itself
        document: Callable[[T], Any],
        name: str,
        records: Callable[[T], Records] = records_of,
    ) -> Response:
        """Ask `question` and answer its document (or CSV lines, downloaded as `name`.csv)."""
        return answer(self.request, self.state, question, document, records, self.output, name)


Asked = Annotated[Asking, Depends()]
