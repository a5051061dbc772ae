"""AWS Backup: vaults (key, lock), plans (rules, cross-region copies) and selections (what is
backed up); copies become connections between vaults."""

from __future__ import annotations

from typing import Any

from archcode.collectors.aws.draft import Ctx
from archcode.collectors.aws.services.base import ServiceGroup, listing

_PLAN, _SELECTION = ("backup_plan",), ("backup_selection",)


def _rule(ctx: Ctx, rule: dict[str, Any]) -> dict[str, Any]:
    copies = [
        {
            "vault": ctx.ref(c.get("DestinationBackupVaultArn")),
            "retention_days": (c.get("Lifecycle") or {}).get("DeleteAfterDays"),
        }
        for c in rule.get("CopyActions") or []
    ]
    return {
        "name": rule.get("RuleName") or "rule",
        "schedule": rule.get("ScheduleExpression"),
        "retention_days": (rule.get("Lifecycle") or {}).get("DeleteAfterDays"),
        "vault": ctx.ref(rule.get("TargetBackupVaultName")),
        # A copy to a vault that was not discovered (another account or region) is dropped.
        "copy_to": [{k: v for k, v in c.items() if v is not None} for c in copies],
    }


def collect(ctx: Ctx) -> None:
    for vault in listing(ctx, "backup_vault", "BackupVaultList") or []:
        name = vault["BackupVaultName"]
        ctx.add(
            "backup_vault",
            f"vault/{name}",
            {
                "name": name,
                "arn": vault.get("BackupVaultArn"),
                "kms_key": ctx.ref(vault.get("EncryptionKeyArn")),
                "locked": vault.get("Locked"),
            },
            name,
        )
    for plan in listing(ctx, "backup_plan", "BackupPlansList") or []:
        pid = plan["BackupPlanId"]
        reply = ctx.reader.call("get_backup_plan", kinds=_PLAN, BackupPlanId=pid)
        body = (reply.get("BackupPlan") or {}) if isinstance(reply, dict) else {}
        rules = [_rule(ctx, r) for r in body.get("Rules") or []]
        plan_id = ctx.add(
            "backup_plan",
            f"plan/{plan.get('BackupPlanName', pid)}",
            {
                "name": plan.get("BackupPlanName"),
                "arn": plan.get("BackupPlanArn"),
                "rules": rules,
            },
            pid,
        )
        for rule in rules:
            for copy in rule["copy_to"]:
                ctx.link(rule["vault"], copy.get("vault"), label="backup copy")
        selections = listing(ctx, "backup_selection", "BackupSelectionsList", BackupPlanId=pid)
        for sel in selections or []:
            got = ctx.reader.call(
                "get_backup_selection",
                kinds=_SELECTION,
                BackupPlanId=pid,
                SelectionId=sel["SelectionId"],
            )
            detail = (got.get("BackupSelection") or {}) if isinstance(got, dict) else {}
            conditions = detail.get("ListOfTags") or []
            ctx.add(
                "backup_selection",
                f"selection/{sel['SelectionId']}",
                {
                    "name": sel.get("SelectionName"),
                    "plan": plan_id,
                    "resources": ctx.refs(r for r in detail.get("Resources") or [] if r != "*"),
                    "role": ctx.ref(sel.get("IamRoleArn")),
                    "selection_tags": {
                        str(c.get("ConditionKey")): str(c.get("ConditionValue"))
                        for c in conditions
                        if c.get("ConditionKey")
                    },
                },
            )


GROUP = ServiceGroup("backup", ("backup_vault", "backup_plan", "backup_selection"), collect)
