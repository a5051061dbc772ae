"""The OpenSearch / Elasticsearch domain kind (opensearch_domain)."""

# Annotations are evaluated as the class is made, not kept as strings (no `from __future__
# import annotations`): pydantic would parse and evaluate each string again (issue 17).

from typing import Literal

from pydantic import Field

from archcode.model.base import VpcPlaced
from archcode.model.iam import PolicyDocument
from archcode.model.kinds._shared import KmsRef


class OpensearchDomain(VpcPlaced):
    kind: Literal["opensearch_domain"] = "opensearch_domain"
    engine_version: str | None = Field(
        default=None, examples=["OpenSearch_2.13", "Elasticsearch_7.10"]
    )
    instance_type: str | None = None
    instance_count: int | None = Field(default=None, ge=1)
    zone_awareness: bool | None = None
    dedicated_master: bool | None = None
    dedicated_master_count: int | None = Field(default=None, ge=0)
    encryption_at_rest: bool | None = None
    node_to_node_encryption: bool | None = None
    enforce_https: bool | None = None
    tls_policy: str | None = None
    kms_key: KmsRef = None
    audit_logging: bool | None = None
    error_logging: bool | None = Field(
        default=None, description="Error (application) logs are published to CloudWatch Logs."
    )
    fine_grained_access_control: bool | None = None
    storage_gb: int | None = Field(default=None, ge=0)
    access_policy: PolicyDocument | None = None
