"""The WAF web ACL kind (waf_web_acl)."""

# Annotations are evaluated as the class is made, not kept as strings (no `from __future__
# import annotations`): pydantic would parse and evaluate each string again (issue 17).

from typing import Literal

from pydantic import Field

from archcode.model.base import Resource, StrList


class WafWebAcl(Resource):
    kind: Literal["waf_web_acl"] = "waf_web_acl"
    scope: Literal["REGIONAL", "CLOUDFRONT"] = "REGIONAL"
    default_action: Literal["allow", "block"] = "allow"
    rules: StrList = Field(default_factory=list, description="Rule and managed rule group names.")
    logging_enabled: bool | None = None
    metrics_enabled: bool | None = None
