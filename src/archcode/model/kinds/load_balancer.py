"""The Elastic Load Balancing v2 load balancer kind (load_balancer)."""

# Annotations are evaluated as the class is made, not kept as strings (no `from __future__
# import annotations`): pydantic would parse and evaluate each string again (issue 17).

from typing import Annotated, Literal

from pydantic import Field

from archcode.model.base import Strict, StrList, VpcPlaced, ref


class Listener(Strict):
    protocol: Literal["HTTP", "HTTPS", "TCP", "TLS", "UDP", "TCP_UDP", "GENEVE"]
    port: int = Field(ge=1, le=65535)
    ssl_policy: str | None = None
    redirect_to_https: bool | None = None


class LoadBalancer(VpcPlaced):
    kind: Literal["load_balancer"] = "load_balancer"
    type: Literal["application", "network", "gateway"] = "application"
    scheme: Literal["internet-facing", "internal"] | None = None
    listeners: list[Listener] = Field(default_factory=list)
    targets: Annotated[StrList, ref("routes_to")] = Field(default_factory=list)
    web_acl: Annotated[str | None, ref("protected_by", "waf_web_acl")] = None
    access_logs_enabled: bool | None = None
    deletion_protection: bool | None = None
    drop_invalid_headers: bool | None = None
    cross_zone: bool | None = None
