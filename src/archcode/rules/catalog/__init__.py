"""The built-in rules, one module per service or theme; importing this registers them all."""

from archcode.rules.catalog import rds  # noqa: F401
