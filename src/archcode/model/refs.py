"""Where a model's references are, found once per class from the field annotations."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

from pydantic import BaseModel

from archcode.model.base import RefTo

Path = tuple[str | int, ...]


@cache
def _ref_fields(cls: type[BaseModel]) -> tuple[tuple[str, RefTo | None], ...]:
    """Fields that hold references (RefTo) or nested models that may hold some (None)."""
    found: list[tuple[str, RefTo | None]] = []
    for name, info in cls.model_fields.items():
        marks = [m for m in info.metadata if isinstance(m, RefTo)]
        if marks:
            found.append((name, marks[0]))
        elif _may_nest_refs(info.annotation):
            found.append((name, None))
    return tuple(found)


def _may_nest_refs(annotation: Any) -> bool:
    args = getattr(annotation, "__args__", ())
    candidates = [annotation, *args]
    for arg in args:
        candidates.extend(getattr(arg, "__args__", ()))
    return any(
        isinstance(c, type) and issubclass(c, BaseModel) and _has_refs(c) for c in candidates
    )


@cache
def _has_refs(cls: type[BaseModel]) -> bool:
    return bool(_ref_fields(cls))


def iter_refs(model: BaseModel, path: Path = ()) -> Iterator[tuple[Path, RefTo, str]]:
    """Every (path, reference mark, target id) in a model, nested models included."""
    for name, mark in _ref_fields(type(model)):
        value = getattr(model, name)
        if value is None:
            continue
        if mark is not None:
            if isinstance(value, str):
                yield (*path, name), mark, value
            else:
                for index, item in enumerate(value):
                    yield (*path, name, index), mark, item
        elif isinstance(value, BaseModel):
            yield from iter_refs(value, (*path, name))
        elif isinstance(value, list | tuple):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from iter_refs(item, (*path, name, index))
        elif isinstance(value, dict):
            for key, item in value.items():
                if isinstance(item, BaseModel):
                    yield from iter_refs(item, (*path, name, key))
