"""API Gateway REST (v1) and HTTP/WebSocket (v2) APIs: stages, logging, tracing, WAF,
authorization, and their integrations (the API's `integrations`, whose flows are derived as
for templates and plans)."""

from __future__ import annotations

import re
from typing import Any

from archcode.collectors.aws.draft import Ctx, tags
from archcode.collectors.aws.services.base import ServiceGroup, api, listing

_KIND = ("api_gateway",)
_FUNCTION_IN_URI = re.compile(r"(arn:aws[a-z-]*:lambda:[^/]+:function:[^/:]+)")
_AUTH_V1 = {"NONE": "none", "AWS_IAM": "iam", "COGNITO_USER_POOLS": "cognito", "CUSTOM": "lambda"}
_AUTH_V2 = {"NONE": "none", "AWS_IAM": "iam", "JWT": "jwt", "CUSTOM": "lambda"}
# The weakest authorization of any method is the API's.
_ORDER = ("none", "lambda", "jwt", "cognito", "iam")


def _weakest(found: list[str]) -> str | None:
    return min(found, key=_ORDER.index) if found else None


def _function(uri: Any) -> str | None:
    match = _FUNCTION_IN_URI.search(str(uri or ""))
    return match.group(1) if match else None


def _rest(ctx: Ctx) -> None:
    service = api("api_gateway", 0).service
    for rest in listing(ctx, "api_gateway", "items", 0) or []:
        aid = rest["id"]
        stages = ctx.reader.call("get_stages", kinds=_KIND, service=service, restApiId=aid)
        stage = ((stages or {}).get("item") or [{}])[0] if isinstance(stages, dict) else None
        auth: list[str] = []
        integrations: list[Any] = []
        resources = ctx.reader.items(
            "get_resources",
            "items",
            kinds=_KIND,
            service=service,
            restApiId=aid,
            embed=["methods"],
        )
        for res in resources or []:
            for method in (res.get("resourceMethods") or {}).values():
                auth.append(_AUTH_V1.get(method.get("authorizationType", "NONE"), "none"))
                target = _function((method.get("methodIntegration") or {}).get("uri"))
                integrations.append(ctx.ref(target))
        types = (rest.get("endpointConfiguration") or {}).get("types") or []
        fields: dict[str, Any] = {
            "name": rest.get("name") or aid,
            "api_type": "rest",
            "description": rest.get("description") or None,
            "arn": f"arn:aws:apigateway:{ctx.region}::/restapis/{aid}",
            "endpoint_type": types[0].lower() if types else None,
            "authorization": _weakest(auth),
            # their flows are derived from this field, as for templates and plans
            "integrations": [h for h in integrations if h is not None],
            "tags": tags(rest.get("tags")),
        }
        if stage is not None:
            settings = (stage.get("methodSettings") or {}).get("*/*") or {}
            fields.update(
                {
                    "stage": stage.get("stageName"),
                    "execution_logging": settings.get("loggingLevel", "OFF") != "OFF",
                    "access_logging": bool(stage.get("accessLogSettings")),
                    "xray_tracing": stage.get("tracingEnabled"),
                    "cache_enabled": stage.get("cacheClusterEnabled"),
                    "cache_encrypted": settings.get("cacheDataEncrypted"),
                    "throttling_rate_limit": settings.get("throttlingRateLimit"),
                    "web_acl": ctx.ref(stage.get("webAclArn")),
                    "client_certificate": bool(stage.get("clientCertificateId")),
                }
            )
        ctx.add("api_gateway", f"api/{aid}", fields, aid, f"apigw:{aid}")


def _v2(ctx: Ctx) -> None:
    service = api("api_gateway", 1).service
    for item in listing(ctx, "api_gateway", "Items", 1) or []:
        aid = item["ApiId"]
        stages = ctx.reader.items("get_stages", "Items", kinds=_KIND, service=service, ApiId=aid)
        routes = ctx.reader.items("get_routes", "Items", kinds=_KIND, service=service, ApiId=aid)
        integrations = ctx.reader.items(
            "get_integrations", "Items", kinds=_KIND, service=service, ApiId=aid
        )
        targets = []
        for integ in integrations or []:
            uri = integ.get("IntegrationUri")
            target = _function(uri) or (uri if str(uri).startswith("arn:") else None)
            targets.append(ctx.ref(target))
        stage = stages[0] if stages else None
        protocol = str(item.get("ProtocolType", "HTTP")).lower()
        fields: dict[str, Any] = {
            "name": item.get("Name") or aid,
            "api_type": "websocket" if protocol == "websocket" else "http",
            "description": item.get("Description") or None,
            "arn": f"arn:aws:apigateway:{ctx.region}::/apis/{aid}",
            "endpoint_type": "regional",
            "authorization": _weakest(
                [_AUTH_V2.get(r.get("AuthorizationType", "NONE"), "none") for r in routes or []]
            )
            if routes is not None
            else None,
            "integrations": [h for h in targets if h is not None],
            "tags": tags(item.get("Tags")),
        }
        if stage is not None:
            route = stage.get("DefaultRouteSettings") or {}
            fields.update(
                {
                    "stage": stage.get("StageName"),
                    "access_logging": bool(stage.get("AccessLogSettings")),
                    "execution_logging": route.get("LoggingLevel", "OFF") not in ("OFF", None),
                    "throttling_rate_limit": route.get("ThrottlingRateLimit"),
                }
            )
        ctx.add("api_gateway", f"api/{aid}", fields, aid, f"apigw:{aid}")


def collect(ctx: Ctx) -> None:
    _rest(ctx)
    _v2(ctx)


GROUP = ServiceGroup("apigateway", ("api_gateway",), collect)
