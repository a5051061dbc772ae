"""The Internet gateway kind (internet_gateway)."""

# Annotations are evaluated as the class is made, not kept as strings (no `from __future__
# import annotations`): pydantic would parse and evaluate each string again (issue 17).

from typing import Annotated, Literal

from archcode.model.base import Resource, ref


class InternetGateway(Resource):
    kind: Literal["internet_gateway"] = "internet_gateway"
    vpc: Annotated[str | None, ref("attached_to", "vpc")] = None
