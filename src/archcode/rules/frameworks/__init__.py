"""The compliance standards rules map to (Security Hub FSBP, CIS v3.0), and how much of each the
rules cover.

The standards are package data (security_hub.csv: every Security Hub control known, flagged
when it belongs to FSBP; cis.csv: the CIS recommendations; ids, titles, resource types, with
their sources in the files' headers). Control ids match case-insensitively: AWS spells some
"Opensearch.1" and "Autoscaling.5", other tools "OpenSearch.1".

A control "applies to the model" when one of its resource types is a kind's (the registry's
``KindSpec.resource_types``) or it judges the account; it is "in scope" when it also falls in
one of the six categories the rules judge. A rule covers a control by naming it in its
``frameworks``; coverage.csv says where that cover is partial and why a control has no rule.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Literal

from archcode.model.registry import KINDS
from archcode.rules.base import Category, Rule

StandardName = Literal["fsbp", "cis"]
STANDARDS: tuple[StandardName, ...] = ("fsbp", "cis")
TITLES: dict[StandardName, str] = {
    "fsbp": "AWS Security Hub Foundational Security Best Practices (FSBP)",
    "cis": "CIS AWS Foundations Benchmark v3.0.0",
}
# The categories issue 14 measures coverage in (the rules' other category, secrets, is not one).
IN_SCOPE_CATEGORIES = frozenset(
    c.value
    for c in (
        Category.ENCRYPTION,
        Category.LEAST_PRIVILEGE,
        Category.AVAILABILITY,
        Category.BACKUP,
        Category.NETWORK_EXPOSURE,
        Category.LOGGING,
    )
)
ACCOUNT = "account"  # what an account-level control judges: the model's account as a whole
_ACCOUNT_TYPES = ("AWS::::Account", "AWS::S3::Account")

Status = Literal["full", "partly", "none", "out of category"]


@dataclass(frozen=True)
class Control:
    id: str
    title: str
    resource_types: tuple[str, ...]
    category: str  # one of IN_SCOPE_CATEGORIES, or "" for none of them
    severity: str = ""  # FSBP only
    aws_category: str = ""  # FSBP only: Security Hub's own category, "Identify > Logging"
    security_hub: tuple[str, ...] = ()  # CIS only: the Security Hub controls that implement it

    @property
    def kinds(self) -> tuple[str, ...]:
        """The registry kinds (or ``account``) this control judges; () when none is modelled."""
        found = [
            spec.kind for spec in KINDS if set(spec.resource_types) & set(self.resource_types)
        ]
        if set(_ACCOUNT_TYPES) & set(self.resource_types):
            found.append(ACCOUNT)
        return tuple(found)


@dataclass(frozen=True)
class Row:
    """One control's line in the coverage table."""

    control: Control
    rules: tuple[str, ...]
    status: Status
    note: str

    @property
    def in_scope(self) -> bool:
        return self.status != "out of category"


@dataclass(frozen=True)
class Coverage:
    standard: StandardName
    total: int  # controls in the standard
    rows: tuple[Row, ...]  # the controls that apply to the model
    # ids the rules claim that are not the standard's (Security Hub controls of other standards)
    others: tuple[str, ...] = ()

    def count(self, status: Status) -> int:
        return sum(1 for r in self.rows if r.status == status)

    @property
    def in_scope(self) -> int:
        return sum(1 for r in self.rows if r.in_scope)

    def summary(self) -> str:
        return (
            f"{TITLES[self.standard]}: {self.total} controls, {len(self.rows)} apply to a "
            f"modelled kind, {self.in_scope} of them in the six categories: covered fully "
            f"{self.count('full')}, partly {self.count('partly')}, not {self.count('none')}"
        )

    def others_line(self) -> str:
        if not self.others:
            return ""
        what = "Security Hub controls of other standards (CIS, NIST SP 800-53)"
        if self.standard == "cis":
            what = "ids that are not CIS v3.0 recommendations"
        return f"The rules also claim {len(self.others)} {what}: {', '.join(self.others)}."


def _rows(name: str) -> Iterator[dict[str, str]]:
    text = files("archcode.rules.frameworks").joinpath(name).read_text(encoding="utf-8")
    yield from csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))


def _control(row: dict[str, str]) -> Control:
    return Control(
        id=row["id"],
        title=row["title"],
        resource_types=tuple(row["resource_types"].split()),
        category=row["category"],
        severity=row.get("severity", ""),
        aws_category=row.get("aws_category", ""),
        security_hub=tuple(row.get("security_hub", "").split()),
    )


@cache
def security_hub_controls() -> dict[str, Control]:
    """Every Security Hub control in security_hub.csv, FSBP or not, by case-folded id."""
    return {row["id"].casefold(): _control(row) for row in _rows("security_hub.csv")}


@cache
def controls(standard: StandardName) -> tuple[Control, ...]:
    """The standard's controls, in the order of its file."""
    if standard == "fsbp":
        return tuple(_control(r) for r in _rows("security_hub.csv") if r["fsbp"] == "1")
    return tuple(_control(row) for row in _rows("cis.csv"))


@cache
def notes(standard: StandardName) -> dict[str, tuple[str, str]]:
    """coverage.csv for one standard: control id -> (status "partly" or "none", note)."""
    return {
        row["control"]: (row["status"], row["note"])
        for row in _rows("coverage.csv")
        if row["standard"] == standard
    }


def claimed(rule: Rule, standard: StandardName) -> tuple[str, ...]:
    """The ids of the standard a rule names in its frameworks metadata."""
    return rule.frameworks.security_hub if standard == "fsbp" else rule.frameworks.cis


def coverage(standard: StandardName, rules: Iterable[Rule]) -> Coverage:
    by_control: dict[str, list[str]] = {}
    rules_seen = sorted(rules, key=lambda r: r.id)
    for rule in rules_seen:
        for cid in claimed(rule, standard):
            by_control.setdefault(cid.casefold(), []).append(rule.id)
    known = {cid.casefold(): value for cid, value in notes(standard).items()}
    rows = []
    for control in controls(standard):
        covering = tuple(by_control.get(control.id.casefold(), ()))
        if not control.kinds and not covering:
            continue  # judges nothing the model holds
        status, note = known.get(control.id.casefold(), ("", ""))
        if control.category not in IN_SCOPE_CATEGORIES:
            why = note or (control.aws_category and f"AWS category: {control.aws_category}")
            rows.append(Row(control, covering, "out of category", why or "out of category"))
        elif not covering:
            rows.append(Row(control, covering, "none", note or "no rule yet"))
        elif status == "partly":
            rows.append(Row(control, covering, "partly", note))
        else:
            rows.append(Row(control, covering, "full", ""))
    mine = {c.id.casefold() for c in controls(standard)}
    others = sorted(cid for cid in by_control if cid not in mine)
    named = {cid.casefold(): cid for rule in rules_seen for cid in claimed(rule, standard)}
    return Coverage(
        standard, len(controls(standard)), tuple(rows), tuple(named[c] for c in others)
    )


def coverage_text(cov: Coverage) -> str:
    table = [
        (
            r.control.id,
            r.control.category or "-",
            ",".join(r.control.kinds) or "-",
            r.status,
            ", ".join(r.rules) or r.note,
        )
        for r in cov.rows
    ]
    widths = [max((len(row[i]) for row in table), default=0) for i in range(4)]
    lines = [cov.summary(), *filter(None, [cov.others_line()]), ""]
    lines += [
        "  ".join(cell.ljust(w) for cell, w in zip(row[:4], widths, strict=True)) + f"  {row[4]}"
        for row in table
    ]
    return "\n".join(lines) + "\n"


def coverage_dict(cov: Coverage) -> dict[str, object]:
    return {
        "standard": cov.standard,
        "title": TITLES[cov.standard],
        "controls": cov.total,
        "apply_to_model": len(cov.rows),
        "in_scope": cov.in_scope,
        "covered_fully": cov.count("full"),
        "covered_partly": cov.count("partly"),
        "not_covered": cov.count("none"),
        "other_security_hub_controls_claimed": list(cov.others),
        "rows": [
            {
                "control": r.control.id,
                "title": r.control.title,
                "category": r.control.category,
                "kinds": list(r.control.kinds),
                "status": r.status,
                "rules": list(r.rules),
                "note": r.note,
            }
            for r in cov.rows
        ],
    }


def coverage_markdown(cov: Coverage) -> list[str]:
    """The standard's section of docs/rules.md, between markers a test finds."""
    lines = [
        f"<!-- coverage:{cov.standard}:start -->",
        f'<a id="coverage-{cov.standard}"></a>',
        f"### {TITLES[cov.standard]}",
        "",
        cov.summary() + ".",
        *(["", cov.others_line()] if cov.others else []),
        "",
        "| Control | Category | Kinds | Coverage | Rules, or why none |",
        "|---|---|---|---|---|",
    ]
    for r in cov.rows:
        cover = ", ".join(f"[`{rule}`](#{rule})" for rule in r.rules)
        if r.note and r.status != "full":
            cover = f"{cover} ({r.note})" if cover else r.note
        lines.append(
            f"| {r.control.id} {_cell(r.control.title)} | {r.control.category or '—'} | "
            f"{', '.join(r.control.kinds) or '—'} | {r.status} | {_cell(cover)} |"
        )
    lines.append(f"<!-- coverage:{cov.standard}:end -->")
    return lines


def _cell(text: str) -> str:
    return text.replace("|", "\\|")
