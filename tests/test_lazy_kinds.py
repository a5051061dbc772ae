"""A run builds only the kind classes of the kinds it meets (issue 17).

Each kind's model class lives in its own module (archcode.model.kinds.<kind>); the registry
names it and imports it on first use; the rules and analyses test resources against stand-ins
(archcode.model.kinds.lazy) that answer isinstance without building the class. These tests keep
the stand-ins' answers equal to the real classes', and a small check from importing the rest.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from itertools import combinations
from pathlib import Path

import pytest
from tests.test_startup import SMALL  # the bench's small file: 10 resources, 9 kinds

from archcode.collectors import load_architecture
from archcode.model.base import Resource, VpcPlaced
from archcode.model.kinds import lazy
from archcode.model.registry import KINDS, KindSpec
from archcode.rules.analysis.placement import ZONED_KINDS

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "kinds"
SRC = str(Path(__file__).resolve().parents[1] / "src")
GROUPS = ("compute", "data", "integration", "network", "operations", "security")


def _fixture_resources() -> list[Resource]:
    found: list[Resource] = []
    for path in sorted(FIXTURES.glob("*.yaml")):
        found.extend(load_architecture(str(path)).resources.values())
    return found


def test_stand_ins_answer_isinstance_as_the_real_classes_for_every_kind() -> None:
    resources = _fixture_resources()
    assert {r.kind for r in resources} == {spec.kind for spec in KINDS}  # one of every kind
    for spec in KINDS:
        stand_in = lazy.stand_in(spec.model_class)
        for resource in resources:
            real = isinstance(resource, spec.model)
            assert isinstance(resource, stand_in) is real, (spec.kind, resource.kind)
    # Nor is anything but a resource an instance of a stand-in, whatever its `kind` says.
    assert not isinstance(KINDS[0], lazy.stand_in(KINDS[0].model_class))


@pytest.mark.parametrize("spec", KINDS, ids=[spec.kind for spec in KINDS])
def test_a_kind_class_lives_in_its_kinds_module_and_is_its_stand_ins_subclass(
    spec: KindSpec,
) -> None:
    model = spec.model
    assert model.__module__ == f"archcode.model.kinds.{spec.kind}"
    assert model.__name__ == spec.model_class
    assert spec.model_path == f"{model.__module__}:{model.__name__}"
    assert model.model_fields["kind"].default == spec.kind
    assert getattr(lazy, spec.model_class) is lazy.stand_in(spec.model_class)
    for other in KINDS:
        assert issubclass(model, lazy.stand_in(other.model_class)) is (other is spec)


def test_no_kind_class_derives_from_another() -> None:
    # What the stand-ins rely on: a resource of kind K is an instance of K's class only.
    for a, b in combinations(KINDS, 2):
        assert not issubclass(a.model, b.model) and not issubclass(b.model, a.model)


def test_stand_ins_work_in_tuples_unions_and_match() -> None:
    from archcode.model.kinds.rds_instance import RdsInstance as Real

    db = Real.model_validate({"kind": "rds_instance"})
    rds, s3 = lazy.RdsInstance, lazy.S3Bucket
    assert isinstance(db, rds | s3) and isinstance(db, (s3, rds)) and not isinstance(db, s3)
    match db:
        case lazy.S3Bucket():
            pytest.fail("an RDS instance matched the S3 bucket pattern")
        case lazy.RdsInstance(kind=kind):
            assert kind == "rds_instance"
    with pytest.raises(TypeError, match="only answers isinstance"):
        rds()
    with pytest.raises(AttributeError):
        _ = lazy.NotAKind


def test_zoned_kinds_are_the_classes_placed_in_zones() -> None:
    from archcode.model.kinds.ebs_volume import EbsVolume

    placed = (VpcPlaced, EbsVolume)
    assert tuple(spec.kind for spec in KINDS if issubclass(spec.model, placed)) == ZONED_KINDS


SMALL_KINDS = {
    "kms_key",
    "vpc",
    "subnet",
    "security_group",
    "rds_instance",
    "lambda_function",
    "s3_bucket",
    "sqs_queue",
    "dynamodb_table",
}

# `eager` first imports every kind's class (the six group modules), as before issue 17.
PROBE = """
import json, sys
if sys.argv[1] == "eager":
    import archcode.model.kinds.compute, archcode.model.kinds.data
    import archcode.model.kinds.integration, archcode.model.kinds.network
    import archcode.model.kinds.operations, archcode.model.kinds.security
from archcode.cli import main
code = main(sys.argv[2:])
sys.stdout.flush()
kinds = sorted(m for m in sys.modules if m.startswith("archcode.model.kinds."))
print(json.dumps({"code": code, "kinds": kinds}), file=sys.stderr)
"""


def _check(tmp_path: Path, mode: str, *args: str) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([SRC, os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, mode, *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stderr.strip().splitlines()[-1])
    return {**result, "out": done.stdout}


def test_check_of_small_yaml_builds_only_its_kinds_and_finds_the_same(tmp_path: Path) -> None:
    (tmp_path / "small.yaml").write_text(SMALL)
    args = ("check", "small.yaml", "--format", "json")
    lazy_run, eager_run = _check(tmp_path, "lazy", *args), _check(tmp_path, "eager", *args)
    loaded = {str(m).rsplit(".", 1)[1] for m in lazy_run["kinds"]}  # type: ignore[attr-defined]
    assert {"eks_cluster", "opensearch_domain", "codebuild_project"}.isdisjoint(loaded)
    assert not loaded & set(GROUPS), sorted(loaded & set(GROUPS))
    assert loaded - {"_shared", "lazy"} == SMALL_KINDS
    assert lazy_run["code"] == eager_run["code"] == 1  # the unencrypted database fails
    assert json.loads(str(lazy_run["out"])) == json.loads(str(eager_run["out"]))
