"""Container and instance fleets: ECS services, EKS clusters, Elastic Beanstalk environments
and Auto Scaling groups. Environment variables: names only, never values."""

from __future__ import annotations

from typing import Any

from archcode.collectors.aws.draft import Ctx, Handle, tags
from archcode.collectors.aws.services.base import ServiceGroup, listing
from archcode.collectors.beanstalk import beanstalk_fields, split, text

_ECS, _EKS, _EB = ("ecs_service",), ("eks_cluster",), ("elastic_beanstalk_environment",)


def _int(value: Any) -> int | None:
    return int(value) if str(value).isdigit() else None


def _chunks(items: list[str], size: int) -> list[list[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def _task_definition(ctx: Ctx, arn: str, cache: dict[str, dict[str, Any]]) -> dict[str, Any]:
    if arn not in cache:
        reply = ctx.reader.call("describe_task_definition", kinds=_ECS, taskDefinition=arn)
        cache[arn] = (reply.get("taskDefinition") or {}) if isinstance(reply, dict) else {}
    return cache[arn]


def collect_ecs(ctx: Ctx) -> None:
    definitions: dict[str, dict[str, Any]] = {}
    for cluster in listing(ctx, "ecs_service", "clusterArns") or []:
        arns = ctx.reader.items("list_services", "serviceArns", kinds=_ECS, cluster=cluster)
        for chunk in _chunks(arns or [], 10):
            reply = ctx.reader.call(
                "describe_services", kinds=_ECS, cluster=cluster, services=chunk
            )
            for svc in (reply.get("services") or []) if isinstance(reply, dict) else []:
                network = (svc.get("networkConfiguration") or {}).get("awsvpcConfiguration") or {}
                task = _task_definition(ctx, svc.get("taskDefinition", ""), definitions)
                env = [
                    e.get("name")
                    for c in task.get("containerDefinitions") or []
                    for e in c.get("environment") or []
                    if e.get("name")
                ]
                launch = svc.get("launchType") or (
                    "FARGATE" if svc.get("capacityProviderStrategy") else "EC2"
                )
                name = svc["serviceName"]
                ctx.add(
                    "ecs_service",
                    f"ecs/{cluster.rsplit('/', 1)[-1]}/{name}",
                    {
                        "name": name,
                        "arn": svc.get("serviceArn"),
                        "cluster": cluster.rsplit("/", 1)[-1],
                        "launch_type": launch
                        if launch in ("FARGATE", "EC2", "EXTERNAL")
                        else "EC2",
                        "desired_count": svc.get("desiredCount"),
                        "cpu": _int(task.get("cpu")),
                        "memory_mb": _int(task.get("memory")),
                        "task_role": ctx.ref(task.get("taskRoleArn")),
                        "execution_role": ctx.ref(task.get("executionRoleArn")),
                        "subnets": ctx.refs(network.get("subnets")),
                        "security_groups": ctx.refs(network.get("securityGroups")),
                        "assign_public_ip": network.get("assignPublicIp") == "ENABLED"
                        if network
                        else None,
                        "environment": sorted(set(env)),
                        "tags": tags(svc.get("tags")),
                    },
                )


def collect_eks(ctx: Ctx) -> None:
    for name in listing(ctx, "eks_cluster", "clusters") or []:
        reply = ctx.reader.call("describe_cluster", kinds=_EKS, name=name)
        if not isinstance(reply, dict):  # listed but not read: kept, its facts unknown
            ctx.add("eks_cluster", f"eks/{name}", {"name": name})
            continue
        cl = reply.get("cluster") or {}
        vpc = cl.get("resourcesVpcConfig") or {}
        keys = [(e.get("provider") or {}).get("keyArn") for e in cl.get("encryptionConfig") or []]
        logging = (cl.get("logging") or {}).get("clusterLogging") or []
        groups = list(vpc.get("securityGroupIds") or []) + (
            [vpc["clusterSecurityGroupId"]] if vpc.get("clusterSecurityGroupId") else []
        )
        ctx.add(
            "eks_cluster",
            f"eks/{name}",
            {
                "name": name,
                "arn": cl.get("arn"),
                "version": cl.get("version"),
                "endpoint_public_access": vpc.get("endpointPublicAccess"),
                "endpoint_private_access": vpc.get("endpointPrivateAccess"),
                "public_access_cidrs": vpc.get("publicAccessCidrs") or [],
                "secrets_kms_key": ctx.ref(keys[0]) if keys else None,
                "control_plane_logging": any(entry.get("enabled") for entry in logging),
                "audit_logging": any(
                    entry.get("enabled") and "audit" in (entry.get("types") or [])
                    for entry in logging
                ),
                "role": ctx.ref(cl.get("roleArn")),
                "subnets": ctx.refs(vpc.get("subnetIds")),
                "security_groups": ctx.refs(groups),
                "tags": tags(cl.get("tags")),
            },
        )


def collect_beanstalk(ctx: Ctx) -> None:
    for env in listing(ctx, "elastic_beanstalk_environment", "Environments") or []:
        if env.get("Status") == "Terminated":
            continue
        name = env["EnvironmentName"]
        reply = ctx.reader.call(
            "describe_configuration_settings",
            kinds=_EB,
            ApplicationName=env.get("ApplicationName"),
            EnvironmentName=name,
        )
        fields: dict[str, Any] = {
            "name": name,
            "arn": env.get("EnvironmentArn"),
            "application": env.get("ApplicationName"),
            "platform": env.get("SolutionStackName") or env.get("PlatformArn"),
        }
        if isinstance(reply, dict):
            fields.update(beanstalk_from_reply(ctx, reply, (env.get("Tier") or {}).get("Name")))
        else:  # the settings could not be read: only the tier is known
            tier = (env.get("Tier") or {}).get("Name") or "WebServer"
            fields["tier"] = tier if tier in ("WebServer", "Worker") else None
        ctx.add("elastic_beanstalk_environment", f"beanstalk/{name}", fields)


def beanstalk_from_reply(ctx: Ctx, reply: dict[str, Any], tier: str | None) -> dict[str, Any]:
    """A DescribeConfigurationSettings answer as written; its meaning is decided in
    collectors.beanstalk, as for templates and plans."""
    items = (reply.get("ConfigurationSettings") or [{}])[0].get("OptionSettings") or []
    settings = [(o.get("Namespace", ""), o.get("OptionName", ""), o.get("Value")) for o in items]
    fields, refs = beanstalk_fields(settings, tier)

    def ids(field: str) -> list[str]:
        return split(text(settings[refs[field]][2])) if field in refs else []

    return {
        **fields,
        "subnets": ctx.refs(ids("subnets")),
        # the option also takes group names; ids are what the index knows
        "security_groups": ctx.refs(s for s in ids("security_groups") if s.startswith("sg-")),
        "role": ctx.ref(ids("instance_profile")[0]) if ids("instance_profile") else None,
    }


def _profile(ctx: Ctx, value: Any) -> Handle | None:
    """An instance profile named by ARN or by name; IAM discovery aliases it to its role."""
    text = str(value or "")
    if not text:
        return None
    if not text.startswith("arn:"):
        text = f"arn:aws:iam::{ctx.account}:instance-profile/{text}"
    return ctx.ref(text)


def _launch_data(ctx: Ctx, asg: dict[str, Any]) -> dict[str, Any] | None:
    """What the group launches: its launch template's data, or its launch configuration."""
    spec = asg.get("LaunchTemplate") or (
        ((asg.get("MixedInstancesPolicy") or {}).get("LaunchTemplate") or {}).get(
            "LaunchTemplateSpecification"
        )
    )
    if spec:
        named = {k: spec[k] for k in ("LaunchTemplateId", "LaunchTemplateName") if spec.get(k)}
        reply = ctx.reader.call(
            "describe_launch_template_versions",
            kinds=("autoscaling_group",),
            service="ec2",
            Versions=[str(spec.get("Version") or "$Default")],
            **dict(list(named.items())[:1]),
        )
        versions = (reply.get("LaunchTemplateVersions") or []) if isinstance(reply, dict) else []
        return (versions[0].get("LaunchTemplateData") or {}) if versions else None
    if asg.get("LaunchConfigurationName"):
        reply = ctx.reader.call(
            "describe_launch_configurations",
            kinds=("autoscaling_group",),
            LaunchConfigurationNames=[asg["LaunchConfigurationName"]],
        )
        configs = (reply.get("LaunchConfigurations") or []) if isinstance(reply, dict) else []
        if configs:
            lc = configs[0]
            return {
                "InstanceType": lc.get("InstanceType"),
                "SecurityGroupIds": lc.get("SecurityGroups"),
                "IamInstanceProfile": {"Name": lc.get("IamInstanceProfile")},
                "MetadataOptions": lc.get("MetadataOptions") or {},
                "NetworkInterfaces": [
                    {"AssociatePublicIpAddress": lc.get("AssociatePublicIpAddress")}
                ],
            }
    return None


def _tokens_required(data: dict[str, Any]) -> bool | None:
    # Unset HttpTokens: the AMI or the account's default decides (unknown here).
    tokens = (data.get("MetadataOptions") or {}).get("HttpTokens")
    return None if tokens not in ("required", "optional") else tokens == "required"


def _multiple_types(asg: dict[str, Any]) -> bool:
    """Two or more instance types among the mixed instances policy's overrides, or
    attribute-based selection; a group without the policy launches one type."""
    overrides = ((asg.get("MixedInstancesPolicy") or {}).get("LaunchTemplate") or {}).get(
        "Overrides"
    ) or []
    if any(o.get("InstanceRequirements") for o in overrides):
        return True
    return len({o.get("InstanceType") for o in overrides} - {None}) >= 2


def collect_autoscaling(ctx: Ctx) -> None:
    for asg in listing(ctx, "autoscaling_group", "AutoScalingGroups") or []:
        name = asg["AutoScalingGroupName"]
        health = asg.get("HealthCheckType")
        data = _launch_data(ctx, asg)
        launched: dict[str, Any] = {}
        if data is not None:
            profile = data.get("IamInstanceProfile") or {}
            interfaces = data.get("NetworkInterfaces") or [{}]
            launched = {
                "instance_type": data.get("InstanceType"),
                "imdsv2_required": _tokens_required(data),
                # Not asked for in the launch data: the subnet's setting applies, not a public IP.
                "public_ip": bool(interfaces[0].get("AssociatePublicIpAddress")),
                "role": _profile(ctx, profile.get("Arn") or profile.get("Name")),
                "security_groups": ctx.refs(
                    data.get("SecurityGroupIds") or interfaces[0].get("Groups")
                ),
            }
        ctx.add(
            "autoscaling_group",
            f"asg/{name}",
            {
                "name": name,
                "arn": asg.get("AutoScalingGroupARN"),
                "min_size": asg.get("MinSize"),
                "max_size": asg.get("MaxSize"),
                "desired_capacity": asg.get("DesiredCapacity"),
                "health_check_type": health if health in ("EC2", "ELB") else None,
                "subnets": ctx.refs(
                    s for s in str(asg.get("VPCZoneIdentifier") or "").split(",") if s
                ),
                "tags": tags(asg.get("Tags")),
                "multiple_instance_types": _multiple_types(asg),
                **launched,
            },
        )


GROUPS = (
    ServiceGroup("ecs", _ECS, collect_ecs),
    ServiceGroup("eks", _EKS, collect_eks),
    ServiceGroup("elasticbeanstalk", _EB, collect_beanstalk),
    ServiceGroup("autoscaling", ("autoscaling_group",), collect_autoscaling),
)
