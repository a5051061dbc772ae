"""One pydantic model per resource kind, grouped by service family."""
