"""An Aurora cluster and its member instances are judged together, from every source.

The template case is the shape of aws-cloudformation/aws-cloudformation-templates'
DMS/DMSAuroraToS3FullLoadAndOngoingReplication.yaml: encryption set on the cluster only, one
member instance. Before, the member's encryption and the cluster's zones were UNKNOWN.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from tests.checkhelp import run, write

TEMPLATE = """\
Resources:
  Cluster:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-postgresql
      StorageEncrypted: {encrypted}
  Writer:
    Type: AWS::RDS::DBInstance
    Properties:
      DBClusterIdentifier: !Ref Cluster
      DBInstanceClass: db.t3.medium
      Engine: aurora-postgresql
{reader}"""

READER = """\
  Reader:
    Type: AWS::RDS::DBInstance
    Properties:
      DBClusterIdentifier: !Ref Cluster
      DBInstanceClass: db.t3.medium
      Engine: aurora-postgresql
"""

YAML = """\
name: aurora
region: us-east-1
resources:
  Cluster: {{kind: rds_cluster, engine: aurora-postgresql, storage_encrypted: {encrypted}}}
  Writer: {{kind: rds_instance, cluster: Cluster, az: us-east-1a}}
{reader}"""


def outcomes(capsys: pytest.CaptureFixture[str], path: Path) -> dict[tuple[str, str], str]:
    code, out, err = run(
        capsys, "check", str(path), "--format", "json", "--fail-on", "never", "--include-passed"
    )
    assert code == 0, err
    found: list[dict[str, Any]] = json.loads(out)["findings"]
    return {(f["rule_id"], f["resource"]["id"]): f["status"] for f in found}


@pytest.mark.parametrize("source", ["cfn", "yaml"])
@pytest.mark.parametrize("encrypted", [True, False])
def test_member_inherits_cluster_encryption(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, source: str, encrypted: bool
) -> None:
    text = (TEMPLATE if source == "cfn" else YAML).format(
        encrypted=str(encrypted).lower(), reader=""
    )
    got = outcomes(capsys, write(tmp_path, f"a.{source}.yaml", text))
    expected = "PASS" if encrypted else "FAIL"
    assert got[("rds-instance-storage-encrypted", "Writer")] == expected
    assert got[("rds-cluster-storage-encrypted", "Cluster")] == expected


@pytest.mark.parametrize("source", ["cfn", "yaml"])
def test_one_member_is_one_zone(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, source: str
) -> None:
    text = (TEMPLATE if source == "cfn" else YAML).format(encrypted="true", reader="")
    got = outcomes(capsys, write(tmp_path, f"a.{source}.yaml", text))
    assert got[("rds-cluster-multi-az", "Cluster")] == "FAIL"


def test_members_in_two_zones_span_them(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    reader = "  Reader: {kind: rds_instance, cluster: Cluster, az: us-east-1b}\n"
    got = outcomes(capsys, write(tmp_path, "a.yaml", YAML.format(encrypted="true", reader=reader)))
    assert got[("rds-cluster-multi-az", "Cluster")] == "PASS"


def test_two_members_with_unknown_zones_stay_unknown(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # Two instances may or may not share a zone: nothing in the template says which.
    got = outcomes(
        capsys, write(tmp_path, "a.yaml", TEMPLATE.format(encrypted="true", reader=READER))
    )
    assert got[("rds-cluster-multi-az", "Cluster")] == "UNKNOWN"
