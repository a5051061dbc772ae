"""`archcode rules`: the listing, the generated docs/rules.md, and `rules test DIR`."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from archcode.cli import main
from archcode.rules.doc import rules_markdown
from archcode.rules.registry import builtin_rules
from checkhelp import RULES, run, write

ROOT = Path(__file__).resolve().parent.parent


def test_docs_rules_md_is_generated_from_the_rules() -> None:
    committed = (ROOT / "docs" / "rules.md").read_text()
    assert committed == rules_markdown(), (
        "docs/rules.md is stale: python -m archcode.rules.doc > docs/rules.md"
    )


def test_docs_name_every_rule_with_its_frameworks() -> None:
    text = rules_markdown()
    for rule in builtin_rules().values():
        assert f"## {rule.id}\n" in text
        for control in rule.frameworks.security_hub:
            assert control in text
    assert "RDS.3" in text


def test_rules_lists_every_rule_as_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules")
    assert code == 0
    listed = {line.split()[0] for line in out.splitlines()}
    assert listed == set(builtin_rules())
    line = next(x for x in out.splitlines() if x.startswith("rds-instance-storage-encrypted "))
    assert "medium" in line and "RDS.3" in line and "encrypted at rest" in line


def test_rules_json_includes_custom_rules(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = write(tmp_path, "rules.yaml", RULES)
    code, out, _ = run(capsys, "rules", "--format", "json", "--rules", str(rules))
    assert code == 0
    listed = {r["id"]: r for r in json.loads(out)}
    assert set(listed) == {*builtin_rules(), "team-db-encrypted", "team-db-low"}
    custom = listed["team-db-encrypted"]
    assert custom["source"] == str(rules)
    assert (custom["severity"], custom["category"], custom["kinds"]) == (
        "high",
        "encryption",
        ["rds_instance"],
    )
    builtin = listed["rds-instance-storage-encrypted"]
    assert builtin["frameworks"]["security_hub"] == ["RDS.3"]
    assert builtin["remediation"]["cloudformation"]


def fixture_dir(tmp_path: Path, fail_text: str) -> Path:
    root = tmp_path / "policies"
    (root / "team-db-encrypted").mkdir(parents=True)
    (root / "rules.yaml").write_text(RULES)
    (root / "team-db-encrypted" / "pass.yaml").write_text(
        "name: p\nresources:\n  db: {kind: rds, storage_encrypted: true}\n"
    )
    (root / "team-db-encrypted" / "fail-plain.yaml").write_text(textwrap.dedent(fail_text))
    return root


def test_rules_test_runs_pass_and_fail_fixtures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = fixture_dir(
        tmp_path, "name: f\nresources:\n  db: {kind: rds, storage_encrypted: false}\n"
    )
    code, out, err = run(capsys, "rules", "test", str(root))
    assert code == 0, err
    lines = out.splitlines()
    assert f"ok    team-db-encrypted  {root / 'team-db-encrypted' / 'fail-plain.yaml'}" in lines
    assert f"ok    team-db-encrypted  {root / 'team-db-encrypted' / 'pass.yaml'}" in lines
    assert any(line.startswith("note  team-db-low: no fixtures") for line in lines)
    assert lines[-1] == "2 fixtures passed, 0 failed"


def test_rules_test_fails_when_a_fixture_misbehaves(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The "fail" fixture passes: the rule (or the fixture) is wrong, exit 1.
    root = fixture_dir(
        tmp_path, "name: f\nresources:\n  db: {kind: rds, storage_encrypted: true}\n"
    )
    code, out, _ = run(capsys, "rules", "test", str(root))
    assert code == 1
    assert "FAIL  team-db-encrypted" in out and "expected a FAIL, got PASS on db" in out
    assert out.splitlines()[-1] == "1 fixtures passed, 1 failed"


def test_rules_test_refuses_a_directory_naming_no_rule(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = fixture_dir(tmp_path, "name: f\nresources:\n  db: {kind: rds}\n")
    (root / "team-db-encrpyted").mkdir()
    assert main(["rules", "test", str(root)]) == 2
    assert "no rule 'team-db-encrpyted'" in capsys.readouterr().err


def test_builtin_rules_can_be_tested_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "builtin"
    (root / "rds-instance-storage-encrypted").mkdir(parents=True)
    (root / "rds-instance-storage-encrypted" / "fail.yaml").write_text(
        "name: f\nresources:\n  db: {kind: rds_instance, storage_encrypted: false}\n"
    )
    (root / "rds-instance-storage-encrypted" / "pass.yaml").write_text(
        "name: f\nresources:\n  db: {kind: rds_instance}\n"  # UNKNOWN is not a pass
    )
    code, out, _ = run(capsys, "rules", "test", str(root))
    assert code == 1
    assert "expected to pass: UNKNOWN on db" in out
