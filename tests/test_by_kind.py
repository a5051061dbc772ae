"""Resources are validated by their kind's model alone, exactly as the union of all kinds would.

A document pays only for the kinds it uses (model.by_kind); its errors, their locations and the
JSON Schema stay those of pydantic's discriminated union over every kind.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from archcode.model.architecture import Architecture
from archcode.model.by_kind import _full_union

BAD_BODIES: list[Any] = [
    "a string",
    None,
    [1, 2],
    {},
    {"kind": None},
    {"kind": 5},
    {"kind": "nope"},
    {"kind": ["rds_instance"]},
    {"kind": "rds_instance", "storage_encrypted": "maybe", "bogus": 1},
    {"kind": "rds_instance", "port": 99999},
    {"kind": "lambda_function", "subnets": 5, "usage": {"monthly_requests": -1}},
    {"kind": "s3_bucket", "tags": {"a": 1}},
    {"kind": "iam_role", "assume_role_policy": {"Statement": "x"}},
]


def _errors(exc: ValidationError, prefix: tuple[Any, ...]) -> list[tuple[Any, ...]]:
    return [
        (e["type"], e["loc"][len(prefix) :], e["msg"], e.get("ctx"))
        for e in exc.errors(include_url=False)
        if e["loc"][: len(prefix)] == prefix
    ]


@pytest.mark.parametrize("body", BAD_BODIES, ids=repr)
def test_errors_are_those_of_the_union_of_every_kind(body: Any) -> None:
    with pytest.raises(ValidationError) as union:
        _full_union().validate_python(body)
    with pytest.raises(ValidationError) as ours:
        Architecture.model_validate({"name": "x", "resources": {"r": body, "ok": {"kind": "vpc"}}})
    expected = _errors(union.value, ())
    assert expected  # the union refuses it
    assert _errors(ours.value, ("resources", "r")) == expected
    assert len(ours.value.errors()) == len(expected)  # nothing reported on the valid resource


def test_a_validated_resource_is_its_kinds_model_and_is_kept_as_given() -> None:
    arch = Architecture.model_validate(
        {"name": "x", "resources": {"db": {"kind": "rds", "port": 5432}}}
    )
    db = arch.resources["db"]
    assert type(db).__name__ == "RdsInstance" and db.kind == "rds_instance"
    again = Architecture.model_validate({"name": "x", "resources": {"db": db}})
    assert again.resources["db"] is db
    assert again.model_dump()["resources"]["db"] == db.model_dump()


def test_only_the_kinds_a_document_uses_are_built(tmp_path: Path) -> None:
    # In a fresh interpreter: other tests here build every kind.
    probe = """
from archcode.model.architecture import Architecture
from archcode.model.registry import KINDS
resources = {"q": {"kind": "sqs"}, "k": {"kind": "kms"}}
Architecture.model_validate({"name": "x", "resources": resources})
print(sorted(s.kind for s in KINDS if s.model.__pydantic_complete__))
"""
    src = str(Path(__file__).resolve().parents[1] / "src")
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": src},
    )
    assert done.stdout.strip() == "['kms_key', 'sqs_queue']", done.stderr
