"""The Route 53 hosted zone kind (route53_zone)."""

# Annotations are evaluated as the class is made, not kept as strings (no `from __future__
# import annotations`): pydantic would parse and evaluate each string again (issue 17).

from typing import Annotated, Literal

from pydantic import Field

from archcode.model.base import Resource, Strict, StrList, ref


class DnsRecord(Strict):
    name: str
    type: Literal["A", "AAAA", "CNAME", "MX", "TXT", "NS", "SOA", "SRV", "CAA", "PTR"] = "A"
    alias: bool = False
    target: Annotated[str | None, ref("routes_to")] = None
    value: str | None = None


class Route53Zone(Resource):
    kind: Literal["route53_zone"] = "route53_zone"
    domain: str
    private: bool = False
    vpcs: Annotated[StrList, ref("serves_vpc", "vpc")] = Field(default_factory=list)
    records: list[DnsRecord] = Field(default_factory=list)
    query_logging_enabled: bool | None = None
    dnssec_enabled: bool | None = None
