"""Compute a derived view once per rules run, without touching the shared Context class."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TypeVar
from weakref import WeakKeyDictionary

from archcode.rules.context import Context

T = TypeVar("T")


def per_context(build: Callable[[Context], T]) -> Callable[[Context], T]:
    """Cache ``build(ctx)`` for the lifetime of ``ctx`` (one evaluation run)."""
    cache: WeakKeyDictionary[Context, T] = WeakKeyDictionary()

    @wraps(build)
    def cached(ctx: Context) -> T:
        if ctx not in cache:
            cache[ctx] = build(ctx)
        return cache[ctx]

    return cached
