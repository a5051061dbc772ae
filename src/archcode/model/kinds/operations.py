"""Operations kinds: audit trails, logs, alarms, tracing, and the delivery pipeline."""

# Annotations are evaluated as the class is made, not kept as strings (no `from __future__
# import annotations`): pydantic would parse and evaluate each string again (issue 17).

from typing import Annotated, Literal

from pydantic import Field

from archcode.model.base import Resource, StrList, ref

KmsRef = Annotated[str | None, ref("encrypted_by", "kms_key")]
ReadWrite = Literal["All", "ReadOnly", "WriteOnly"]


def read_write(value: object) -> ReadWrite | None:
    """A selector's ReadWriteType as the model holds it (None: not one of AWS's values)."""
    for known in ("All", "ReadOnly", "WriteOnly"):
        if value == known:
            return known
    return None


def management_read_write(selectors: list[tuple[bool, ReadWrite | None]]) -> ReadWrite | None:
    """Which management events a trail's selectors log together, from each selector's (logs
    management events, read/write type; None: not known). None when no selector logs them or
    one's type is not known. Every source turns its own selectors into these pairs."""
    types = {rw for logs, rw in selectors if logs}
    if not types or None in types:
        return None
    if "All" in types or {"ReadOnly", "WriteOnly"} <= types:
        return "All"
    return "ReadOnly" if "ReadOnly" in types else "WriteOnly"


def advanced_selector(
    fields: dict[str, tuple[list[str], list[str]]],
) -> tuple[bool, ReadWrite | None]:
    """An advanced event selector as (logs management events, read/write type), from its field
    selectors: field -> (Equals, NotEquals) values."""
    category = fields.get("eventCategory", ([], []))
    if "Management" not in category[0]:
        return False, None
    equals, not_equals = fields.get("readOnly", ([], []))
    if not equals and not not_equals:
        return True, "All"
    read_only = (equals == ["true"]) or (not_equals == ["false"])
    write_only = (equals == ["false"]) or (not_equals == ["true"])
    return True, "ReadOnly" if read_only else "WriteOnly" if write_only else None


class CloudtrailTrail(Resource):
    kind: Literal["cloudtrail_trail"] = "cloudtrail_trail"
    multi_region: bool | None = None
    management_events: bool | None = None
    management_read_write: ReadWrite | None = Field(
        default=None,
        description="The management events it logs: All (read and write), ReadOnly or "
        "WriteOnly (event selectors' ReadWriteType, or advanced selectors' readOnly field); "
        "not stated: AWS's default for a trail without selectors, All.",
    )
    log_file_validation: bool | None = None
    is_logging: bool | None = None
    organization_trail: bool | None = None
    kms_key: KmsRef = None
    bucket: Annotated[str | None, ref("delivers_to", "s3_bucket")] = None
    log_group: Annotated[str | None, ref("delivers_to", "cloudwatch_log_group")] = None


class CloudwatchLogGroup(Resource):
    kind: Literal["cloudwatch_log_group"] = "cloudwatch_log_group"
    log_group_name: str | None = None
    retention_days: int | None = Field(default=None, ge=1)
    kms_key: KmsRef = None
    logs_of: Annotated[StrList, ref("logs_of")] = Field(
        default_factory=list, description="Resources whose logs land in this group."
    )


class CloudwatchAlarm(Resource):
    kind: Literal["cloudwatch_alarm"] = "cloudwatch_alarm"
    namespace: str | None = Field(default=None, examples=["AWS/Lambda"])
    metric: str | None = Field(default=None, examples=["Errors"])
    statistic: str | None = None
    threshold: float | None = None
    comparison: str | None = None
    monitors: Annotated[StrList, ref("monitors")] = Field(default_factory=list)
    actions: Annotated[StrList | None, ref("notifies", "sns_topic")] = Field(
        default_factory=list,
        description="Alarm actions: topics, or actions outside the model (None: not known).",
    )


class XrayGroup(Resource):
    kind: Literal["xray_group"] = "xray_group"
    filter_expression: str | None = None
    insights_enabled: bool | None = None


class CodepipelinePipeline(Resource):
    kind: Literal["codepipeline_pipeline"] = "codepipeline_pipeline"
    stages: StrList = Field(default_factory=list)
    artifact_bucket: Annotated[str | None, ref("stores_in", "s3_bucket")] = None
    role: Annotated[str | None, ref("assumes_role", "iam_role")] = None
    kms_key: KmsRef = None


class CodebuildProject(Resource):
    kind: Literal["codebuild_project"] = "codebuild_project"
    image: str | None = None
    compute_type: str | None = Field(default=None, examples=["BUILD_GENERAL1_SMALL"])
    privileged_mode: bool | None = None
    role: Annotated[str | None, ref("assumes_role", "iam_role")] = None
    kms_key: KmsRef = None
    logging_enabled: bool | None = None
    plaintext_environment: StrList = Field(
        default_factory=list, description="Names of plaintext environment variables."
    )
    s3_logs_encrypted: bool | None = Field(
        default=None,
        description="Build logs written to S3 are encrypted (S3Logs EncryptionDisabled is not "
        "set); also true when no S3 logs are written.",
    )


class CodedeployApplication(Resource):
    kind: Literal["codedeploy_application"] = "codedeploy_application"
    compute_platform: Literal["Server", "Lambda", "ECS"] = "Server"
    deployment_config: str | None = None
    deploys_to: Annotated[StrList, ref("deploys_to")] = Field(default_factory=list)
    auto_rollback: bool | None = None
