"""The X-Ray group kind (xray_group)."""

# Annotations are evaluated as the class is made, not kept as strings (no `from __future__
# import annotations`): pydantic would parse and evaluate each string again (issue 17).

from typing import Literal

from archcode.model.base import Resource


class XrayGroup(Resource):
    kind: Literal["xray_group"] = "xray_group"
    filter_expression: str | None = None
    insights_enabled: bool | None = None
