"""The RDS Proxy kind (rds_proxy)."""

# Annotations are evaluated as the class is made, not kept as strings (no `from __future__
# import annotations`): pydantic would parse and evaluate each string again (issue 17).

from typing import Annotated, Literal

from pydantic import Field

from archcode.model.base import StrList, VpcPlaced, ref


class RdsProxy(VpcPlaced):
    kind: Literal["rds_proxy"] = "rds_proxy"
    engine_family: Literal["POSTGRESQL", "MYSQL", "SQLSERVER"] | None = None
    targets: Annotated[StrList, ref("proxies_to", "rds_instance", "rds_cluster")] = Field(
        default_factory=list
    )
    secrets: Annotated[StrList, ref("uses_secret", "secrets_manager_secret")] = Field(
        default_factory=list
    )
    role: Annotated[str | None, ref("assumes_role", "iam_role")] = None
    require_tls: bool | None = None
    iam_auth: Literal["REQUIRED", "DISABLED"] | None = None
    idle_client_timeout_s: int | None = Field(default=None, ge=1)
