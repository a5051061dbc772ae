"""Pricers for compute kinds: functions, instances, containers, Kubernetes, Beanstalk."""

from __future__ import annotations

from decimal import Decimal

from archcode.cost.context import PricingContext
from archcode.cost.pricers import pricer
from archcode.cost.pricers.network import internet_out, load_balancer_lines, public_ipv4
from archcode.cost.report import CostLine
from archcode.cost.usage import HOURS_PER_MONTH
from archcode.model.kinds import compute

SECONDS_PER_HOUR = Decimal(3600)
FREE_EPHEMERAL_MB = 512  # every function gets 512 MB of /tmp; only the configured rest is charged


@pricer("lambda_function")
def lambda_function(fn: compute.LambdaFunction, ctx: PricingContext) -> list[CostLine]:
    u = ctx.usage
    arm = "-ARM" if fn.architecture == "arm64" else ""
    memory = fn.memory_mb or u.assume("memory_mb", 128, "memory size not in the model")
    requests, ms = u.number("monthly_requests"), u.number("avg_duration_ms")
    gb_seconds = requests * ms / 1000 * Decimal(memory) / 1024
    svc = {"service": "AWSLambda", "operation": "Invoke"}
    lines = [
        ctx.line(
            "Requests",
            requests,
            usage_type=f"Request{arm}",
            uses=["monthly_requests"],
            free="lambda_requests",
            **svc,
        ),
        ctx.line(
            f"Duration ({memory} MB)",
            gb_seconds,
            usage_type=f"Lambda-GB-Second{arm}",
            uses=["monthly_requests", "avg_duration_ms", "memory_mb"],
            free="lambda_gb_seconds",
            **svc,
        ),
    ]
    storage_mb = u.given.get("ephemeral_storage_mb")  # absent: AWS's default 512 MB, free
    if storage_mb is not None and storage_mb > FREE_EPHEMERAL_MB:
        extra_gb = Decimal(storage_mb - FREE_EPHEMERAL_MB) / 1024
        lines.append(
            ctx.line(
                f"Ephemeral storage ({storage_mb} MB, {storage_mb - FREE_EPHEMERAL_MB} MB charged)",
                requests * ms / 1000 * extra_gb,
                usage_type=f"Lambda-Storage-GB-Second{arm}",
                uses=["monthly_requests", "avg_duration_ms", "ephemeral_storage_mb"],
                **svc,
            )
        )
    if fn.provisioned_concurrency:
        hours = u.number("hours_per_month", HOURS_PER_MONTH)
        pc_gb_s = (
            Decimal(fn.provisioned_concurrency) * Decimal(memory) / 1024 * hours * SECONDS_PER_HOUR
        )
        lines.append(
            ctx.line(
                f"Provisioned concurrency ({fn.provisioned_concurrency})",
                pc_gb_s,
                service="AWSLambda",
                usage_type=f"Lambda-Provisioned-Concurrency{arm}",
                uses=["hours_per_month", "memory_mb"],
            )
        )
    return lines


def instance_hours(
    ctx: PricingContext, label: str, instance_type: str | None, count: int, platform: str = "linux"
) -> CostLine:
    hours = ctx.usage.number("hours_per_month") * count
    name = f"{label} ({count} x {instance_type or 'unknown type'})"
    if not instance_type:
        return ctx.unpriced(name, hours, "Hrs", "instance type unknown")
    operation = "RunInstances" if platform == "linux" else "RunInstances:0002"
    return ctx.line(
        name,
        hours,
        service="AmazonEC2",
        usage_type=f"BoxUsage:{instance_type}",
        operation=operation,
        uses=["hours_per_month"],
    )


@pricer("ec2_instance")
def ec2_instance(instance: compute.Ec2Instance, ctx: PricingContext) -> list[CostLine]:
    ctx.note("EBS volumes are priced as ebs_volume resources")
    lines = [instance_hours(ctx, "Instance hours", instance.instance_type, 1, instance.platform)]
    if instance.public_ip:
        lines.append(public_ipv4(ctx, 1, "the instance's"))
    elif instance.public_ip is None:
        ctx.note("a public IPv4 address is charged if the instance has one; the model does not say")
    return [*lines, *internet_out(ctx)]


@pricer("autoscaling_group")
def autoscaling_group(group: compute.AutoScalingGroup, ctx: PricingContext) -> list[CostLine]:
    count = group.desired_capacity
    if count is None:
        count = (
            group.min_size
            if group.min_size is not None
            else ctx.usage.assume("instances", 1, "desired and minimum size unknown")
        )
    return [instance_hours(ctx, "Instance hours", group.instance_type, int(count))]


@pricer("ecs_service")
def ecs_service(service: compute.EcsService, ctx: PricingContext) -> list[CostLine]:
    if service.launch_type != "FARGATE":
        ctx.note(f"{service.launch_type} tasks run on container instances priced on their own")
        return []
    u = ctx.usage
    tasks = service.desired_count
    if tasks is None:
        tasks = u.assume("tasks", 1, "desired count unknown")
    cpu = service.cpu or u.assume("cpu", 256, "task CPU unknown")
    memory = service.memory_mb or u.assume("memory_mb", 512, "task memory unknown")
    hours = u.number("hours_per_month") * tasks
    uses = ["hours_per_month", "tasks"]
    addresses = [public_ipv4(ctx, tasks, "one per task")] if service.assign_public_ip else []
    return [
        *addresses,
        ctx.line(
            f"Fargate vCPU-hours ({tasks} x {Decimal(cpu) / 1024} vCPU)",
            hours * Decimal(cpu) / 1024,
            service="AmazonECS",
            usage_type="Fargate-vCPU-Hours:perCPU",
            uses=[*uses, "cpu"],
        ),
        ctx.line(
            f"Fargate GB-hours ({tasks} x {Decimal(memory) / 1024} GB)",
            hours * Decimal(memory) / 1024,
            service="AmazonECS",
            usage_type="Fargate-GB-Hours",
            uses=[*uses, "memory_mb"],
        ),
    ]


@pricer("eks_cluster")
def eks_cluster(cluster: compute.EksCluster, ctx: PricingContext) -> list[CostLine]:
    lines = [
        ctx.line(
            "Cluster hours",
            ctx.usage.number("hours_per_month"),
            service="AmazonEKS",
            usage_type="AmazonEKS-Hours:perCluster",
            uses=["hours_per_month"],
        )
    ]
    if cluster.node_count:
        lines.append(
            instance_hours(ctx, "Node hours", cluster.node_instance_type, cluster.node_count)
        )
    return lines


@pricer("elastic_beanstalk_environment")
def elastic_beanstalk_environment(
    env: compute.ElasticBeanstalkEnvironment, ctx: PricingContext
) -> list[CostLine]:
    ctx.note("Elastic Beanstalk itself is free: its instances and load balancer are charged")
    count = env.min_instances
    if count is None:
        count = ctx.usage.assume("instances", 1, "minimum instances unknown")
    lines = [instance_hours(ctx, "Instance hours", env.instance_type, int(count))]
    if env.tier == "WebServer" and env.load_balancer_type in ("application", "network"):
        lines.extend(load_balancer_lines(env.load_balancer_type, ctx))
    return lines
