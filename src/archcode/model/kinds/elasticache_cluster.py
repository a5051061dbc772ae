"""The ElastiCache cluster kind (elasticache_cluster)."""

# Annotations are evaluated as the class is made, not kept as strings (no `from __future__
# import annotations`): pydantic would parse and evaluate each string again (issue 17).

from typing import Literal

from pydantic import Field

from archcode.model.base import VpcPlaced
from archcode.model.kinds._shared import KmsRef


class ElasticacheCluster(VpcPlaced):
    kind: Literal["elasticache_cluster"] = "elasticache_cluster"
    engine: Literal["redis", "valkey", "memcached"] | None = None
    engine_version: str | None = None
    node_type: str | None = Field(default=None, examples=["cache.t4g.small"])
    num_nodes: int | None = Field(default=None, ge=1)
    automatic_failover: bool | None = None
    multi_az: bool | None = None
    at_rest_encryption: bool | None = None
    transit_encryption: bool | None = None
    kms_key: KmsRef = None
    snapshot_retention_days: int | None = Field(default=None, ge=0, le=35)
    auth_token_enabled: bool | None = None
    auto_minor_version_upgrade: bool | None = None
    default_subnet_group: bool | None = Field(
        default=None,
        description="The cache is in the subnet group named 'default' (what AWS uses when "
        "none is named).",
    )
