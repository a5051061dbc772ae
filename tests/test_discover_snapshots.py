"""EBS snapshots (Security Hub EC2.1) discovered from a real moto server over HTTP:
DescribeSnapshots (OwnerIds self) and each snapshot's createVolumePermission."""

from __future__ import annotations

import json
from pathlib import Path

import boto3

from archcode.cli import main
from archcode.collectors import load_architecture
from archcode.model.kinds.data import EbsSnapshot


def test_public_and_shared_snapshots_are_read_and_judged(
    aws_env: dict[str, str], tmp_path: Path
) -> None:
    ec2 = boto3.client("ec2", region_name="eu-west-1")
    volume = ec2.create_volume(AvailabilityZone="eu-west-1a", Size=8, Encrypted=True)["VolumeId"]
    public = ec2.create_snapshot(VolumeId=volume, Description="public")["SnapshotId"]
    shared = ec2.create_snapshot(VolumeId=volume, Description="shared")["SnapshotId"]
    ec2.modify_snapshot_attribute(
        SnapshotId=public,
        Attribute="createVolumePermission",
        OperationType="add",
        GroupNames=["all"],
    )
    ec2.modify_snapshot_attribute(
        SnapshotId=shared,
        Attribute="createVolumePermission",
        OperationType="add",
        UserIds=["444455556666"],
    )
    out = tmp_path / "ec2.yaml"
    args = ["discover", "--services", "ec2", "--regions", "eu-west-1", "-o", str(out)]
    assert main(args) == 0
    arch = load_architecture(str(out))
    snapshots = {
        r.name: (rid, r) for rid, r in arch.of_kind("ebs_snapshot") if isinstance(r, EbsSnapshot)
    }
    # Only the two snapshots made here are asserted (moto may hold others of its own).
    mine = {rid: r for rid, r in snapshots.values() if rid.endswith((public, shared))}
    assert len(mine) == 2
    by_id = {rid.rsplit("/", 1)[-1]: r for rid, r in mine.items()}
    assert by_id[public].public is True and by_id[public].shared_with_accounts == []
    assert by_id[shared].public is False
    assert by_id[shared].shared_with_accounts == ["444455556666"]
    assert by_id[shared].encrypted is True and by_id[shared].size_gb == 8
    assert by_id[shared].volume is not None
    assert arch.resources[by_id[shared].volume].kind == "ebs_volume"

    report = tmp_path / "check.json"
    main(["check", str(out), "-f", "json", "-o", str(report), "--include-passed",
          "--rule", "ebs-snapshot-not-public"])  # fmt: skip
    outcomes = {
        f["resource"]["id"].rsplit("/", 1)[-1]: f["outcome"]
        for f in json.loads(report.read_text())["findings"]
    }
    assert outcomes[public] == "FAIL"
    assert outcomes[shared] == "PASS"
