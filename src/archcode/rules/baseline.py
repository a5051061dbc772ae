"""Baselines: the fingerprints of findings already known, so that CI reports only new ones."""

from __future__ import annotations

import json
from collections.abc import Sequence

from archcode.errors import InputError, Problem
from archcode.io import read_text, write_output
from archcode.rules.findings import Finding

BASELINE_FORMAT = 1


def baseline_text(findings: Sequence[Finding]) -> str:
    """The open (FAIL or UNKNOWN, not waived) findings as a sorted, diff-friendly JSON file."""
    entries = {
        f.fingerprint: {"fingerprint": f.fingerprint, "rule": f.rule.id, "resource": f.resource}
        for f in findings
        if f.open
    }
    document = {
        "archcode_baseline": BASELINE_FORMAT,
        "findings": [entries[k] for k in sorted(entries)],
    }
    return json.dumps(document, indent=2) + "\n"


def write_baseline(path: str, findings: Sequence[Finding]) -> None:
    write_output(path, baseline_text(findings))


def read_baseline(path: str) -> frozenset[str]:
    """The fingerprints of a baseline file, or InputError saying what is wrong with it."""
    name, text = read_text(path)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError([Problem(name, f"not JSON: {exc.msg}", exc.lineno, exc.colno)]) from None
    if not isinstance(document, dict) or document.get("archcode_baseline") != BASELINE_FORMAT:
        raise InputError(
            [Problem(name, "not an archcode baseline (written by check --write-baseline)")]
        )
    entries = document.get("findings")
    if not isinstance(entries, list) or not all(
        isinstance(e, dict) and isinstance(e.get("fingerprint"), str) for e in entries
    ):
        raise InputError([Problem(name, "findings: a list of {fingerprint, rule, resource}")])
    return frozenset(e["fingerprint"] for e in entries)
