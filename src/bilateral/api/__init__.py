"""The facade: `bilateral.open(...)` returns a `Store`; every query is a method of it."""

from bilateral.api.base import AsOf, Years
from bilateral.api.store import Store, open

__all__ = ["AsOf", "Store", "Years", "open"]
