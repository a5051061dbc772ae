"""Where a model's references are, found once per class from the field annotations."""

from __future__ import annotations

import re
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


# A reference may name something the model does not hold: a key in a central security account,
# a web ACL owned by Firewall Manager, subnet ids a template takes as given. Such a value is
# kept as written and counts as set; it is recognised by its AWS shape, so that a misspelled
# id of the document is still an error.
_OUTSIDE = re.compile(
    r"arn:aws[a-z-]*:[a-z0-9-]+:.*"  # any ARN
    r"|[a-z]+(?:-[a-z]+)?-[0-9a-f]{8}(?:[0-9a-f]{9})?"  # native ids: subnet-0abc..., sg-1234abcd
    r"|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"  # KMS key id, WAF Classic
    r"|mrk-[0-9a-f]{32}"  # multi-Region KMS key id
    r"|alias/[A-Za-z0-9/_-]+"  # KMS alias
    r"|\$\{[A-Za-z0-9:._-]+\}"  # a value known at deploy time only (a template parameter)
)


def is_outside(value: str) -> bool:
    """Whether a reference value names something outside the model (an ARN, an AWS id ...)."""
    return _OUTSIDE.fullmatch(value) is not None


def outside_account(value: str) -> str | None:
    """The account an outside ARN names, when it names one."""
    parts = value.split(":", 5)
    if len(parts) == 6 and parts[0] == "arn" and parts[4].isdigit():
        return parts[4]
    return None
