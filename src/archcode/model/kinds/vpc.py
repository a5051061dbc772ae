"""The VPC kind (vpc)."""

# Annotations are evaluated as the class is made, not kept as strings (no `from __future__
# import annotations`): pydantic would parse and evaluate each string again (issue 17).

from typing import Literal

from archcode.model.base import Resource


class Vpc(Resource):
    kind: Literal["vpc"] = "vpc"
    cidr: str | None = None
    flow_logs_enabled: bool | None = None
