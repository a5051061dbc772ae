"""Making a validated model smaller in memory without changing what it says.

Pydantic keeps on every model instance the set of field names its input gave
(``model_fields_set``): a set of 5 to 20 names costs 200 to 700 bytes, about a third of a
validated resource. Frozen models given the same fields can share one set: pydantic changes
that set only when a field is assigned, which a frozen model refuses, and a copy
(``model_copy``) gets its own.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from pydantic import BaseModel


def share_fields_sets(root: BaseModel) -> None:
    """Let the frozen models in ``root`` with equal ``model_fields_set`` share one set object."""
    shared: dict[frozenset[str], set[str]] = {}
    pending: list[Any] = [root]
    while pending:
        value = pending.pop()
        if isinstance(value, BaseModel):
            if value.model_config.get("frozen"):
                own = value.__pydantic_fields_set__
                one = shared.setdefault(frozenset(own), own)
                if one is not own:
                    object.__setattr__(value, "__pydantic_fields_set__", one)
            fields = value.__dict__
            pending.extend(fields[name] for name in _model_fields(type(value)))
        elif isinstance(value, dict):
            pending.extend(value.values())
        elif isinstance(value, list | tuple):
            pending.extend(value)


@cache
def _model_fields(cls: type[BaseModel]) -> tuple[str, ...]:
    """Fields whose annotation can hold a model (directly, in a list, dict or union)."""
    return tuple(
        name for name, info in cls.model_fields.items() if _may_hold_model(info.annotation)
    )


def _may_hold_model(annotation: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_may_hold_model(arg) for arg in getattr(annotation, "__args__", ()))
