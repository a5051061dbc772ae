"""The Security group kind (security_group)."""

# Annotations are evaluated as the class is made, not kept as strings (no `from __future__
# import annotations`): pydantic would parse and evaluate each string again (issue 17).

from typing import Annotated, Literal

from pydantic import Field, model_validator

from archcode.model.base import Resource, Strict, StrList, ref


class SecurityGroupRule(Strict):
    """One ingress or egress rule; `port` is shorthand for from_port = to_port.

    A template or plan may leave part of a rule open until deploy time (a parameter without a
    default, a condition, an import, a value known after apply): that part is null here
    (`cidr`, `ipv6_cidr`, `protocol`) or `ports_known` is false. Not known, never "none".
    """

    protocol: Literal["tcp", "udp", "icmp", "icmpv6", "all"] | None = Field(
        default="tcp", description="null: not known (set at deploy time)."
    )
    port: int | None = Field(default=None, ge=0, le=65535)
    from_port: int | None = Field(default=None, ge=-1, le=65535)
    to_port: int | None = Field(default=None, ge=-1, le=65535)
    ports_known: bool = Field(
        default=True, description="False when the ports are set at deploy time."
    )
    cidr: StrList | None = Field(
        default_factory=list,
        description="IPv4 ranges, e.g. 0.0.0.0/0; null: not known (set at deploy time).",
    )
    ipv6_cidr: StrList | None = Field(
        default_factory=list, description="IPv6 ranges; null: not known (set at deploy time)."
    )
    security_group: Annotated[str | None, ref("allows_from", "security_group")] = None
    prefix_list: str | None = None
    description: str | None = None

    @model_validator(mode="after")
    def _port_or_range(self) -> "SecurityGroupRule":
        if self.port is not None and (self.from_port is not None or self.to_port is not None):
            raise ValueError("give either port or from_port/to_port, not both")
        return self

    @property
    def ranges(self) -> list[str] | None:
        """Every IPv4 and IPv6 range it admits; None when one of them is not known."""
        if self.cidr is None or self.ipv6_cidr is None:
            return None
        return [*self.cidr, *self.ipv6_cidr]

    @property
    def port_range(self) -> tuple[int, int] | None:
        """The inclusive port range; every port when none is given or the protocol is all;
        None when the protocol or the ports are not known."""
        if self.protocol == "all":
            return (0, 65535)
        if self.protocol is None or not self.ports_known:
            return None
        if self.port is not None:
            return (self.port, self.port)
        low = self.from_port if self.from_port not in (None, -1) else 0
        high = self.to_port if self.to_port not in (None, -1) else 65535
        return (low, high)


class SecurityGroup(Resource):
    kind: Literal["security_group"] = "security_group"
    vpc: Annotated[str | None, ref("in_vpc", "vpc")] = None
    ingress: list[SecurityGroupRule] = Field(default_factory=list)
    egress: list[SecurityGroupRule] | None = Field(
        default=None, description="Outbound rules; unknown when absent."
    )
    default: bool = Field(
        default=False,
        description="The VPC's default group (GroupName default). A group a template or plan "
        "creates never is one; discovery reads it.",
    )
