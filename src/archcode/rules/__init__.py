"""The rules engine: declared rules over the model, evaluated to PASS/FAIL/UNKNOWN/... results."""

from archcode.rules.base import Category, Outcome, Rule, Severity, Verdict
from archcode.rules.engine import Result, evaluate
from archcode.rules.registry import builtin_rules

__all__ = [
    "Category",
    "Outcome",
    "Result",
    "Rule",
    "Severity",
    "Verdict",
    "builtin_rules",
    "evaluate",
]
