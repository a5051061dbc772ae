"""Mermaid ids and text: the generator, not the model, decides what reaches the parser.

Live resource names are attacker-controlled. Mermaid fails *silently* on several inputs (a raw
quote is dropped, a backslash is printed, ``A---oB`` becomes a circle edge, ``%%{init: ...}%%``
anywhere in the text is a directive), so a parse check cannot catch them: every label is quoted
and every character Mermaid or HTML could read as syntax is written as a Mermaid entity code
(``#35;``), and ids are generated, never taken from the model.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

# Characters with a meaning to Mermaid's lexer, its directive/markdown syntax, or HTML.
_ENTITIES = {
    '"': "#quot;",
    "#": "#35;",
    "%": "#37;",
    "&": "#amp;",
    "<": "#lt;",
    ">": "#gt;",
    "|": "#124;",
    "\\": "#92;",
    "`": "#96;",
    "[": "#91;",
    "]": "#93;",
    "{": "#123;",
    "}": "#125;",
}
_NEWLINES = re.compile(r"\r\n|[\n\r\u0085\u2028\u2029]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_NOT_ID = re.compile(r"[^A-Za-z0-9]+")


_TABLE = str.maketrans(_ENTITIES)


@lru_cache(maxsize=65_536)
def label(text: str) -> str:
    """One line of a label as the inside of a quoted Mermaid string (no quotes added)."""
    encoded = _CONTROL.sub(" ", text).translate(_TABLE)
    # In a label with a line break Mermaid reads a backslash-n, even entity-coded, as another
    # line break; an empty element between the two keeps the text as written.
    return encoded.replace("#92;n", "#92;<span></span>n")


def accessible(text: str) -> str:
    """Text for ``accTitle:`` / ``accDescr:`` (one line): mermaid.js decodes entity codes
    there, so a name is encoded as in a label (a ``%%`` directive stays text)."""
    return " ".join(_NEWLINES.sub(" ", _CONTROL.sub(" ", text)).split()).translate(_TABLE)


# What mermaid.js's sanitiser changes in a frontmatter title (it drops `<script>...` and shows
# `&` as `&amp;`): shown as their full-width look-alikes; accTitle keeps the exact text.
_TITLE_LOOKALIKES = str.maketrans({"<": "\uff1c", ">": "\uff1e", "&": "\uff06"})


def title_line(text: str) -> str:
    """A frontmatter ``title:`` as a YAML double-quoted (JSON) string, on one line."""
    one_line = " ".join(_NEWLINES.sub(" ", _CONTROL.sub(" ", text)).split())
    return "title: " + json.dumps(one_line.translate(_TITLE_LOOKALIKES), ensure_ascii=False)


def multiline(text: str) -> list[str]:
    """The lines of a name: a newline in a name is shown as a line break, never as syntax."""
    return _NEWLINES.split(text)


def quoted(lines: list[str]) -> str:
    return '"' + "<br/>".join(label(line) for line in lines) + '"'


class Ids:
    """Deterministic Mermaid ids: ``[A-Za-z][A-Za-z0-9_]*`` with a fixed prefix, never ``end``,
    never starting with ``o`` or ``x`` (which an edge would swallow), unique per diagram."""

    def __init__(self) -> None:
        self._by_key: dict[str, str] = {}
        self._used: set[str] = set()

    def __call__(self, prefix: str, key: str, hint: str | None = None) -> str:
        """The id for ``key``; ``hint`` (default: the key) is what the id is spelled from."""
        full = f"{prefix}:{key}"
        found = self._by_key.get(full)
        if found is not None:
            return found
        base = f"{prefix}_" + _NOT_ID.sub("_", key if hint is None else hint).strip("_")[:60]
        candidate, n = base, 1
        while candidate in self._used:
            n += 1
            candidate = f"{base}_{n}"
        self._used.add(candidate)
        self._by_key[full] = candidate
        return candidate
