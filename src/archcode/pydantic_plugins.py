"""Pydantic's plugin search, not even prepared when plugins are off.

When the first model is built, pydantic imports ``pydantic.plugin._loader`` to ask it for
plugins, and that module's first lines import ``importlib.metadata`` (with it zipfile, email,
csv, shutil and tempfile) to read every installed distribution's entry points: 10 to 25 ms of a
small `archcode check`, paid even when PYDANTIC_DISABLE_PLUGINS says that no plugin is wanted,
in which case the loader answers "none" without using any of it.

`skip_plugin_search` puts a stand-in for that module in ``sys.modules`` when plugins are off:
it answers "none" the same way while they stay off, and hands everything else (plugins turned
back on, any other name pydantic may ask the module for) to the real loader, imported then.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import os
import sys
import types
from collections.abc import Iterable
from typing import Any

LOADER = "pydantic.plugin._loader"
# The values for which pydantic's own loader returns no plugin at all (pydantic/plugin/_loader.py).
ALL_OFF = frozenset({"__all__", "1", "true"})


def plugins_off() -> bool:
    return os.environ.get("PYDANTIC_DISABLE_PLUGINS") in ALL_OFF


def skip_plugin_search() -> bool:
    """Install the stand-in loader, unless plugins are on or pydantic already has its loader."""
    if not plugins_off() or LOADER in sys.modules:
        return False
    stand_in = types.ModuleType(LOADER, __doc__)
    stand_in.get_plugins = _get_plugins  # type: ignore[attr-defined]
    stand_in.__getattr__ = _from_real_loader  # type: ignore[method-assign]
    sys.modules[LOADER] = stand_in
    return True


def _get_plugins() -> Iterable[Any]:
    if plugins_off():
        return ()
    return _real_loader().get_plugins()  # type: ignore[no-any-return]


def _from_real_loader(name: str) -> Any:
    if name.startswith("__"):  # the import system asks a module for __path__ and the like
        raise AttributeError(name)
    return getattr(_real_loader(), name)


_loaded: list[types.ModuleType] = []


def _real_loader() -> types.ModuleType:
    """pydantic's own loader module, imported under its name beside the stand-in."""
    if not _loaded:
        import pydantic.plugin

        # PathFinder, not importlib.util.find_spec: that one would answer with the stand-in.
        spec = importlib.machinery.PathFinder.find_spec(LOADER, list(pydantic.plugin.__path__))
        if spec is None or spec.loader is None:  # pragma: no cover - pydantic moved its loader
            raise ImportError(f"{LOADER} not found in {pydantic.plugin.__path__}")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        _loaded.append(module)
    return _loaded[0]
