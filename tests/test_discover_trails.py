"""CloudTrail.1's read and write management events, discovered from a real moto server over
HTTP: GetEventSelectors with basic selectors (ReadWriteType) and advanced ones (readOnly)."""

from __future__ import annotations

import json
from pathlib import Path

import boto3

from archcode.cli import main
from archcode.collectors import load_architecture
from archcode.model.kinds.operations import CloudtrailTrail


def test_trail_selectors_decide_read_and_write(aws_env: dict[str, str], tmp_path: Path) -> None:
    boto3.client("s3", region_name="us-east-1").create_bucket(Bucket="audit-logs")
    trails = boto3.client("cloudtrail", region_name="us-east-1")
    for name in ("writes", "advanced-reads"):
        trails.create_trail(Name=name, S3BucketName="audit-logs", IsMultiRegionTrail=True)
        trails.start_logging(Name=name)
    trails.put_event_selectors(
        TrailName="writes",
        EventSelectors=[{"ReadWriteType": "WriteOnly", "IncludeManagementEvents": True}],
    )
    trails.put_event_selectors(
        TrailName="advanced-reads",
        AdvancedEventSelectors=[
            {
                "Name": "management reads",
                "FieldSelectors": [
                    {"Field": "eventCategory", "Equals": ["Management"]},
                    {"Field": "readOnly", "Equals": ["true"]},
                ],
            }
        ],
    )
    out = tmp_path / "trails.yaml"
    args = ["discover", "--services", "cloudtrail", "--regions", "us-east-1", "-o", str(out)]
    assert main(args) == 0
    found = {
        r.name: (r.management_events, r.management_read_write)
        for _rid, r in load_architecture(str(out)).of_kind("cloudtrail_trail")
        if isinstance(r, CloudtrailTrail)
    }
    assert found == {"writes": (True, "WriteOnly"), "advanced-reads": (True, "ReadOnly")}
    report = tmp_path / "check.json"
    main(["check", str(out), "-f", "json", "-o", str(report), "--include-passed",
          "--rule", "cloudtrail-multi-region-trail"])  # fmt: skip
    (finding,) = json.loads(report.read_text())["findings"]
    assert finding["outcome"] == "FAIL"  # neither trail logs both reads and writes
