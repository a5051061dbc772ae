"""Resilience over the graph: single-AZ tiers on the way to data, and disaster-recovery copies."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from archcode.model.base import Resource
from archcode.model.refs import is_outside, outside_account
from archcode.rules.analysis.backup import copy_regions
from archcode.rules.analysis.paths import entry_points, entry_to_store, is_actor
from archcode.rules.analysis.placement import ZONED_KINDS, has_az_placement, single_az
from archcode.rules.base import (
    Category,
    Frameworks,
    Outcome,
    Remediation,
    Severity,
    Verdict,
    failed,
    not_applicable,
    passed,
    unknown,
)
from archcode.rules.context import Context
from archcode.rules.registry import architecture_rule, resource_rule

if TYPE_CHECKING:
    from archcode.model.kinds.backup_vault import BackupVault
    from archcode.model.kinds.db_snapshot import DbSnapshot
    from archcode.model.kinds.dynamodb_table import DynamodbTable
    from archcode.model.kinds.kms_key import KmsKey
    from archcode.model.kinds.rds_instance import RdsInstance
else:
    from archcode.model.kinds.lazy import DbSnapshot, DynamodbTable, KmsKey, RdsInstance


@architecture_rule(
    id="no-single-az-tier-on-data-path",
    title="Every tier between an internet entry point and a data store spans two or more AZs",
    severity=Severity.HIGH,
    category=Category.AVAILABILITY,
    kinds=ZONED_KINDS,
    frameworks=Frameworks(well_architected=("REL10-BP01", "REL11-BP01")),
    rationale="A request path is only as available as its least available tier: one "
    "single-AZ instance, subnet set or database between the front door and the data takes the "
    "whole path down with its zone, however redundant the other tiers are.",
    remediation=Remediation(
        text="Spread the tier over two or more Availability Zones (subnets in two zones, "
        "Multi-AZ for databases and caches, two or more tasks or instances).",
        yaml="subnets: [private-a, private-b]\nmulti_az: true",
        cloudformation="MultiAZ: true\nSubnets: [!Ref PrivateA, !Ref PrivateB]",
        terraform=(
            "multi_az = true # databases and caches\n"
            "subnets  = [aws_subnet.private_a.id, aws_subnet.private_b.id]"
        ),
    ),
)
def no_single_az_tier(ctx: Context) -> Iterator[Verdict]:
    if not entry_points(ctx):
        yield not_applicable("the model has no internet entry point")
        return
    reach = entry_to_store(ctx)
    for rid, resource in ctx.arch.resources.items():
        if is_actor(ctx, rid) or not has_az_placement(resource) or not reach.on_path(rid):
            continue
        confined = single_az(resource, ctx)
        path = reach.path_through(rid)
        if confined is None:
            yield Verdict(Outcome.UNKNOWN, "its Availability Zones are not known", rid, path)
        elif confined:
            yield Verdict(
                Outcome.FAIL,
                f"{rid} runs in a single Availability Zone on {' -> '.join(path)}",
                rid,
                path,
            )
        else:
            yield Verdict(Outcome.PASS, "", rid, path)


def _other_region(own: str | None, regions: list[str | None]) -> bool | None:
    if any(r is not None and own is not None and r != own for r in regions):
        return True
    if own is None or any(r is None for r in regions):
        return None
    return False


@resource_rule(
    id="data-store-cross-region-backup",
    title="Data stores keep a backup or replica in a second region",
    severity=Severity.LOW,
    category=Category.BACKUP,
    kinds=("rds_instance", "rds_cluster", "dynamodb_table", "efs_file_system"),
    frameworks=Frameworks(well_architected=("REL09-BP01", "REL13-BP02")),
    relies_on=("db_snapshot", "backup_selection", "backup_plan"),
    rationale="Backups in the same region share its fate: a regional outage, or an attacker "
    "in the account, can take the data and its backups together.",
    remediation=Remediation(
        text="Copy backups to a vault in another region (AWS Backup copy_to), copy snapshots "
        "cross-region, or keep a cross-region replica or global table.",
        yaml="kind: backup_plan\nrules:\n  - name: daily\n    vault: main\n"
        "    copy_to: [{vault: dr-vault}]   # dr-vault has region: us-west-2",
        cloudformation="BackupPlanRule:\n  - RuleName: daily\n    TargetBackupVault: !Ref Main\n"
        "    CopyActions:\n      - DestinationBackupVaultArn: "
        "arn:aws:backup:us-west-2:123456789012:backup-vault:dr",
        terraform=(
            "rule {\n"
            '  rule_name         = "daily"\n'
            "  target_vault_name = aws_backup_vault.main.name\n"
            '  schedule          = "cron(0 5 * * ? *)"\n'
            "  copy_action {\n"
            "    destination_vault_arn = aws_backup_vault.dr.arn # in another region\n"
            "  }\n"
            "}"
        ),
    ),
)
def data_store_cross_region_backup(store: Resource, ctx: Context) -> Verdict:
    rid = ctx.id_of(store)
    if isinstance(store, RdsInstance) and store.cluster:
        return not_applicable("an Aurora cluster member: the cluster holds the data")
    regions = copy_regions(rid, ctx)
    for sid in ctx.referrers(rid, "snapshot_of"):
        # A snapshot kept in another region is itself the copy (discovery sees a cross-region
        # copy as a snapshot of the database even when the snapshot it was copied from is
        # not named).
        if (snapshot_region := ctx.arch.resources[sid].region) is not None:
            regions.append(snapshot_region)
        for copy in ctx.referrers(sid, "replica_of"):
            regions.append(ctx.arch.resources[copy].region)
    source = getattr(store, "replica_of", None)
    if source:  # a cross-region replica is itself the copy of its source
        regions.append(ctx.arch.resources[source].region)
    for replica in ctx.referrers(rid, "replica_of"):
        regions.append(ctx.arch.resources[replica].region)
    if isinstance(store, DynamodbTable):
        regions.extend(store.global_table_regions)
    found = _other_region(store.region, regions)
    if found:
        return passed()
    if found is None:
        return unknown("region of the resource or of its copies")
    return failed("no backup copy, snapshot copy or replica outside its region")


def _key_manager(key_id: str | None, owner: str | None, ctx: Context) -> str | None:
    """customer, aws, or None when the model does not say (a key outside it, say)."""
    key = ctx.resource(key_id)
    if isinstance(key, KmsKey):
        return key.manager
    if key_id is None or not is_outside(key_id):
        return None
    if "alias/aws/" in key_id:
        return "aws"
    # AWS managed keys serve their own account only: a key of another account is a customer's.
    account = outside_account(key_id)
    return "customer" if account and owner and account != owner else None


@resource_rule(
    id="backup-customer-managed-key",
    title="Snapshots and backup vaults are encrypted with a customer managed KMS key",
    severity=Severity.LOW,
    category=Category.ENCRYPTION,
    kinds=("db_snapshot", "backup_vault"),
    frameworks=Frameworks(well_architected=("REL09-BP02", "SEC08-BP01")),
    rationale="With a customer managed key, the key policy decides who may restore or copy a "
    "backup (and a copy can be shared across accounts); AWS managed keys cannot be shared or "
    "restricted.",
    remediation=Remediation(
        text="Encrypt snapshots (copy them with a KMS key) and backup vaults with a customer "
        "managed KMS key.",
        yaml="kms_key: backup-key   # a kms_key with manager: customer",
        cloudformation="EncryptionKeyArn: !GetAtt BackupKey.Arn",
        terraform="kms_key_arn = aws_kms_key.backup.arn",
    ),
)
def backup_customer_managed_key(backup: DbSnapshot | BackupVault, ctx: Context) -> Verdict:
    key_id = backup.kms_key
    if isinstance(backup, DbSnapshot):
        if backup.encrypted is False:
            return failed("the snapshot is not encrypted")
        if key_id is None and backup.source:
            source = ctx.resource(backup.source)
            key_id = getattr(source, "kms_key", None)
        if key_id is None:
            if backup.encrypted is None:
                return unknown("encrypted")
            return failed("encrypted with the AWS managed key")
    elif key_id is None:
        return failed("the vault uses the AWS managed aws/backup key")
    manager = _key_manager(key_id, backup.account or ctx.arch.account, ctx)
    if manager == "customer":
        return passed(f"customer managed key {key_id}")
    if manager is None:
        return unknown(f"manager of KMS key {key_id}")
    return failed(f"{key_id} is an AWS managed key")
