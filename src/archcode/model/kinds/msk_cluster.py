"""The MSK (Kafka) cluster kind (msk_cluster)."""

# Annotations are evaluated as the class is made, not kept as strings (no `from __future__
# import annotations`): pydantic would parse and evaluate each string again (issue 17).

from typing import Literal

from pydantic import Field

from archcode.model.base import VpcPlaced
from archcode.model.kinds._shared import KmsRef


class MskCluster(VpcPlaced):
    kind: Literal["msk_cluster"] = "msk_cluster"
    kafka_version: str | None = None
    broker_instance_type: str | None = Field(default=None, examples=["kafka.m5.large"])
    broker_count: int | None = Field(default=None, ge=1)
    storage_gb_per_broker: int | None = Field(default=None, ge=1)
    client_broker_encryption: Literal["TLS", "TLS_PLAINTEXT", "PLAINTEXT"] | None = None
    in_cluster_encryption: bool | None = None
    kms_key: KmsRef = None
    public_access: bool | None = None
    unauthenticated_access: bool | None = None
    broker_logging: bool | None = None
