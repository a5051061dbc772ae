"""The AWS defaults docs/iac.md lists are the ones the importers apply, from each source.

For every row of the "AWS defaults assumed" table, a template or plan that says nothing about
the resource's properties must give the documented value: a CloudFormation resource with no
properties, a Terraform resource the plan creates (``created``, ``always``), and one in a state
(``always`` only; ``created`` defaults do not hold for a resource of unknown age).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from tests.conftest import ROOT

from archcode.collectors import load_architecture
from archcode.model.registry import BY_KIND

DOC = (ROOT / "docs" / "iac.md").read_text()
SECTION = re.search(r"<!-- aws-defaults:begin.*?-->(.*?)<!-- aws-defaults:end -->", DOC, re.S)
assert SECTION, "docs/iac.md has no marked AWS defaults section"
ROWS = [
    [cell.strip() for cell in line.strip().strip("|").split("|")]
    for line in SECTION.group(1).splitlines()
    if line.startswith("| ") and not line.startswith("| kind") and "---" not in line
]


def _value(cell: str) -> Any:
    if cell == "unknown":
        return None
    literal = re.fullmatch(r"`([^`]+)`", cell)
    assert literal, f"the assumed value {cell!r} is `literal` or unknown"
    return yaml.safe_load(literal.group(1))


def _field(tmp_path: Path, name: str, document: dict[str, Any], field: str) -> Any:
    path = tmp_path / name
    path.write_text(json.dumps(document))
    arch = load_architecture(str(path), diagnostics=[])
    [resource] = arch.resources.values()
    return getattr(resource, field)


def _plan(tf_type: str, created: bool) -> dict[str, Any]:
    address = f"{tf_type}.r"
    item = {"address": address, "mode": "managed", "type": tf_type, "name": "r", "values": {}}
    if not created:
        return {"format_version": "1.0", "terraform_version": "1.9.8",
                "values": {"root_module": {"resources": [item]}}}  # fmt: skip
    return {
        "format_version": "1.2",
        "terraform_version": "1.9.8",
        "planned_values": {"root_module": {"resources": [item]}},
        "resource_changes": [{"address": address, "change": {"actions": ["create"]}}],
    }


def test_the_table_lists_the_defaults_the_issue_names() -> None:
    listed = {(row[0], row[1]) for row in ROWS}
    assert {
        ("s3_bucket", "block_public_access"),
        ("s3_bucket", "acls_disabled"),
        ("s3_bucket", "encryption"),
        ("rds_instance", "storage_encrypted"),
        ("dynamodb_table", "encryption"),
        ("sqs_queue", "encryption"),
        ("ebs_volume", "encrypted"),
    } <= listed
    for row in ROWS:
        assert len(row) == 7 and row[6], row  # every default names its source


@pytest.mark.parametrize("row", ROWS, ids=lambda r: f"{r[0]}.{r[1]}")
def test_each_documented_default_is_what_each_source_gives(row: list[str], tmp_path: Path) -> None:
    kind, field, assumed, cfn, terraform = row[:5]
    spec = BY_KIND[kind]
    assert field in spec.model.model_fields, (kind, field)
    value = _value(assumed)
    template = {"Resources": {"R": {"Type": spec.cfn_types[0], "Properties": {}}}}
    got = _field(tmp_path, "template.json", template, field)
    assert got == (value if cfn == "assumed" else None), ("CloudFormation", got)
    assert terraform in ("always", "created", "provider", "unknown"), terraform
    if terraform == "provider":
        return  # the provider writes its default into the plan; an empty plan proves nothing
    expected = None if terraform == "unknown" else value
    assert _field(tmp_path, "plan.json", _plan(spec.tf_types[0], True), field) == expected
    in_state = _field(tmp_path, "state.json", _plan(spec.tf_types[0], False), field)
    assert in_state == (value if terraform == "always" else None), ("state", in_state)
