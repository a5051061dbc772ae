"""CloudTrail: trails (read in their home region), logging status and event selectors."""

from __future__ import annotations

from typing import Any

from archcode.collectors.aws.draft import Ctx
from archcode.collectors.aws.services.base import ServiceGroup, listing
from archcode.model.kinds._shared import (
    ReadWrite,
    advanced_selector,
    management_read_write,
    read_write,
)

_KIND = ("cloudtrail_trail",)


def _pairs(reply: dict[str, Any]) -> list[tuple[bool, ReadWrite | None]]:
    """GetEventSelectors as (logs management events, read/write) per selector."""
    advanced = reply.get("AdvancedEventSelectors") or []
    if advanced:
        return [
            advanced_selector(
                {
                    str(f.get("Field")): (
                        list(f.get("Equals") or []),
                        list(f.get("NotEquals") or []),
                    )
                    for f in a.get("FieldSelectors") or []
                }
            )
            for a in advanced
        ]
    pairs: list[tuple[bool, ReadWrite | None]] = []
    for selector in reply.get("EventSelectors") or []:
        rw = selector.get("ReadWriteType", "All")
        pairs.append(
            (
                selector.get("IncludeManagementEvents") is not False,
                read_write(rw),
            )
        )
    return pairs


def collect(ctx: Ctx) -> None:
    for trail in listing(ctx, "cloudtrail_trail", "trailList", includeShadowTrails=False) or []:
        arn = trail.get("TrailARN") or trail["Name"]
        status = ctx.reader.call("get_trail_status", kinds=_KIND, Name=arn)
        selectors = ctx.reader.call("get_event_selectors", kinds=_KIND, TrailName=arn)
        pairs = _pairs(selectors) if isinstance(selectors, dict) else None
        management = any(logs for logs, _rw in pairs) if pairs is not None else None
        bucket = trail.get("S3BucketName")
        ctx.add(
            "cloudtrail_trail",
            trail["Name"],
            {
                "name": trail["Name"],
                "arn": trail.get("TrailARN"),
                "multi_region": trail.get("IsMultiRegionTrail"),
                "management_events": management,
                "management_read_write": management_read_write(pairs) if pairs else None,
                "log_file_validation": trail.get("LogFileValidationEnabled"),
                "is_logging": status.get("IsLogging") if isinstance(status, dict) else None,
                "organization_trail": trail.get("IsOrganizationTrail"),
                "kms_key": ctx.ref(trail.get("KmsKeyId")),
                "bucket": ctx.ref(f"arn:aws:s3:::{bucket}") if bucket else None,
                "log_group": ctx.ref(trail.get("CloudWatchLogsLogGroupArn")),
            },
        )


GROUP = ServiceGroup("cloudtrail", ("cloudtrail_trail",), collect)
