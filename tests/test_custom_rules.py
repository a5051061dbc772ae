"""Custom YAML rules: validated against the model at load, three-valued when evaluated."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from archcode.errors import InputError
from archcode.rules.base import Outcome
from archcode.rules.custom import load_rules
from archcode.rules.engine import evaluate
from conftest import load

HEADER = """\
rules:
  - id: {id}
    title: Test rule
    severity: high
    category: encryption
    kinds: {kinds}
"""

ARCH = """\
name: t
resources:
  vpc: {kind: vpc}
  sub: {kind: subnet, vpc: vpc}
  db:
    kind: rds_instance
    storage_encrypted: true
    engine: postgres
    backup_retention_days: 7
    tags: {env: prod, team: data}
    subnets: [sub]
  db-plain:
    kind: rds_instance
    storage_encrypted: false
    engine: mysql
    backup_retention_days: 1
    tags: {env: dev}
  db-unknown:
    kind: rds_instance
  fn: {kind: lambda_function}
  fn2: {kind: lambda_function}
  proxy: {kind: rds_proxy}
connections:
  - {from: fn, to: db, protocol: postgresql, port: 5432}
  - {from: fn2, to: proxy, protocol: tls, port: 5432}
"""


def rules_file(tmp_path: Path, body: str, kinds: str = "[rds_instance]") -> str:
    text = HEADER.format(id="t-rule", kinds=kinds) + textwrap.indent(textwrap.dedent(body), "    ")
    path = tmp_path / "rules.yaml"
    path.write_text(text)
    return str(path)


def outcomes(tmp_path: Path, body: str, kinds: str = "[rds_instance]") -> dict[str, str]:
    rules = load_rules([rules_file(tmp_path, body, kinds)])
    return {r.resource or "-": r.outcome.value for r in evaluate(load(ARCH), rules)}


def errors(tmp_path: Path, body: str, kinds: str = "[rds_instance]") -> list[str]:
    with pytest.raises(InputError) as caught:
        load_rules([rules_file(tmp_path, body, kinds)])
    return [str(p) for p in caught.value.problems]


def test_equals_passes_fails_and_is_unknown_on_a_missing_fact(tmp_path: Path) -> None:
    assert outcomes(tmp_path, "require: {field: storage_encrypted, equals: true}") == {
        "db": "PASS",
        "db-plain": "FAIL",
        "db-unknown": "UNKNOWN",
    }


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        ("{field: engine, in: [postgres, aurora-postgresql]}", ("PASS", "FAIL", "UNKNOWN")),
        ("{field: engine, not_in: [mysql]}", ("PASS", "FAIL", "UNKNOWN")),
        ("{field: engine, matches: 'post.*'}", ("PASS", "FAIL", "UNKNOWN")),
        ("{field: backup_retention_days, at_least: 7}", ("PASS", "FAIL", "UNKNOWN")),
        ("{field: backup_retention_days, at_most: 3}", ("FAIL", "PASS", "UNKNOWN")),
        ("{field: engine, exists: true}", ("PASS", "PASS", "FAIL")),
        ("{field: tags.env, equals: prod}", ("PASS", "FAIL", "UNKNOWN")),
        ("{field: subnets, contains: sub}", ("PASS", "FAIL", "FAIL")),
        ("{not: {field: storage_encrypted, equals: false}}", ("PASS", "FAIL", "UNKNOWN")),
        (
            "{all: [{field: storage_encrypted, equals: true}, {field: engine, equals: postgres}]}",
            ("PASS", "FAIL", "UNKNOWN"),
        ),
        (
            # FALSE wins over UNKNOWN in all; TRUE wins over UNKNOWN in any.
            "{any: [{field: storage_encrypted, equals: true}, {field: engine, exists: false}]}",
            ("PASS", "FAIL", "PASS"),
        ),
    ],
)
def test_field_operators(tmp_path: Path, condition: str, expected: tuple[str, ...]) -> None:
    found = outcomes(tmp_path, f"require: {condition}")
    assert (found["db"], found["db-plain"], found["db-unknown"]) == expected


def test_values_are_read_as_the_field_type(tmp_path: Path) -> None:
    found = outcomes(tmp_path, "require: {field: storage_encrypted, equals: 'true'}")
    assert found["db"] == "PASS"


def test_where_limits_the_rule_and_others_are_not_applicable(tmp_path: Path) -> None:
    body = """\
    where: {field: tags.env, equals: prod}
    require: {field: backup_retention_days, at_least: 7}
    """
    assert outcomes(tmp_path, body) == {
        "db": "PASS",
        "db-plain": "NOT_APPLICABLE",
        "db-unknown": "UNKNOWN",
    }


def test_connection_conditions(tmp_path: Path) -> None:
    body = """\
    require:
      not:
        connection: {to_kind: rds_instance, protocol_in: [postgresql, mysql]}
    message: talks to RDS directly; use RDS Proxy
    """
    found = outcomes(tmp_path, body, kinds="[lambda_function]")
    assert found == {"fn": "FAIL", "fn2": "PASS"}
    rules = load_rules([rules_file(tmp_path, body, kinds="[lambda_function]")])
    fail = next(r for r in evaluate(load(ARCH), rules) if r.outcome is Outcome.FAIL)
    assert fail.message == "talks to RDS directly; use RDS Proxy"
    incoming = outcomes(
        tmp_path,
        "require: {connection: {from_kind: lambda_function, port_in: [5432]}}",
        kinds="[rds_instance, rds_proxy]",
    )
    assert incoming == {"db": "PASS", "db-plain": "FAIL", "db-unknown": "FAIL", "proxy": "PASS"}


def test_an_unknown_protocol_makes_a_connection_condition_unknown(tmp_path: Path) -> None:
    rules = load_rules(
        [
            rules_file(
                tmp_path, "require: {connection: {to_kind: rds_instance, encrypted: true}}",
                kinds="[lambda_function]",
            )
        ]
    )  # fmt: skip
    arch = load(
        "name: t\nresources:\n  fn: {kind: lambda}\n  db: {kind: rds}\n"
        "connections:\n  - {from: fn, to: db, protocol: postgresql}\n"
    )
    (result,) = evaluate(arch, rules)
    assert result.outcome is Outcome.UNKNOWN
    assert "encryption of fn -> db" in result.message


def test_a_misspelled_field_is_an_error_at_its_line(tmp_path: Path) -> None:
    lines = errors(tmp_path, "require: {field: storage_encrpyted, equals: true}")
    assert len(lines) == 1
    assert lines[0].endswith(
        "rules.yaml:7:15: rules[0].require.field: unknown field 'storage_encrpyted' of "
        "rds_instance (did you mean 'storage_encrypted'?)"
    )


def test_a_field_must_exist_on_every_kind_of_the_rule(tmp_path: Path) -> None:
    (line,) = errors(tmp_path, "require: {field: multi_az, equals: true}", "[rds_instance, s3]")
    assert "unknown field 'multi_az' of s3" in line


@pytest.mark.parametrize(
    ("body", "kinds", "message"),
    [
        ("require: {field: storage_encrypted, equals: yes please}", None, "does not fit field"),
        ("require: {field: storage_encrypted, equal: true}", None, "unknown operator 'equal'"),
        ("require: {field: engine, matches: '('}", None, "not a regular expression"),
        ("require: {field: engine.x, equals: a}", None, "'engine' of rds_instance has no fields"),
        ("require: {connection: {to_kind: rds_instanse}}", None, "unknown kind 'rds_instanse'"),
        ("require: {connection: {protocol: tcp}}", None, "unknown connection filter 'protocol'"),
        ("require: {every: []}", None, "unknown condition 'every'"),
        ("require: {field: engine, equals: a}", "[rds_instanse]", "unknown kind 'rds_instanse'"),
        ("require: {field: engine, in: []}", None, "a non-empty list"),
    ],
)
def test_bad_rules_are_refused_with_a_message(
    tmp_path: Path, body: str, kinds: str | None, message: str
) -> None:
    lines = errors(tmp_path, body, kinds or "[rds_instance]")
    assert any(message in line for line in lines), lines
    assert all(":" in line.split("rules.yaml", 1)[1] for line in lines)  # every line has a line no.


def test_rule_metadata_errors_and_duplicate_ids(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(
        "rules:\n"
        "  - {id: a, title: A, severity: low, category: encryption, kinds: [s3],"
        " require: {field: versioning, equals: true}}\n"
        "  - {id: rds-instance-storage-encrypted, title: B, severity: low, category: backup,"
        " kinds: [s3], require: {field: versioning, equals: true}}\n"
    )
    from archcode.rules.registry import builtin_rules

    with pytest.raises(InputError) as caught:
        load_rules([str(path)], builtin_rules())
    lines = [str(p) for p in caught.value.problems]
    assert len(lines) == 1
    assert any(
        ":3:" in line and "'rds-instance-storage-encrypted' is already taken" in line
        for line in lines
    ), lines


def test_bad_rules_file_exits_2_through_the_cli(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from archcode.cli import main

    arch = tmp_path / "a.yaml"
    arch.write_text(ARCH)
    rules = rules_file(tmp_path, "require: {field: storage_encrpyted, equals: true}")
    assert main(["check", str(arch), "--rules", rules]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{rules}:7:15:") and "Traceback" not in err


def test_rule_metadata_is_validated(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(
        "rules:\n"
        "  - {id: a, title: A, severity: severe, category: encryption, kinds: [s3],"
        " require: {field: versioning, equals: true}}\n"
    )
    with pytest.raises(InputError) as caught:
        load_rules([str(path)])
    (line,) = [str(p) for p in caught.value.problems]
    assert line.startswith(f"{path}:2:23: rules[0].severity: Input should be 'critical'")


def test_the_examples_in_docs_check_md_load(tmp_path: Path) -> None:
    docs = (Path(__file__).resolve().parent.parent / "docs" / "check.md").read_text()
    blocks = [b.split("```", 1)[0] for b in docs.split("```yaml\n")[1:]]
    rules_block = next(b for b in blocks if b.startswith("rules:"))
    waivers_block = next(b for b in blocks if "waivers:" in b and "rule:" in b)
    path = tmp_path / "rules.yaml"
    path.write_text(rules_block)
    rules = load_rules([str(path)])
    assert [r.id for r in rules] == ["team-prod-db-multi-az", "team-lambda-no-direct-rds"]
    (tmp_path / "waivers.yaml").write_text(waivers_block)
    from archcode.rules.waivers import load_waivers

    (waiver,) = load_waivers(str(tmp_path / "waivers.yaml"), ["rds-instance-multi-az"])
    assert waiver.waiver.resource == "reporting-*"
