"""Pause Python's cyclic garbage collector while building many long-lived objects.

Loading a model, importing a template and running the rules each create hundreds of thousands
of objects that all stay alive; every collection would walk them all again, which made big
inputs several times slower and growth worse than linear (bench/README.md has the figures).
Reference counting still frees garbage meanwhile, and the collector resumes afterwards.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
