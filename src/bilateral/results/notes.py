"""A result's note: its English text, and what it says as data (a code and its values).

A `Note` is the string the command line prints and the JSON carries, so every consumer of
notes as text is unchanged; `code` and `values` let another language word the same note
(the web pages' catalogues do): territories as codes, years and amounts as numbers.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final


class Note(str):
    """A note's English text with its `code` and the `values` its wording needs."""

    code: str
    values: Mapping[str, Any]

    def __new__(cls, text: str, code: str, **values: Any) -> Note:
        note = super().__new__(cls, text)
        note.code = code
        note.values = dict(values)
        return note

    def __add__(self, other: str) -> Note:
        """Return the note with `other` appended to its text, its code and values kept."""
        return Note(str(self) + other, self.code, **self.values)

    def __reduce__(self) -> Any:
        return (_note, (str(self), self.code, dict(self.values)))


def _note(text: str, code: str, values: Mapping[str, Any]) -> Note:
    return Note(text, code, **values)


def code_of(note: str) -> str | None:
    """Return the code of `note`, or None for a note that is only text."""
    return note.code if isinstance(note, Note) else None


SYNTHETIC_NOTE: Final = Note(
    "SYNTHETIC DEMO DATA: these figures are made up, not official statistics.", "synthetic"
)
