"""CloudTrail: trails (read in their home region), logging status and event selectors."""

from __future__ import annotations

from archcode.collectors.aws.draft import Ctx
from archcode.collectors.aws.services.base import ServiceGroup, listing

_KIND = ("cloudtrail_trail",)


def collect(ctx: Ctx) -> None:
    for trail in listing(ctx, "cloudtrail_trail", "trailList", includeShadowTrails=False) or []:
        arn = trail.get("TrailARN") or trail["Name"]
        status = ctx.reader.call("get_trail_status", kinds=_KIND, Name=arn)
        selectors = ctx.reader.call("get_event_selectors", kinds=_KIND, TrailName=arn)
        management = None
        if isinstance(selectors, dict):
            basic = selectors.get("EventSelectors") or []
            management = any(s.get("IncludeManagementEvents") for s in basic) or bool(
                selectors.get("AdvancedEventSelectors")
            )
        bucket = trail.get("S3BucketName")
        ctx.add(
            "cloudtrail_trail",
            trail["Name"],
            {
                "name": trail["Name"],
                "arn": trail.get("TrailARN"),
                "multi_region": trail.get("IsMultiRegionTrail"),
                "management_events": management,
                "log_file_validation": trail.get("LogFileValidationEnabled"),
                "is_logging": status.get("IsLogging") if isinstance(status, dict) else None,
                "organization_trail": trail.get("IsOrganizationTrail"),
                "kms_key": ctx.ref(trail.get("KmsKeyId")),
                "bucket": ctx.ref(f"arn:aws:s3:::{bucket}") if bucket else None,
                "log_group": ctx.ref(trail.get("CloudWatchLogsLogGroupArn")),
            },
        )


GROUP = ServiceGroup("cloudtrail", ("cloudtrail_trail",), collect)
