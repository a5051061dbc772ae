"""The shared check behind every "in an AWS Backup plan" rule (RDS.26, DynamoDB.4, EFS.2)."""

from __future__ import annotations

from archcode.rules.analysis.backup import protecting_selections
from archcode.rules.base import Verdict, failed, passed
from archcode.rules.context import Context


def in_backup_plan(resource_id: str, ctx: Context) -> Verdict:
    selections = protecting_selections(resource_id, ctx)
    if selections:
        return passed(f"selected by backup selection {', '.join(sorted(selections))}")
    return failed("no AWS Backup selection selects it (by id or by tag)")


def selection_yaml(resource_id: str) -> str:
    return f"kind: backup_selection\nplan: daily\nresources: [{resource_id}]"


def selection_cloudformation(arn: str) -> str:
    """The CloudFormation selection that puts one resource (by ARN) in a backup plan."""
    return (
        "Type: AWS::Backup::BackupSelection\n"
        "Properties:\n"
        "  BackupPlanId: !Ref Plan\n"
        "  BackupSelection:\n"
        "    SelectionName: protected\n"
        "    IamRoleArn: !GetAtt BackupRole.Arn\n"
        f"    Resources: [{arn}]"
    )


def selection_terraform(arn: str) -> str:
    """The Terraform selection that puts one resource (by ARN) in a backup plan."""
    return (
        'resource "aws_backup_selection" "protected" {\n'
        '  name         = "protected"\n'
        "  plan_id      = aws_backup_plan.daily.id\n"
        "  iam_role_arn = aws_iam_role.backup.arn\n"
        f"  resources    = [{arn}]\n"
        "}"
    )
