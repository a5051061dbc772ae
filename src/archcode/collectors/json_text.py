"""JSON input (a CloudFormation template, a Terraform plan) into plain data, or one problem.

Bounded like the YAML readers: nesting deeper than ``MAX_JSON_DEPTH`` (the importers walk
values recursively), integer literals longer than Python converts (4,300 digits) and lone
surrogate escapes (text no output could encode) are problems at their line and column.
"""

from __future__ import annotations

import json
import re
from typing import Any

from archcode.errors import InputError, Problem

# Far deeper than any real template or plan (nested modules and blocks stay under 40 levels),
# shallow enough for the importers' recursive walks to stay clear of Python's recursion limit.
MAX_JSON_DEPTH = 128

# The last document format detection parsed, kept for the loader that reads the same text next
# (a big plan is parsed once, not twice). One entry, handed over once.
_parsed: list[tuple[str, Any]] = []

# Tokens that matter for positions: strings (skipped whole, with their escapes) and brackets.
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')
_LONG_INT = re.compile(r'"(?:[^"\\]|\\.)*"|-?[0-9]{4301,}')
# A \uD800-\uDFFF escape after an even number of backslashes (an odd one escapes the backslash).
_SURROGATE = re.compile(r"(?<!\\)(?:\\\\)*\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_HIGH_LOW = re.compile(r"\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}")


def parse_for_detection(text: str) -> Any:
    """json.loads, keeping the result for the ``load_json`` of the same text that follows."""
    data = json.loads(text)
    _parsed[:] = [(text, data)]
    return data


def forget_parsed() -> None:
    """Drop what ``parse_for_detection`` kept, when no ``load_json`` will take it."""
    _parsed.clear()


def load_json(text: str, name: str) -> Any:
    """The parsed document; bad JSON is an input error at its line and column."""
    data = _handed_over(text)
    if data is _NOTHING:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(
                [Problem(name, f"not valid JSON: {exc.msg}", exc.lineno, exc.colno)]
            ) from None
        except RecursionError:  # json's own nesting limit
            raise _too_deep(text, name) from None
        except ValueError:  # an integer literal past Python's conversion limit
            raise _long_int(text, name) from None
    if not _depth_within(data, MAX_JSON_DEPTH):
        raise _too_deep(text, name)
    if "\\u" in text:
        _check_surrogates(text, name)
    return data


_NOTHING: Any = object()


def _handed_over(text: str) -> Any:
    if _parsed:
        ((seen, data),) = _parsed
        _parsed.clear()
        if seen is text:
            return data
    return _NOTHING


def _depth_within(data: Any, limit: int) -> bool:
    """Whether no container nests deeper than limit; iterative (the depth is the input's)."""
    if type(data) is not dict and type(data) is not list:
        return True
    stack: list[tuple[Any, int]] = [(data, 1)]
    pop, push = stack.pop, stack.append
    while stack:
        value, depth = pop()
        items = value.values() if type(value) is dict else value
        for item in items:
            if type(item) is dict or type(item) is list:
                if depth >= limit:
                    return False
                push((item, depth + 1))
    return True


def _at(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - text.rfind("\n", 0, offset)


def _too_deep(text: str, name: str) -> InputError:
    depth = 0
    for match in _TOKEN.finditer(text):
        token = match.group(0)
        if token in ("[", "{"):
            depth += 1
            if depth > MAX_JSON_DEPTH:
                line, column = _at(text, match.start())
                return InputError(
                    [Problem(name, f"nested deeper than {MAX_JSON_DEPTH} levels", line, column)]
                )
        elif token in ("]", "}"):
            depth -= 1
    return InputError([Problem(name, f"nested deeper than {MAX_JSON_DEPTH} levels")])


def _long_int(text: str, name: str) -> InputError:
    message = "integer literal longer than 4300 digits"
    for match in _LONG_INT.finditer(text):
        if not match.group(0).startswith('"'):
            return InputError([Problem(name, message, *_at(text, match.start()))])
    return InputError([Problem(name, message)])


def _check_surrogates(text: str, name: str) -> None:
    """Refuse a \\uD8xx-\\uDFxx escape that is not half of a pair (it encodes no character)."""
    for match in _SURROGATE.finditer(text):
        start = match.end() - 6
        if _HIGH_LOW.match(text, start):
            continue  # a high surrogate with its low one: one character
        if start >= 6 and text[start + 3].lower() in "cdef" and _HIGH_LOW.match(text, start - 6):
            continue  # the low half of such a pair
        line, column = _at(text, start)
        message = "a lone surrogate escape (\\ud800-\\udfff) is no character"
        raise InputError([Problem(name, message, line, column)])
