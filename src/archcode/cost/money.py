"""How amounts, rates and quantities are shown (arithmetic stays in full Decimal precision)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from archcode.cost.report import NOT_FOUND

CENT = Decimal("0.01")


def usd(amount: Decimal | None, signed: bool = False) -> str:
    """$1,234.57 (cents, half up); "price not found" for None, never $0."""
    if amount is None:
        return NOT_FOUND
    rounded = amount.quantize(CENT, rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ("+" if signed and rounded > 0 else "")
    return f"{sign}${abs(rounded):,.2f}"


def priced(known: Decimal, unpriced: int, what: str = "component", signed: bool = False) -> str:
    """A sum that says what it leaves out: "$412.30", or "$412.30 + 2 components without a
    price" when some parts have none (never a bare "price not found" where a number can be)."""
    return usd(known, signed) + without_price(unpriced, what)


def without_price(unpriced: int, what: str = "component") -> str:
    """ " + 2 components without a price", or "" when nothing lacks one."""
    if not unpriced:
        return ""
    return f" + {unpriced} {what}{'' if unpriced == 1 else 's'} without a price"


def rate(price: Decimal | None) -> str:
    """A unit price in full: $0.0000166667."""
    if price is None:
        return NOT_FOUND
    return f"${plain(price)}"


def plain(value: Decimal) -> str:
    """A Decimal without exponent or trailing zeros: 0.0000002, 1953.125, 200000."""
    return format(value.normalize(), "f")


def amount(value: Decimal | None) -> str | None:
    """An amount for JSON: in full as a string (no float rounding), null when a price is missing."""
    return None if value is None else plain(value)


def quantity(value: Decimal) -> str:
    """1,953.125 (grouped, at most 4 decimals shown)."""
    shown = value.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP).normalize()
    whole, _, fraction = format(shown, "f").partition(".")
    grouped = f"{int(whole):,}" if whole.lstrip("-").isdigit() else whole
    if whole == "-0":
        grouped = "-0"
    return f"{grouped}.{fraction}" if fraction else grouped
