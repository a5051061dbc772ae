"""`archcode schema`: the JSON Schema of the archcode YAML format."""

from __future__ import annotations

from archcode.cli import Output, app
from archcode.io import write_output


@app.command(Output)
def schema(output: str | None) -> None:
    """Print the JSON Schema of the archcode YAML format (for editors and CI)."""
    from archcode.model.schema import schema_text

    write_output(output, schema_text())
