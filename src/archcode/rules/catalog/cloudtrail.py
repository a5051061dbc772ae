"""CloudTrail: an account-wide multi-region trail, and trails encrypted with KMS.

Model-wide findings (CloudTrail.1 is about an account, not a resource) are reported with no
resource id (``resource`` None) and name the account in the message; every rule of the
catalogue that judges the account does the same.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from archcode.rules.base import (
    Category,
    Frameworks,
    Outcome,
    Remediation,
    Severity,
    Verdict,
    failed,
    passed,
)
from archcode.rules.context import Context
from archcode.rules.registry import architecture_rule, resource_rule

if TYPE_CHECKING:
    from archcode.model.kinds.cloudtrail_trail import CloudtrailTrail
else:
    from archcode.model.kinds.lazy import CloudtrailTrail


def _qualifies(trail: CloudtrailTrail) -> bool | None:
    """Multi-region, logging read and write management events (AWS's default when not
    stated), turned on."""
    if trail.management_events is False or trail.is_logging is False:
        return False
    if trail.management_read_write in ("ReadOnly", "WriteOnly"):
        return False  # CloudTrail.1 asks for both
    return trail.multi_region


@architecture_rule(
    id="cloudtrail-multi-region-trail",
    title="Every account has a multi-region CloudTrail trail logging management events",
    severity=Severity.HIGH,
    category=Category.LOGGING,
    kinds=("cloudtrail_trail",),
    frameworks=Frameworks(
        security_hub=("CloudTrail.1",), cis=("3.1",), well_architected=("SEC04-BP01",)
    ),
    relies_on=("cloudtrail_trail",),
    rationale="Without a trail in every region, API activity in an unwatched region (where an "
    "intruder would go) leaves no audit record. Like CloudTrail.1 the trail must log both "
    "read and write management events: a write-only trail misses reconnaissance.",
    remediation=Remediation(
        text="Create one multi-region trail logging management events (read and write).",
        yaml="kind: cloudtrail_trail\nmulti_region: true\nmanagement_events: true\n"
        "log_file_validation: true\nkms_key: trail-key\nbucket: audit-logs",
        cloudformation="Type: AWS::CloudTrail::Trail\nProperties:\n  IsLogging: true\n"
        "  IsMultiRegionTrail: true\n  IncludeGlobalServiceEvents: true\n"
        "  S3BucketName: !Ref AuditLogs",
        terraform=(
            'resource "aws_cloudtrail" "main" {\n'
            '  name                          = "main"\n'
            "  s3_bucket_name                = aws_s3_bucket.audit_logs.id\n"
            "  is_multi_region_trail         = true\n"
            "  include_global_service_events = true\n"
            "  enable_logging                = true\n"
            "}"
        ),
    ),
)
def cloudtrail_multi_region_trail(ctx: Context) -> Iterator[Verdict]:
    trails = ctx.of_kind("cloudtrail_trail")
    named = sorted(
        {r.account for r in ctx.arch.resources.values() if r.account}
        | ({ctx.arch.account} if ctx.arch.account else set())
    )
    accounts: list[str | None] = [*named] or [None]  # no account named: the model's one
    for account in accounts:
        who = f"account {account}" if account else "the model's account"
        mine = [
            (rid, t)
            for rid, t in trails
            if isinstance(t, CloudtrailTrail)
            and (account is None or t.account in (account, None) or t.organization_trail)
        ]
        verdicts = [(rid, _qualifies(t)) for rid, t in mine]
        good = [rid for rid, ok in verdicts if ok]
        if good:
            verdict = passed(f"{who}: multi-region trail {good[0]}")
        elif any(ok is None for _rid, ok in verdicts):
            undecided = [rid for rid, ok in verdicts if ok is None]
            verdict = Verdict(
                Outcome.UNKNOWN, f"{who}: multi_region is not known for {', '.join(undecided)}"
            )
        else:
            verdict = failed(
                f"{who} has no multi-region trail logging read and write management events"
            )
        yield replace(verdict, account=account)


@resource_rule(
    id="cloudtrail-trail-kms-encrypted",
    title="CloudTrail trails encrypt their logs with a KMS key",
    severity=Severity.MEDIUM,
    category=Category.ENCRYPTION,
    kinds=("cloudtrail_trail",),
    frameworks=Frameworks(
        security_hub=("CloudTrail.2",), cis=("3.5",), well_architected=("SEC08-BP02",)
    ),
    rationale="SSE-KMS adds a second permission (kms:Decrypt) in front of the audit log, and "
    "every read of it is itself logged.",
    remediation=Remediation(
        text="Set a customer managed KMS key on the trail (no key means SSE-S3 only).",
        yaml="kms_key: trail-key",
        cloudformation="KMSKeyId: !Ref TrailKey",
        terraform="kms_key_id = aws_kms_key.trail.arn",
    ),
    per_account=True,
)
def cloudtrail_trail_kms_encrypted(trail: CloudtrailTrail, ctx: Context) -> Verdict:
    # A trail without KMSKeyId is SSE-S3 only: the absence is the AWS default, not unknown.
    if trail.kms_key:
        return passed(f"encrypted with {trail.kms_key}")
    return failed("no KMS key: logs are only SSE-S3 encrypted")
