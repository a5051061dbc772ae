"""A unit's result as JSON text, and back: what a unit store keeps.

JSON, not pickle: a state directory or a shared database that someone else could write must
never be able to run code in the process that resumes from it. Values are those collectors
make (JSON scalars, lists, string-keyed mappings, `Handle`s, dates); a tuple comes back as a
list (the model takes either); anything else is refused when the result is stored, not
silently changed.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from archcode.collectors.aws.draft import Found, Handle, Link
from archcode.collectors.aws.units import Unit, UnitResult
from archcode.model.architecture import CoverageGap

FORMAT = 1
_HANDLE, _DATETIME, _DATE = "$handle", "$datetime", "$date"
_TAGS = (_HANDLE, _DATETIME, _DATE)


def _out(value: Any) -> Any:
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, Handle):
        return {_HANDLE: [value.value, value.account, value.region]}
    if isinstance(value, dict):
        if not all(isinstance(k, str) for k in value) or any(t in value for t in _TAGS):
            raise TypeError(f"a mapping with keys {sorted(map(repr, value))[:3]} cannot be kept")
        return {k: _out(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_out(v) for v in value]
    if isinstance(value, datetime):
        return {_DATETIME: value.isoformat()}
    if isinstance(value, date):
        return {_DATE: value.isoformat()}
    raise TypeError(f"a {type(value).__name__} value cannot be kept in a unit store")


def _in(value: Any) -> Any:
    if isinstance(value, list):
        return [_in(v) for v in value]
    if not isinstance(value, dict):
        return value
    if len(value) == 1:
        ((tag, body),) = value.items()
        if tag == _HANDLE:
            return Handle(*body)
        if tag == _DATETIME:
            return datetime.fromisoformat(body)
        if tag == _DATE:
            return date.fromisoformat(body)
    return {k: _in(v) for k, v in value.items()}


def _endpoint(value: Handle | str) -> Any:
    return _out(value)


def dumps(result: UnitResult) -> str:
    """The result, without its unit (the reader has it): the key says which unit it is."""
    body = {
        "format": FORMAT,
        "key": result.unit.key,
        "found": [[f.rid, f.kind, _out(f.fields), _out(f.handles)] for f in result.found],
        "links": [
            [_endpoint(k.source), _endpoint(k.target), k.protocol, k.port, k.label]
            for k in result.links
        ],
        "aliases": [[_out(a), _out(b)] for a, b in result.aliases],
        "outside": [[_out(h), value] for h, value in result.outside],
        "gaps": [g.model_dump(mode="json", exclude_none=True) for g in result.gaps],
        "calls": result.calls,
        "attempts": result.attempts,
        "failed": result.failed,
        "settings": _out(result.settings),
    }
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"))


def loads(text: str, unit: Unit) -> UnitResult | None:
    """The stored result of `unit`, or None when the text is not one (another unit's, an
    older format, damaged)."""
    try:
        body = json.loads(text)
        if body.get("format") != FORMAT or body.get("key") != unit.key:
            return None
        return UnitResult(
            unit,
            found=[
                Found(rid, kind, _in(fields), _in(handles))
                for rid, kind, fields, handles in body["found"]
            ],
            links=[Link(_in(s), _in(t), p, port, label) for s, t, p, port, label in body["links"]],
            aliases=[(_in(a), _in(b)) for a, b in body["aliases"]],
            outside=[(_in(h), value) for h, value in body["outside"]],
            gaps=[CoverageGap.model_validate(g) for g in body["gaps"]],
            calls=int(body["calls"]),
            attempts=int(body["attempts"]),
            failed=bool(body["failed"]),
            settings=_in(body["settings"]),
        )
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
