"""The Shield Advanced protection kind (shield_protection)."""

# Annotations are evaluated as the class is made, not kept as strings (no `from __future__
# import annotations`): pydantic would parse and evaluate each string again (issue 17).

from typing import Annotated, Literal

from pydantic import Field

from archcode.model.base import Resource, StrList, ref


class ShieldProtection(Resource):
    kind: Literal["shield_protection"] = "shield_protection"
    advanced: bool = True
    protects: Annotated[StrList, ref("protects")] = Field(default_factory=list)
