"""EBS snapshots (EC2.1) and launch templates (EC2.25, EC2.170, EC2.181) discovered from a real
moto server over HTTP: DescribeSnapshots (OwnerIds self) and each snapshot's
createVolumePermission; DescribeLaunchTemplateVersions of every template's default version."""

from __future__ import annotations

import json
from pathlib import Path

import boto3

from archcode.cli import main
from archcode.collectors import load_architecture
from archcode.model.kinds.compute import LaunchTemplate
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


def test_launch_templates_default_versions_are_read_and_judged(
    aws_env: dict[str, str], tmp_path: Path
) -> None:
    """EC2.25, EC2.170, EC2.181 on templates nothing launches: DescribeLaunchTemplateVersions
    with Versions $Default lists every template's default version in one call."""
    ec2 = boto3.client("ec2", region_name="eu-west-1")
    loose = ec2.create_launch_template(
        LaunchTemplateName="loose",
        LaunchTemplateData={
            "InstanceType": "t3.micro",
            "MetadataOptions": {"HttpTokens": "optional"},
            "NetworkInterfaces": [{"DeviceIndex": 0, "AssociatePublicIpAddress": True}],
            "BlockDeviceMappings": [
                {"DeviceName": "/dev/xvda", "Ebs": {"VolumeSize": 8, "Encrypted": False}}
            ],
        },
    )["LaunchTemplate"]["LaunchTemplateId"]
    tight = ec2.create_launch_template(
        LaunchTemplateName="tight",
        LaunchTemplateData={
            "InstanceType": "t3.micro",
            "MetadataOptions": {"HttpTokens": "optional"},
        },
    )["LaunchTemplate"]["LaunchTemplateId"]
    # version 2 fixes it and becomes the default: the default version is what is judged
    ec2.create_launch_template_version(
        LaunchTemplateId=tight,
        SourceVersion="1",
        LaunchTemplateData={
            "MetadataOptions": {"HttpTokens": "required"},
            "BlockDeviceMappings": [
                {"DeviceName": "/dev/xvda", "Ebs": {"VolumeSize": 8, "Encrypted": True}}
            ],
        },
    )
    ec2.modify_launch_template(LaunchTemplateId=tight, DefaultVersion="2")
    out = tmp_path / "ec2.yaml"
    args = ["discover", "--services", "ec2", "--regions", "eu-west-1", "-o", str(out)]
    assert main(args) == 0
    arch = load_architecture(str(out))
    templates = {r.name: r for _rid, r in arch.of_kind("launch_template")}
    assert isinstance(templates["loose"], LaunchTemplate)
    assert isinstance(templates["tight"], LaunchTemplate)
    assert (
        templates["loose"].imdsv2_required,
        templates["loose"].public_ip,
        templates["loose"].ebs_encryption,
    ) == (False, True, "unencrypted")
    assert (
        templates["tight"].imdsv2_required,
        templates["tight"].public_ip,
        templates["tight"].ebs_encryption,
    ) == (True, False, "encrypted")

    report = tmp_path / "check.json"
    rules = (
        "launch-template-imdsv2",
        "launch-template-no-public-ip",
        "launch-template-ebs-encrypted",
    )
    main(["check", str(out), "-f", "json", "-o", str(report), "--include-passed",
          *(a for r in rules for a in ("--rule", r))])  # fmt: skip
    outcomes = {
        (f["rule_id"], f["resource"]["id"].rsplit("/", 1)[-1]): f["outcome"]
        for f in json.loads(report.read_text())["findings"]
    }
    assert {outcomes[(r, loose)] for r in rules} == {"FAIL"}
    assert {outcomes[(r, tight)] for r in rules} == {"PASS"}
