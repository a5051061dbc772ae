"""Keep what a source read when one entry of a map does not fit the model."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any, get_origin

from pydantic import BaseModel


@cache
def _map_fields(model: type[BaseModel]) -> frozenset[str]:
    return frozenset(n for n, f in model.model_fields.items() if get_origin(f.annotation) is dict)


def null_bad_entries(
    model: type[BaseModel], fields: Mapping[str, Any], errors: Iterable[Mapping[str, Any]]
) -> tuple[dict[str, Any], list[str]]:
    """The fields with each refused entry of a map field set to None, and the entries' paths.

    One inline policy the model cannot hold is then "not read" (None) while its siblings stay
    known; whether None fits is the model's to say on the next validation (a map whose values
    cannot be None is then dropped whole, as any other refused field).
    """
    maps = _map_fields(model)
    out = dict(fields)
    changed: list[str] = []
    for error in errors:
        loc: tuple[Any, ...] = tuple(error.get("loc") or ())
        if len(loc) < 2 or loc[0] not in maps or not isinstance(loc[1], str):
            continue
        field, key = str(loc[0]), loc[1]
        value = out.get(field)
        if isinstance(value, dict) and value.get(key) is not None:
            out[field] = {**value, key: None}
            changed.append(f"{field}.{key}")
    return out, changed
