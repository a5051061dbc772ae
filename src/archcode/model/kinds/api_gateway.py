"""The API Gateway API kind (api_gateway)."""

# Annotations are evaluated as the class is made, not kept as strings (no `from __future__
# import annotations`): pydantic would parse and evaluate each string again (issue 17).

from typing import Annotated, Literal

from pydantic import Field

from archcode.model.base import Resource, StrList, ref


class ApiGateway(Resource):
    kind: Literal["api_gateway"] = "api_gateway"
    api_type: Literal["rest", "http", "websocket"] = "rest"
    endpoint_type: Literal["edge", "regional", "private"] | None = None
    stage: str | None = None
    authorization: Literal["none", "iam", "cognito", "lambda", "jwt"] | None = None
    execution_logging: bool | None = None
    access_logging: bool | None = None
    xray_tracing: bool | None = None
    cache_enabled: bool | None = None
    cache_encrypted: bool | None = None
    throttling_rate_limit: float | None = Field(default=None, ge=0)
    web_acl: Annotated[str | None, ref("protected_by", "waf_web_acl")] = None
    client_certificate: bool | None = None
    integrations: Annotated[StrList, ref("integrates_with")] = Field(
        default_factory=list,
        description="What the API's integrations call: functions, and the load balancers "
        "behind a VPC link.",
    )
