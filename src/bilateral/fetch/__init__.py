"""Fetch what a question needs from the publishers, cache it, and hand it to the store.

`Fetcher` does the HTTP (cache, resume, retries); one module per publisher's service builds
its `Request`s and checks its answers (`comext_bulk`, `comtrade_api`, ...).
"""

from bilateral.fetch.cache import Fetched, Request
from bilateral.fetch.client import Fetcher, Progress, default_cache_dir

__all__ = ["Fetched", "Fetcher", "Progress", "Request", "default_cache_dir"]
