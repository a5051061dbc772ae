"""The price table: dated, sourced list prices, one CSV row per price tier.

The table ships inside the package (``prices.csv``); ``archcode prices refresh`` rebuilds it from
the AWS Price List API in the same format, and ``--prices FILE`` lays a partial or full table over
the shipped one (a key present in the file replaces every tier of that key).
"""

from __future__ import annotations

import csv
import functools
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from importlib import resources

from archcode.errors import InputError, Problem
from archcode.io import read_text

COLUMNS = (
    "service_code",
    "usage_type",
    "operation",
    "region",
    "unit",
    "price_usd",
    "tier_start",
    "tier_end",
    "effective_date",
    "check",
    "sku",
    "source",
)
SHIPPED = "prices.csv"

# How a row's price was confirmed (the `check` column); the `source` column names the evidence.
CHECKS = {
    "G": "Infracost output: a golden test or a published `infracost breakdown` (AWS Price List)",
    "P": "AWS pricing page or documentation text",
    "S": "several independent secondary sources agree",
    "B": "rate printed on a published AWS bill (public repository)",
    "L": "AWS Price List offer file, quoted verbatim in a public source",
    "API": "fetched by `archcode prices refresh`",
    "R": "recalled list price, not checked against any source",
}
UNVERIFIED = frozenset({"R", ""})

# (service code, usage type without its regional prefix, operation, region or "global")
PriceKey = tuple[str, str, str, str]


@dataclass(frozen=True, slots=True)
class PriceRow:
    """One price tier. ``tier_end`` None means unbounded; bounds are in the row's unit."""

    service_code: str
    usage_type: str
    operation: str
    region: str
    unit: str
    price: Decimal
    tier_start: Decimal
    tier_end: Decimal | None
    effective_date: date
    check: str
    sku: str
    source: str

    @property
    def key(self) -> PriceKey:
        return (self.service_code, self.usage_type, self.operation, self.region)


class PriceTable:
    """Rows grouped by key, tiers in ascending order; ``date`` is the newest effective date."""

    def __init__(self, rows: Iterable[PriceRow], origin: str) -> None:
        grouped: dict[PriceKey, list[PriceRow]] = {}
        for row in rows:
            grouped.setdefault(row.key, []).append(row)
        self._tiers = {k: tuple(sorted(v, key=lambda r: r.tier_start)) for k, v in grouped.items()}
        dates = [r.effective_date for tiers in self._tiers.values() for r in tiers]
        self.date: date | None = max(dates) if dates else None
        self.origins: tuple[str, ...] = (f"{origin} dated {self.date}",) if origin else ()

    def tiers(
        self, service_code: str, usage_type: str, region: str, operation: str = ""
    ) -> tuple[PriceRow, ...]:
        """The tiers of one price, or () when the table has no such price."""
        return self._tiers.get((service_code, usage_type, operation, region), ())

    def rows(self) -> list[PriceRow]:
        return [row for key in sorted(self._tiers) for row in self._tiers[key]]

    def __len__(self) -> int:
        return sum(len(t) for t in self._tiers.values())

    def overlaid(self, other: PriceTable) -> PriceTable:
        """This table with every key of ``other`` replaced by other's tiers (price overrides)."""
        merged = PriceTable((), "")
        merged._tiers = {**self._tiers, **other._tiers}
        merged.origins = self.origins + other.origins
        dates = [d for d in (self.date, other.date) if d is not None]
        merged.date = max(dates) if dates else None
        return merged


def parse_price_csv(text: str, name: str) -> PriceTable:
    """A table from CSV text; every bad cell is reported with its line and column name."""
    reader = csv.DictReader(io.StringIO(text, newline=""))  # csv reads \r and \r\n itself
    problems: list[Problem] = []
    rows: list[PriceRow] = []
    try:
        header = tuple(reader.fieldnames or ())
        missing = [c for c in COLUMNS if c not in header]
        if missing:
            raise InputError([Problem(name, f"missing column(s): {', '.join(missing)}", 1, 1)])
        for record in reader:
            line = reader.line_num
            row = _row(record, name, line, problems)
            if row is not None:
                rows.append(row)
    except csv.Error as exc:  # a NUL byte, a stray quote or carriage return in a field
        raise InputError([Problem(name, f"not valid CSV: {exc}", reader.line_num + 1)]) from None
    table = PriceTable(rows, name)
    problems.extend(_tier_problems(table, name))
    if problems:
        raise InputError(problems)
    if not len(table):
        raise InputError([Problem(name, "the price table has no rows", 1, 1)])
    return table


def _row(record: dict[str, str], name: str, line: int, problems: list[Problem]) -> PriceRow | None:
    before = len(problems)

    def text(column: str, required: bool = True) -> str:
        value = (record.get(column) or "").strip()
        if required and not value:
            problems.append(Problem(name, "empty", line, field=column))
        return value

    def number(column: str, optional: bool = False) -> Decimal | None:
        raw = text(column, required=not optional)
        if not raw:
            return None
        try:
            value = Decimal(raw)
        except InvalidOperation:
            problems.append(Problem(name, f"not a number: {raw[:40]!r}", line, field=column))
            return None
        if not value.is_finite() or value < 0:
            problems.append(
                Problem(name, f"not a price or bound: {raw[:40]!r}", line, field=column)
            )
            return None
        return value

    price, start, end = number("price_usd"), number("tier_start"), number("tier_end", True)
    raw_date = text("effective_date")
    effective: date | None = None
    try:
        effective = date.fromisoformat(raw_date[:10]) if raw_date else None
    except ValueError:
        problems.append(
            Problem(name, f"not a date: {raw_date[:40]!r}", line, field="effective_date")
        )
    if start is not None and end is not None and end <= start:
        problems.append(Problem(name, "tier_end must be above tier_start", line, field="tier_end"))
    fields = {c: text(c, c not in ("operation", "sku", "check")) for c in COLUMNS[:5]}
    if len(problems) > before or price is None or start is None or effective is None:
        return None
    return PriceRow(
        fields["service_code"],
        fields["usage_type"],
        fields["operation"],
        fields["region"],
        fields["unit"],
        price,
        start,
        end,
        effective,
        text("check", False),
        text("sku", False),
        text("source"),
    )


def is_verified(row: PriceRow) -> bool:
    """Whether the row's price was checked against a source (anything but R or no check)."""
    return row.check not in UNVERIFIED


def verification_summary(rows: Iterable[PriceRow]) -> str:
    """How many rows were checked against a source, e.g. "84 of 1011 rows (8.3%) verified"."""
    listed = list(rows)
    verified = sum(1 for r in listed if is_verified(r))
    share = Decimal(100 * verified) / len(listed) if listed else Decimal(0)
    return (
        f"{verified} of {len(listed)} rows ({share:.1f}%) verified against a source, "
        f"{len(listed) - verified} unverified (check R)"
    )


def broken_keys(table: PriceTable) -> list[PriceKey]:
    """Keys whose tiers do not start at 0 and follow each other without gaps or overlaps."""
    broken = []
    for key, tiers in table._tiers.items():
        expected: Decimal | None = Decimal(0)
        for row in tiers:
            if expected is None or row.tier_start != expected:
                broken.append(key)
                break
            expected = row.tier_end
    return broken


def _tier_problems(table: PriceTable, name: str) -> list[Problem]:
    return [
        Problem(name, f"tiers of {' '.join(k for k in key if k)} have a gap or overlap")
        for key in broken_keys(table)
    ]


def price_csv(rows: Iterable[PriceRow]) -> str:
    """CSV text of rows in the table's format (what `archcode prices refresh` writes)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for r in rows:
        writer.writerow(
            [
                r.service_code,
                r.usage_type,
                r.operation,
                r.region,
                r.unit,
                format(r.price, "f"),
                format(r.tier_start, "f"),
                "" if r.tier_end is None else format(r.tier_end, "f"),
                r.effective_date.isoformat(),
                r.check,
                r.sku,
                r.source,
            ]
        )
    return out.getvalue()


@functools.cache
def shipped_table() -> PriceTable:
    """The table that ships with archcode."""
    text = resources.files("archcode.cost").joinpath(SHIPPED).read_text(encoding="utf-8")
    return parse_price_csv(text, f"archcode/cost/{SHIPPED}")


def load_price_table(path: str | None = None) -> PriceTable:
    """The shipped table, with the table at ``path`` (full or partial) laid over it."""
    if path is None:
        return shipped_table()
    name, text = read_text(path)
    return shipped_table().overlaid(parse_price_csv(text, name))
