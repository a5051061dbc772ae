"""Per-kind pricers: one function per charged kind of the registry, keyed by kind.

A pricer turns one resource and its usage into cost lines. Every kind the registry marks
``charged`` has one (a test holds that); kinds AWS does not charge for have none.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any, TypeVar

from archcode.cost.context import PricingContext
from archcode.cost.report import CostLine

Pricer = Callable[[Any, PricingContext], list[CostLine]]
PRICERS: dict[str, Pricer] = {}
F = TypeVar("F", bound=Pricer)


def pricer(*kinds: str) -> Callable[[F], F]:
    def register(function: F) -> F:
        for kind in kinds:
            PRICERS[kind] = function
        return function

    return register


def _load() -> None:
    # Importing the modules registers their pricers.
    for module in ("compute", "data", "integration", "network", "operations", "security"):
        importlib.import_module(f"archcode.cost.pricers.{module}")


_load()
