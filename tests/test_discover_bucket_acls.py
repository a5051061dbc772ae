"""S3.2 and S3.3: a bucket's ACL grants read from a real moto server over HTTP (GetBucketAcl),
judged with its Block Public Access and policy."""

from __future__ import annotations

import json
from pathlib import Path

import boto3

from archcode.cli import main
from archcode.collectors import load_architecture
from archcode.model.kinds.data import S3Bucket


def test_public_acl_grants_are_read_and_judged(aws_env: dict[str, str], tmp_path: Path) -> None:
    s3 = boto3.client("s3", region_name="us-east-1")
    for name in ("acl-read", "acl-write", "acl-private"):
        s3.create_bucket(Bucket=name)
    s3.put_bucket_acl(Bucket="acl-read", ACL="public-read")
    # explicit grants: moto answers a canned public-read-write ACL with its READ grant only
    owner = s3.get_bucket_acl(Bucket="acl-write")["Owner"]
    everyone = {"Type": "Group", "URI": "http://acs.amazonaws.com/groups/global/AllUsers"}
    s3.put_bucket_acl(
        Bucket="acl-write",
        AccessControlPolicy={
            "Owner": owner,
            "Grants": [{"Grantee": everyone, "Permission": "WRITE"}],
        },
    )
    s3.put_bucket_acl(Bucket="acl-private", ACL="private")
    out = tmp_path / "s3.yaml"
    assert main(["discover", "--services", "s3", "--regions", "us-east-1", "-o", str(out)]) == 0
    buckets = {
        r.name: (r.acl_public_read, r.acl_public_write)
        for _rid, r in load_architecture(str(out)).of_kind("s3_bucket")
        if isinstance(r, S3Bucket)
    }
    assert buckets["acl-read"] == (True, False)
    assert buckets["acl-write"] == (False, True)
    assert buckets["acl-private"] == (False, False)

    report = tmp_path / "check.json"
    main(["check", str(out), "-f", "json", "-o", str(report), "--include-passed",
          "--rule", "s3-bucket-no-public-read", "--rule", "s3-bucket-no-public-write"])  # fmt: skip
    outcomes = {
        (f["rule_id"], f["resource"]["name"]): f["outcome"]
        for f in json.loads(report.read_text())["findings"]
    }
    # moto gives new buckets no Block Public Access and no ownership controls: the ACL decides
    assert outcomes[("s3-bucket-no-public-read", "acl-read")] == "FAIL"
    assert outcomes[("s3-bucket-no-public-write", "acl-read")] == "PASS"
    assert outcomes[("s3-bucket-no-public-write", "acl-write")] == "FAIL"
    assert outcomes[("s3-bucket-no-public-read", "acl-private")] == "PASS"
