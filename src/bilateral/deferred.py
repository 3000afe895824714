"""Libraries imported at their first use rather than where a module names them.

`polars = deferred("polars")` binds a stand-in that imports polars when one of its attributes
is first read, then holds polars' names itself, so that later reads cost what a module's do.
A module that needs a library only in some of its functions names it at the top as usual,
and the commands that never call those functions do not pay for its import. Unlike
`importlib.util.LazyLoader`, nothing is put in `sys.modules` before the real import, and the
first use from several threads at once is safe (the import system locks the import).

>>> json = deferred("json")
>>> json.dumps([1])
'[1]'
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any


class DeferredModule(ModuleType):
    """A module imported when an attribute of it is first read."""

    def __getattr__(self, attribute: str) -> Any:
        module = importlib.import_module(self.__name__)
        self.__dict__.update(vars(module))
        return getattr(module, attribute)


def deferred(name: str) -> ModuleType:
    """Return module `name`: itself if it is imported already, else a `DeferredModule`."""
    import sys

    loaded = sys.modules.get(name)
    return loaded if loaded is not None else DeferredModule(name)
