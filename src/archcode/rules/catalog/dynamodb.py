"""DynamoDB tables: point-in-time recovery, backup plans, deletion protection."""

from __future__ import annotations

from typing import TYPE_CHECKING

from archcode.rules.base import Category, Frameworks, Remediation, Severity, Verdict, expect
from archcode.rules.catalog._backup import (
    in_backup_plan,
    selection_cloudformation,
    selection_terraform,
    selection_yaml,
)
from archcode.rules.context import Context
from archcode.rules.registry import resource_rule

if TYPE_CHECKING:
    from archcode.model.kinds.dynamodb_table import DynamodbTable


@resource_rule(
    id="dynamodb-table-point-in-time-recovery",
    title="DynamoDB tables have point-in-time recovery enabled",
    severity=Severity.MEDIUM,
    category=Category.BACKUP,
    kinds=("dynamodb_table",),
    frameworks=Frameworks(security_hub=("DynamoDB.2",), well_architected=("REL09-BP03",)),
    rationale="Point-in-time recovery restores a table to any second of the last 35 days, "
    "undoing a bad deploy or a runaway delete without a scheduled backup.",
    remediation=Remediation(
        text="Enable point-in-time recovery.",
        yaml="point_in_time_recovery: true",
        cloudformation="PointInTimeRecoverySpecification:\n  PointInTimeRecoveryEnabled: true",
        terraform=("point_in_time_recovery {\n  enabled = true\n}"),
    ),
    per_account=True,
)
def dynamodb_table_pitr(table: DynamodbTable, ctx: Context) -> Verdict:
    return expect(
        table.point_in_time_recovery,
        "point_in_time_recovery",
        "point-in-time recovery is off",
    )


@resource_rule(
    id="dynamodb-table-backup-plan",
    title="DynamoDB tables are protected by an AWS Backup plan",
    severity=Severity.MEDIUM,
    category=Category.BACKUP,
    kinds=("dynamodb_table",),
    frameworks=Frameworks(security_hub=("DynamoDB.4",), well_architected=("REL09-BP03",)),
    relies_on=("backup_selection", "backup_plan"),
    rationale="AWS Backup keeps table backups beyond PITR's 35 days, locks them in a vault and "
    "copies them to another region or account.",
    remediation=Remediation(
        text="Select the table in a backup plan (by id or by tag).",
        yaml=selection_yaml("table"),
        cloudformation=selection_cloudformation("!GetAtt Table.Arn"),
        terraform=selection_terraform("aws_dynamodb_table.table.arn"),
    ),
)
def dynamodb_table_backup_plan(table: DynamodbTable, ctx: Context) -> Verdict:
    return in_backup_plan(ctx.id_of(table), ctx)


@resource_rule(
    id="dynamodb-table-deletion-protection",
    title="DynamoDB tables have deletion protection enabled",
    severity=Severity.MEDIUM,
    category=Category.BACKUP,
    kinds=("dynamodb_table",),
    frameworks=Frameworks(security_hub=("DynamoDB.6",), well_architected=("REL09-BP01",)),
    rationale="Deleting a table deletes its point-in-time recovery history with it; deletion "
    "protection stops that from happening by mistake.",
    remediation=Remediation(
        text="Enable deletion protection.",
        yaml="deletion_protection: true",
        cloudformation="DeletionProtectionEnabled: true",
        terraform="deletion_protection_enabled = true",
    ),
    per_account=True,
)
def dynamodb_table_deletion_protection(table: DynamodbTable, ctx: Context) -> Verdict:
    return expect(table.deletion_protection, "deletion_protection", "deletion protection is off")
