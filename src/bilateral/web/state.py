"""The one store a running app serves, opened once and kept warm between requests."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from fastapi import Request

if TYPE_CHECKING:
    from bilateral.api import Store


@dataclass
class ServedStore:
    """The store an app serves and how it may be used."""

    root: Path
    store: Store
    allow_writes: bool = False
    token: str | None = None  # required by write requests when writes are allowed


def served(request: Request) -> ServedStore:
    """Return the store the app that took `request` serves (a FastAPI dependency)."""
    state: ServedStore = request.app.state.served
    return state


def store_of(request: Request) -> Store:
    """Return the warm `Store` behind `request`'s app (a FastAPI dependency)."""
    return served(request).store
