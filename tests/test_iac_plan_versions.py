"""Terraform plans written by Terraform 0.12 to 1.x, in every encoding Windows and editors save.

The plans under tests/fixtures/tfplans/ (README there: versions and sources) cover every JSON
``format_version`` Terraform has written (0.1, 0.2, 1.0, 1.1, 1.2); each is read as stored and
re-encoded, and every managed resource of a modelled type must come out as a model resource.
"""

from __future__ import annotations

import codecs
import json
from pathlib import Path
from typing import Any

import pytest

from archcode.collectors import load_architecture
from archcode.collectors.terraform import _model_id
from archcode.errors import InputError
from archcode.io import decode_text
from archcode.model.kinds.data import DynamodbTable, RdsCluster, S3Bucket
from archcode.model.kinds.security import KmsKey
from archcode.model.registry import spec_for_tf_type

PLANS = Path(__file__).resolve().parent / "fixtures" / "tfplans"
FILES = sorted(PLANS.glob("*.tfplan.json"))
ENCODINGS = {
    "utf-8": b"",
    "utf-8-bom": codecs.BOM_UTF8,
    "utf-16-le-bom": codecs.BOM_UTF16_LE,
    "utf-16-be-bom": codecs.BOM_UTF16_BE,
}
CODECS = {"utf-8": "utf-8", "utf-8-bom": "utf-8", "utf-16-le-bom": "utf-16-le"}
CODECS["utf-16-be-bom"] = "utf-16-be"


def _text(path: Path) -> str:
    return decode_text(path.read_bytes(), path.name)


def _managed(module: dict[str, Any]) -> list[dict[str, Any]]:
    found = [r for r in module.get("resources", []) if r.get("mode") == "managed"]
    for child in module.get("child_modules", []):
        found += _managed(child)
    return found


def test_the_directory_holds_every_format_version_and_encoding() -> None:
    versions = {json.loads(_text(p))["format_version"] for p in FILES}
    assert versions == {"0.1", "0.2", "1.0", "1.1", "1.2"}
    terraform = {json.loads(_text(p))["terraform_version"].rsplit(".", 1)[0] for p in FILES}
    assert {"0.12", "0.13", "0.14", "0.15", "1.0", "1.1", "1.3", "1.14"} <= terraform
    starts = {p.read_bytes()[:3] for p in FILES}
    assert {codecs.BOM_UTF8, b'{"f'} <= starts
    assert {s[:2] for s in starts} >= {codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_stored_plan_is_read_with_all_its_modelled_resources(path: Path) -> None:
    plan = json.loads(_text(path))
    arch = load_architecture(str(path))
    modelled = [
        r for r in _managed(plan["planned_values"]["root_module"]) if spec_for_tf_type(r["type"])
    ]
    assert modelled, "each plan holds at least one resource archcode models"
    for resource in modelled:
        got = arch.resources.get(_model_id(resource["address"]))
        assert got is not None, resource["address"]
        spec = spec_for_tf_type(resource["type"])
        assert spec is not None and got.kind == spec.kind


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_plan_reads_the_same_in_every_encoding(
    path: Path, encoding: str, tmp_path: Path
) -> None:
    text = _text(path)
    copy = tmp_path / path.name
    copy.write_bytes(ENCODINGS[encoding] + text.encode(CODECS[encoding]))
    # The same model (locations name the file, so they are compared by line only).
    got, want = load_architecture(str(copy)), load_architecture(str(path))
    assert got.model_dump() == want.model_dump()
    for rid in want.resources:
        where, expected = got.location(rid), want.location(rid)
        assert where and expected and (where.line, where.file) == (expected.line, str(copy))


def test_facts_are_read_from_the_oldest_formats() -> None:
    s3 = load_architecture(str(PLANS / "tf0.12.12-s3-encryption.tfplan.json"))
    (bucket,) = s3.resources.values()
    assert isinstance(bucket, S3Bucket) and bucket.encryption in ("sse-s3", "sse-kms")
    ddb = load_architecture(str(PLANS / "tf0.12.20-dynamodb-kms.tfplan.json"))
    tables = [r for r in ddb.resources.values() if isinstance(r, DynamodbTable)]
    keys = [r for r in ddb.resources.values() if isinstance(r, KmsKey)]
    assert len(tables) == 1 and len(keys) == 1
    rds = load_architecture(str(PLANS / "tf0.13.5-rds-cluster.tfplan.json"))
    (cluster,) = rds.resources.values()
    assert isinstance(cluster, RdsCluster)


@pytest.mark.parametrize(
    ("version", "message"),
    [
        ("2.0", "format_version 2.0: major version 2 may change the structure"),
        ("10.3", "major version 10"),
        ("one", "format_version 'one' is not a Terraform JSON version"),
        (1.0, "format_version 1.0 is not a Terraform JSON version"),
    ],
)
def test_only_an_unreadable_format_version_is_refused_saying_why(
    tmp_path: Path, version: Any, message: str
) -> None:
    path = tmp_path / "plan.json"
    plan = json.loads(_text(PLANS / "tf0.14.0-ec2-instance.tfplan.json"))
    plan["format_version"] = version
    path.write_text(json.dumps(plan))
    with pytest.raises(InputError) as caught:
        load_architecture(str(path), "terraform")
    [problem] = caught.value.problems
    assert message in problem.message and problem.file == str(path)


@pytest.mark.parametrize("version", ["0.1", "0.2", "1.0", "1.1", "1.2", "1.9"])
def test_every_0_and_1_format_version_is_read(tmp_path: Path, version: str) -> None:
    path = tmp_path / "plan.json"
    plan = json.loads(_text(PLANS / "tf0.14.0-ec2-instance.tfplan.json"))
    plan["format_version"] = version
    path.write_text(json.dumps(plan))
    assert load_architecture(str(path)).resources
