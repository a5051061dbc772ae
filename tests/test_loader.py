"""The YAML loader: every bad-input class gives one clear line with file, line and column."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from tests.conftest import load, problems

from archcode.collectors import load_architecture
from archcode.errors import InputError
from archcode.model.kinds.compute import LambdaFunction
from archcode.model.kinds.data import RdsInstance
from archcode.model.kinds.network import LoadBalancer

HEADER = "name: t\nregion: us-east-1\n"


def test_a_valid_document_loads_with_defaults_applied() -> None:
    arch = load(
        """
        name: demo
        account: "111122223333"
        region: eu-west-1
        actors:
          users: {kind: users}
        resources:
          key: {kind: kms_key, rotation_enabled: true}
          db: {kind: rds_instance, storage_encrypted: true, kms_key: key}
          other: {kind: s3_bucket, region: us-east-1}
        connections:
          - users -> db
          - {from: db, to: key, protocol: https}
        """
    )
    db = arch.resources["db"]
    assert isinstance(db, RdsInstance)
    assert (db.account, db.region, db.kms_key) == ("111122223333", "eu-west-1", "key")
    assert arch.resources["other"].region == "us-east-1"
    assert [(c.source, c.target) for c in arch.connections] == [("users", "db"), ("db", "key")]
    assert arch.connections[1].encrypted_in_transit is True
    assert arch.connections[0].encrypted_in_transit is None


def test_an_omitted_fact_is_unknown_not_false() -> None:
    arch = load(HEADER + "resources:\n  db: {kind: rds, multi_az: false}\n")
    db = arch.resources["db"]
    assert isinstance(db, RdsInstance)
    assert db.multi_az is False
    assert db.storage_encrypted is None


def test_aliases_and_cloudformation_types_name_kinds_with_their_presets() -> None:
    arch = load(
        HEADER
        + "resources:\n"
        + "  a: {kind: alb}\n"
        + "  b: {kind: AWS::Lambda::Function}\n"
        + "  c: {kind: nlb}\n"
    )
    a, b, c = (arch.resources[k] for k in "abc")
    assert isinstance(a, LoadBalancer) and a.type == "application"
    assert isinstance(c, LoadBalancer) and c.type == "network"
    assert isinstance(b, LambdaFunction) and b.kind == "lambda_function"


def test_environment_values_are_never_kept() -> None:
    arch = load(
        HEADER
        + "resources:\n  fn:\n    kind: lambda\n"
        + "    environment: {DB_PASSWORD: hunter2, MODE: prod}\n"
    )
    fn = arch.resources["fn"]
    assert isinstance(fn, LambdaFunction)
    assert fn.environment == ["DB_PASSWORD", "MODE"]
    assert "hunter2" not in fn.model_dump_json()


def test_merge_keys_and_anchors_work() -> None:
    arch = load(
        HEADER
        + "x-db: &db {kind: rds, storage_encrypted: true}\n"
        + "resources:\n  a: {<<: *db, multi_az: true}\n  b: *db\n"
    )
    a, b = arch.resources["a"], arch.resources["b"]
    assert isinstance(a, RdsInstance) and isinstance(b, RdsInstance)
    assert (a.storage_encrypted, a.multi_az, b.multi_az) == (True, True, None)


def test_locations_point_at_each_resource() -> None:
    arch = load(HEADER + "resources:\n  a: {kind: s3}\n  b: {kind: s3}\n", "f.yaml")
    locations = [arch.location(rid) for rid in ("a", "b")]
    assert [(loc.file, loc.line, loc.column) for loc in locations if loc] == [
        ("f.yaml", 4, 3),
        ("f.yaml", 5, 3),
    ]


def test_syntax_error_names_line_and_column() -> None:
    (problem,) = problems("name: t\nresources:\n  a: {kind: s3\n  b: 1\n")
    assert (problem.file, problem.line) == ("arch.yaml", 4)
    assert problem.column is not None
    assert str(problem).startswith("arch.yaml:4:")


def test_duplicate_keys_are_reported_with_the_first_line() -> None:
    found = problems(HEADER + "resources:\n  a: {kind: s3}\n  a: {kind: sqs}\n")
    assert [str(p) for p in found] == ["arch.yaml:5:3: duplicate key 'a' (first at line 4)"]


def test_unknown_field_suggests_the_near_miss() -> None:
    (problem,) = problems(HEADER + "resources:\n  db:\n    kind: rds\n    multi_azz: true\n")
    assert str(problem) == (
        "arch.yaml:6:5: resource db: multi_azz: unknown field (did you mean 'multi_az'?)"
    )


def test_unknown_field_in_a_nested_model_suggests_from_that_model() -> None:
    (problem,) = problems(
        HEADER + "resources:\n  sg:\n    kind: sg\n    ingress:\n      - {port: 22, cidrs: [a]}\n"
    )
    assert problem.field == "ingress[0].cidrs"
    assert "did you mean 'cidr'" in problem.message


def test_unknown_kind_suggests_the_near_miss() -> None:
    (problem,) = problems(HEADER + "resources:\n  fn: {kind: lamda_function}\n")
    assert (problem.resource, problem.field, problem.line) == ("fn", "kind", 4)
    assert problem.message == "unknown kind 'lamda_function' (did you mean 'lambda_function'?)"


def test_missing_kind_is_reported() -> None:
    (problem,) = problems(HEADER + "resources:\n  fn: {name: x}\n")
    assert (problem.resource, problem.field) == ("fn", "kind")
    assert problem.message.startswith("missing")


def test_wrong_type_says_what_was_given() -> None:
    (problem,) = problems(HEADER + "resources:\n  db: {kind: rds, backup_retention_days: lots}\n")
    assert (problem.resource, problem.field, problem.line) == ("db", "backup_retention_days", 4)
    assert "valid integer" in problem.message and "'lots'" in problem.message


def test_missing_required_field_points_at_the_resource() -> None:
    (problem,) = problems(HEADER + "resources:\n  s: {kind: subnet}\n")
    assert (problem.resource, problem.field, problem.line) == ("s", "vpc", 4)
    assert problem.message == "required field is missing"


def test_dangling_reference_suggests_an_existing_id() -> None:
    (problem,) = problems(
        HEADER + "resources:\n  key1: {kind: kms}\n  db: {kind: rds, kms_key: key2}\n"
    )
    assert (problem.resource, problem.field, problem.line) == ("db", "kms_key", 5)
    assert problem.message == "'key2' names no resource (did you mean 'key1'?)"


def test_reference_to_the_wrong_kind_is_reported() -> None:
    (problem,) = problems(HEADER + "resources:\n  b: {kind: s3}\n  db: {kind: rds, kms_key: b}\n")
    assert problem.message == "'b' is a s3_bucket, expected kms_key"


def test_dangling_connection_end_is_reported() -> None:
    (problem,) = problems(HEADER + "resources:\n  a: {kind: s3}\nconnections:\n  - a -> nope\n")
    assert (problem.field, problem.line) == ("connections[0].to", 6)


def test_reference_cycles_are_refused_where_they_make_no_sense() -> None:
    (problem,) = problems(
        HEADER
        + "resources:\n"
        + "  a: {kind: db_snapshot, copy_of: b}\n"
        + "  b: {kind: db_snapshot, copy_of: a}\n"
    )
    assert problem.message == "replica_of forms a cycle: a -> b -> a"
    assert problem.resource in ("a", "b")


def test_every_problem_is_reported_in_one_run() -> None:
    found = problems(
        HEADER
        + "resources:\n"
        + "  a: {kind: rds, multi_azz: true}\n"
        + "  a: {kind: s3}\n"
        + "  b: {kind: nope}\n"
        + "  c: {kind: rds, kms_key: missing}\n"
        + "connections:\n  - b -> zzz\n"
    )
    assert [p.line for p in found] == [4, 5, 6, 7, 9]
    assert all(str(p).startswith("arch.yaml:") for p in found)


def test_iam_grammar_is_checked() -> None:
    found = problems(
        HEADER
        + "resources:\n  p:\n    kind: iam_policy\n    document:\n      Statement:\n"
        + "        - {Effect: Allow, Action: 's3 Get', Resource: '*'}\n"
        + "        - {Effect: Allow, Action: 's3:*', NotAction: 'iam:*', Resource: '*'}\n"
        + "        - {Effect: Maybe, Action: 's3:*'}\n"
    )
    messages = sorted(p.message for p in found)
    assert len(found) == 3
    assert any("is not an IAM action" in m for m in messages)
    assert any("exactly one of Action and NotAction" in m for m in messages)
    assert any("'Allow' or 'Deny'" in m for m in messages)


def test_a_policy_may_be_a_json_string_and_a_single_statement() -> None:
    arch = load(
        HEADER
        + "resources:\n  p:\n    kind: iam_policy\n"
        + """    document: '{"Statement": {"Effect": "Allow", "Action": "s3:GetObject","""
        + """ "Resource": "*"}}'\n"""
    )
    assert arch.resources["p"].document.statement[0].action == ["s3:GetObject"]  # type: ignore[attr-defined]


def test_invalid_ids_are_refused() -> None:
    (problem,) = problems(HEADER + "resources:\n  'bad id': {kind: s3}\n")
    assert "invalid id 'bad id'" in problem.message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "the document is empty"),
        ("- a\n- b\n", "an archcode document is a mapping"),
        ("name: a\n---\nname: b\n", "expected a single YAML document"),
        ("name: !!python/object:os.system x\n", "could not determine a constructor"),
        ("name: &a [*a]\n", "recursive alias"),
        ("name: " + "[" * 100 + "]" * 100 + "\n", "nested deeper than"),
    ],
)
def test_structural_problems_are_refused(text: str, expected: str) -> None:
    found = problems(text)
    assert any(expected in p.message for p in found), [str(p) for p in found]


def test_an_alias_bomb_is_refused_before_it_is_expanded() -> None:
    levels = ['a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 9):
        refs = ",".join([f"*a{i - 1}"] * 10)
        levels.append(f"a{i}: &a{i} [{refs}]")
    text = "name: bomb\ndescription:\n" + "".join(f"  {line}\n" for line in levels)
    (problem,) = problems(text)
    assert "alias bomb" in problem.message


def test_an_oversized_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    huge = tmp_path / "huge.yaml"
    with open(huge, "wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # sparse: costs no disk and no reading
    with pytest.raises(InputError) as caught:
        load_architecture(str(huge))
    assert "larger than" in str(caught.value)


def test_the_size_bound_can_be_lowered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(HEADER + "description: " + "x" * 200 + "\n")
    monkeypatch.setitem(os.environ, "ARCHCODE_MAX_INPUT_BYTES", "100")
    with pytest.raises(InputError, match="larger than 100 bytes"):
        load_architecture(str(path))


def test_unreadable_inputs_are_input_errors(tmp_path: Path) -> None:
    binary = tmp_path / "b.yaml"
    binary.write_bytes(b"name: \xff\xfe\n")
    # A directory is read as a set of templates (issue 7); its unreadable files still say why.
    for path, expected in (
        (tmp_path / "missing.yaml", "no such file"),
        (tmp_path, "b.yaml: not UTF-8"),
        (binary, "not UTF-8"),
    ):
        with pytest.raises(InputError, match=expected):
            load_architecture(str(path))
