"""Delivery and operations tooling: CodePipeline, CodeBuild (plaintext environment variable
NAMES only), CodeDeploy, X-Ray groups."""

from __future__ import annotations

from archcode.collectors.aws.draft import Ctx
from archcode.collectors.aws.services.base import ServiceGroup, listing

_PIPE, _BUILD, _DEPLOY = (
    ("codepipeline_pipeline",),
    ("codebuild_project",),
    ("codedeploy_application",),
)


def _chunks(items: list[str], size: int) -> list[list[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def collect_codepipeline(ctx: Ctx) -> None:
    for summary in listing(ctx, "codepipeline_pipeline", "pipelines") or []:
        name = summary["name"]
        reply = ctx.reader.call("get_pipeline", kinds=_PIPE, name=name)
        if not isinstance(reply, dict):  # listed but not read: kept, its facts unknown
            ctx.add("codepipeline_pipeline", f"pipeline/{name}", {"name": name})
            continue
        pipe = reply.get("pipeline") or {}
        store = pipe.get("artifactStore") or {}
        bucket = store.get("location")
        ctx.add(
            "codepipeline_pipeline",
            f"pipeline/{name}",
            {
                "name": name,
                "arn": (reply.get("metadata") or {}).get("pipelineArn"),
                "stages": [s.get("name") for s in pipe.get("stages") or [] if s.get("name")],
                "artifact_bucket": ctx.ref(f"arn:aws:s3:::{bucket}") if bucket else None,
                "role": ctx.ref(pipe.get("roleArn")),
                "kms_key": ctx.ref((store.get("encryptionKey") or {}).get("id")),
            },
        )


def collect_codebuild(ctx: Ctx) -> None:
    names = listing(ctx, "codebuild_project", "projects") or []
    for chunk in _chunks(names, 100):
        reply = ctx.reader.call("batch_get_projects", kinds=_BUILD, names=chunk)
        for project in (reply.get("projects") or []) if isinstance(reply, dict) else []:
            env = project.get("environment") or {}
            logs = project.get("logsConfig") or {}
            variables = env.get("environmentVariables") or []
            ctx.add(
                "codebuild_project",
                f"build/{project['name']}",
                {
                    "name": project["name"],
                    "arn": project.get("arn"),
                    "image": env.get("image"),
                    "compute_type": env.get("computeType"),
                    "privileged_mode": env.get("privilegedMode"),
                    "role": ctx.ref(project.get("serviceRole")),
                    "kms_key": ctx.ref(project.get("encryptionKey")),
                    "logging_enabled": any(
                        (logs.get(k) or {}).get("status") == "ENABLED"
                        for k in ("cloudWatchLogs", "s3Logs")
                    )
                    if logs
                    else None,
                    "s3_logs_encrypted": not (logs.get("s3Logs") or {}).get("encryptionDisabled")
                    if logs
                    else None,
                    # Names only: a plaintext value may be a secret.
                    "plaintext_environment": sorted(
                        v["name"]
                        for v in variables
                        if v.get("name") and v.get("type", "PLAINTEXT") == "PLAINTEXT"
                    ),
                },
            )


def collect_codedeploy(ctx: Ctx) -> None:
    names = listing(ctx, "codedeploy_application", "applications") or []
    for chunk in _chunks(names, 100):
        reply = ctx.reader.call("batch_get_applications", kinds=_DEPLOY, applicationNames=chunk)
        for app in (reply.get("applicationsInfo") or []) if isinstance(reply, dict) else []:
            platform = app.get("computePlatform")
            ctx.add(
                "codedeploy_application",
                f"deploy/{app['applicationName']}",
                {
                    "name": app["applicationName"],
                    "compute_platform": platform
                    if platform in ("Server", "Lambda", "ECS")
                    else "Server",
                },
            )


def collect_xray(ctx: Ctx) -> None:
    for group in listing(ctx, "xray_group", "Groups") or []:
        name = group.get("GroupName") or "Default"
        ctx.add(
            "xray_group",
            f"xray/{name}",
            {
                "name": name,
                "arn": group.get("GroupARN"),
                "filter_expression": group.get("FilterExpression"),
                "insights_enabled": (group.get("InsightsConfiguration") or {}).get(
                    "InsightsEnabled"
                ),
            },
        )


GROUPS = (
    ServiceGroup("codepipeline", _PIPE, collect_codepipeline),
    ServiceGroup("codebuild", _BUILD, collect_codebuild),
    ServiceGroup("codedeploy", _DEPLOY, collect_codedeploy),
    ServiceGroup("xray", ("xray_group",), collect_xray),
)
