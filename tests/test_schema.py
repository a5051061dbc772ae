"""The committed JSON Schema is the one the model generates, and it accepts what the loader does."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from tests.conftest import EXAMPLES, ROOT

from archcode.model.schema import architecture_schema, schema_text

COMMITTED = ROOT / "schema" / "archcode.schema.json"


def test_committed_schema_is_fresh() -> None:
    assert COMMITTED.read_text() == schema_text(), (
        "schema/archcode.schema.json is stale: run `archcode schema -o schema/archcode.schema.json`"
    )


def test_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(architecture_schema())


def test_schema_accepts_aliases_and_cloudformation_types_as_kinds() -> None:
    validator = jsonschema.Draft202012Validator(architecture_schema())
    for kind in ("rds_instance", "rds", "AWS::RDS::DBInstance"):
        doc = {"name": "x", "resources": {"db": {"kind": kind, "multi_az": True}}}
        assert list(validator.iter_errors(doc)) == [], kind


def test_schema_rejects_what_the_loader_rejects() -> None:
    validator = jsonschema.Draft202012Validator(architecture_schema())
    for doc in (
        {"name": "x", "resources": {"db": {"kind": "rds", "multi_azz": True}}},
        {"name": "x", "resources": {"db": {"kind": "nope"}}},
        {"name": "x", "bogus": 1},
    ):
        assert list(validator.iter_errors(doc)), doc


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_examples_validate_against_the_schema(path: object) -> None:
    validator = jsonschema.Draft202012Validator(json.loads(COMMITTED.read_text()))
    doc = yaml.safe_load(Path(str(path)).read_text())
    assert [e.message for e in validator.iter_errors(doc)] == []
