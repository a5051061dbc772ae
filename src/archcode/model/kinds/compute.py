"""Compute kinds: functions, instances, containers, Kubernetes, Beanstalk."""

# Annotations are evaluated as the class is made, not kept as strings (no `from __future__
# import annotations`): pydantic would parse and evaluate each string again (issue 17).

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field

from archcode.model.base import Resource, StrList, VpcPlaced, ref
from archcode.model.iam import PolicyDocument


def _names_only(value: Any) -> Any:
    # Environment values may be secrets: the model keeps the variable names and drops the values.
    if isinstance(value, dict):
        return sorted(str(k) for k in value)
    return value


EnvNames = Annotated[list[str], BeforeValidator(_names_only)]


class LambdaFunction(VpcPlaced):
    kind: Literal["lambda_function"] = "lambda_function"
    runtime: str | None = Field(default=None, examples=["python3.12"])
    architecture: Literal["x86_64", "arm64"] = "x86_64"
    memory_mb: int | None = Field(default=None, ge=128, le=10240)
    timeout_s: int | None = Field(default=None, ge=1, le=900)
    role: Annotated[str | None, ref("assumes_role", "iam_role")] = None
    environment: EnvNames = Field(
        default_factory=list,
        description="Environment variable names (values are never kept: they may be secrets).",
    )
    kms_key: Annotated[str | None, ref("encrypted_by", "kms_key")] = None
    reserved_concurrency: int | None = Field(default=None, ge=0)
    provisioned_concurrency: int | None = Field(default=None, ge=0)
    tracing: Literal["active", "passthrough"] | None = None
    dead_letter: Annotated[str | None, ref("dead_letters_to", "sqs_queue", "sns_topic")] = None
    function_url_auth: Literal["NONE", "AWS_IAM"] | None = None
    public_policy: bool | None = Field(
        default=None,
        description="The resource policy lets anyone invoke the function; used only when "
        "`policy` is not given (the policy decides when it is).",
    )
    policy: PolicyDocument | None = Field(
        default=None,
        description="The function's resource policy (its permissions, as GetPolicy returns it).",
    )
    event_sources: Annotated[StrList, ref("triggered_by")] = Field(
        default_factory=list,
        description="What feeds the function its events: event source mappings (queues, "
        "streams, tables), and in SAM the buckets and topics of its events.",
    )


class Ec2Instance(VpcPlaced):
    kind: Literal["ec2_instance"] = "ec2_instance"
    instance_type: str | None = Field(default=None, examples=["t3.micro"])
    ami: str | None = None
    public_ip: bool | None = None
    role: Annotated[str | None, ref("assumes_role", "iam_role")] = None
    imdsv2_required: bool | None = None
    detailed_monitoring: bool | None = None
    platform: Literal["linux", "windows"] = "linux"
    network_interface_count: int | None = Field(
        default=None,
        ge=1,
        description="Network interfaces (ENIs and EFAs) attached to the instance, the primary "
        "one included.",
    )


class AutoScalingGroup(VpcPlaced):
    kind: Literal["autoscaling_group"] = "autoscaling_group"
    instance_type: str | None = None
    min_size: int | None = Field(default=None, ge=0)
    max_size: int | None = Field(default=None, ge=0)
    desired_capacity: int | None = Field(default=None, ge=0)
    role: Annotated[str | None, ref("assumes_role", "iam_role")] = None
    health_check_type: Literal["EC2", "ELB"] | None = None
    imdsv2_required: bool | None = Field(
        default=None,
        description="The launch template or configuration requires IMDSv2 (HttpTokens "
        "required); not stated: unknown (the AMI or the account default decides).",
    )
    public_ip: bool | None = Field(
        default=None,
        description="The launch template or configuration asks for a public IPv4 address on "
        "launched instances (not asking leaves it to the subnet's setting).",
    )
    multiple_instance_types: bool | None = Field(
        default=None,
        description="The group can launch more than one instance type: a mixed instances "
        "policy with two or more instance type overrides, or attribute-based instance types.",
    )


EbsEncryption = Literal["encrypted", "unencrypted", "unstated", "no_volumes"]


def ebs_encryption(encrypted: list[bool | None]) -> EbsEncryption:
    """What a template's EBS volumes say of encryption, from each one's Encrypted (None: not
    stated); every source reads the mappings its own way and decides here."""
    if False in encrypted:
        return "unencrypted"
    if None in encrypted:
        return "unstated"
    return "encrypted" if encrypted else "no_volumes"


class LaunchTemplate(Resource):
    """An EC2 launch template, as its default version says (what Security Hub judges; an Auto
    Scaling group's own facts say what the version it launches does)."""

    kind: Literal["launch_template"] = "launch_template"
    instance_type: str | None = None
    imdsv2_required: bool | None = Field(
        default=None,
        description="MetadataOptions HttpTokens is required; not stated: unknown (the AMI or "
        "the account's IMDS default decides).",
    )
    public_ip: bool | None = Field(
        default=None,
        description="A network interface asks for a public IPv4 address "
        "(AssociatePublicIpAddress).",
    )
    ebs_encryption: EbsEncryption | None = Field(
        default=None,
        description="The EBS volumes of its block device mappings: every one states "
        "Encrypted true (encrypted), one states false (unencrypted), one leaves it unstated "
        "(the snapshot or the account's default decides), or it maps none (no_volumes).",
    )


class EcsService(VpcPlaced):
    kind: Literal["ecs_service"] = "ecs_service"
    cluster: str | None = None
    launch_type: Literal["FARGATE", "EC2", "EXTERNAL"] = "FARGATE"
    cpu: int | None = Field(default=None, description="Task CPU units (1024 = 1 vCPU).")
    memory_mb: int | None = None
    desired_count: int | None = Field(default=None, ge=0)
    task_role: Annotated[str | None, ref("assumes_role", "iam_role")] = None
    execution_role: Annotated[str | None, ref("assumes_role", "iam_role")] = None
    assign_public_ip: bool | None = None
    environment: EnvNames = Field(default_factory=list)


class EksCluster(VpcPlaced):
    kind: Literal["eks_cluster"] = "eks_cluster"
    version: str | None = None
    endpoint_public_access: bool | None = None
    endpoint_private_access: bool | None = None
    public_access_cidrs: StrList = Field(default_factory=list)
    secrets_kms_key: Annotated[str | None, ref("encrypted_by", "kms_key")] = None
    control_plane_logging: bool | None = None
    audit_logging: bool | None = Field(
        default=None, description="The audit control-plane log type is sent to CloudWatch Logs."
    )
    role: Annotated[str | None, ref("assumes_role", "iam_role")] = None
    node_count: int | None = Field(default=None, ge=0)
    node_instance_type: str | None = None


class ElasticBeanstalkEnvironment(VpcPlaced):
    kind: Literal["elastic_beanstalk_environment"] = "elastic_beanstalk_environment"
    application: str | None = None
    platform: str | None = None
    tier: Literal["WebServer", "Worker"] = "WebServer"
    instance_type: str | None = None
    min_instances: int | None = Field(default=None, ge=0)
    max_instances: int | None = Field(default=None, ge=0)
    load_balancer_type: Literal["application", "network", "classic", "none"] | None = None
    managed_updates: bool | None = None
    enhanced_health: bool | None = None
    stream_logs: bool | None = Field(
        default=None, description="Instance logs are streamed to CloudWatch Logs."
    )
    role: Annotated[str | None, ref("assumes_role", "iam_role")] = None
    environment: EnvNames = Field(default_factory=list)
