"""SARIF 2.1.0: valid against the official schema and shaped the way GitHub code scanning reads."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from checkhelp import ARCH, RULES, run, write

VENDOR = Path(__file__).resolve().parent / "vendor" / "sarif"
SCHEMA = VENDOR / "sarif-schema-2.1.0.json"


def test_the_vendored_schema_is_the_one_recorded_in_its_readme() -> None:
    recorded = re.search(r"sha256 \| `([0-9a-f]{64})`", (VENDOR / "README.md").read_text())
    assert recorded and hashlib.sha256(SCHEMA.read_bytes()).hexdigest() == recorded.group(1)


@pytest.fixture(scope="module")
def validator() -> Any:
    schema = json.loads(SCHEMA.read_text())
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def sarif(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, root: Path, *args: str
) -> dict[str, Any]:
    monkeypatch.chdir(root)  # %SRCROOT% is the working directory, as in a CI checkout
    code, out, err = run(capsys, "check", "--format", "sarif", *args)
    assert code in (0, 1), err
    return dict(json.loads(out))


@pytest.fixture
def log(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> dict[str, Any]:
    (tmp_path / "infra").mkdir()
    write(tmp_path / "infra", "arch.yaml", ARCH)
    write(tmp_path, "rules.yaml", RULES)
    write(
        tmp_path,
        "waivers.yaml",
        "waivers:\n  - {rule: team-db-low, resource: users-db, reason: ok, expires: 2030-01-01}\n",
    )
    return sarif(
        capsys, monkeypatch, tmp_path, "infra/arch.yaml", "--rules", "rules.yaml",
        "--waivers", "waivers.yaml", "--today", "2026-01-01",
    )  # fmt: skip


def test_the_log_is_valid_sarif_2_1_0(log: dict[str, Any], validator: Any) -> None:
    errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(log)]
    assert errors == []
    assert log["version"] == "2.1.0"


def test_rules_carry_security_severity_tags_and_level(log: dict[str, Any]) -> None:
    rules = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    encrypted = rules["team-db-encrypted"]
    assert encrypted["properties"]["security-severity"] == "8.0"
    assert encrypted["defaultConfiguration"]["level"] == "error"
    assert encrypted["shortDescription"]["text"] == "Databases are encrypted at rest"
    assert "security" in encrypted["properties"]["tags"]
    assert "encryption" in encrypted["properties"]["tags"]
    low = rules["team-db-low"]
    assert (low["properties"]["security-severity"], low["defaultConfiguration"]["level"]) == (
        "3.0",
        "note",
    )
    builtin = rules["rds-instance-storage-encrypted"]
    assert "RDS.3" in builtin["properties"]["tags"]


def test_results_point_at_the_resource_line_relative_to_srcroot(log: dict[str, Any]) -> None:
    run_ = log["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    result = next(
        r
        for r in run_["results"]
        if r["ruleId"] == "team-db-encrypted" and "orders-db" in r["message"]["text"]
    )
    assert rules[result["ruleIndex"]]["id"] == "team-db-encrypted"
    assert result["level"] == "error"
    physical = result["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"] == {"uri": "infra/arch.yaml", "uriBaseId": "%SRCROOT%"}
    assert physical["region"] == {"startLine": 5, "startColumn": 3}
    logical = result["locations"][0]["logicalLocations"][0]
    assert logical["fullyQualifiedName"] == "arn:aws:rds:eu-west-1:111122223333:db:orders"
    assert len(result["partialFingerprints"]["archcodeFinding/v1"]) == 32
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"].endswith("/")


def test_waived_findings_are_suppressed_results(log: dict[str, Any]) -> None:
    waived = [r for r in log["runs"][0]["results"] if "suppressions" in r]
    assert len(waived) == 1
    assert waived[0]["ruleId"] == "team-db-low"
    assert waived[0]["suppressions"][0]["status"] == "accepted"
    assert waived[0]["suppressions"][0]["justification"].startswith("ok (until 2030-01-01")


def test_unknown_results_say_so(log: dict[str, Any]) -> None:
    unknown = [
        r for r in log["runs"][0]["results"] if r["properties"]["archcode/outcome"] == "UNKNOWN"
    ]
    assert unknown
    assert all(r["message"]["text"].startswith("Not known, so not passed:") for r in unknown)


def test_rule_errors_are_tool_notifications(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    validator: Any,
) -> None:
    from archcode.rules.base import Category, Frameworks, Remediation, Rule, Severity
    from archcode.rules.registry import RULES as REGISTRY

    def broken(resource: object, ctx: object) -> object:
        raise RuntimeError("bug")

    rule = Rule(
        "test-broken", "Broken", Severity.HIGH, Category.BACKUP, ("rds_instance",),
        Frameworks(), "r", Remediation("t"), resource_check=broken,  # type: ignore[arg-type]
    )  # fmt: skip
    monkeypatch.setitem(REGISTRY, rule.id, rule)
    write(tmp_path, "a.yaml", "name: a\nresources:\n  db: {kind: rds}\n")
    log = sarif(capsys, monkeypatch, tmp_path, "a.yaml", "--rule", "test-broken")
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    note = invocation["toolExecutionNotifications"][0]
    assert note["associatedRule"]["id"] == "test-broken"
    assert "RuntimeError: bug" in note["message"]["text"]
    assert log["runs"][0]["results"] == []
    assert list(validator.iter_errors(log)) == []


def test_files_outside_the_working_directory_get_absolute_uris(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    validator: Any,
) -> None:
    arch = write(tmp_path, "arch.yaml", ARCH)
    elsewhere = tmp_path / "cwd"
    elsewhere.mkdir()
    rules = write(tmp_path, "rules.yaml", RULES)
    log = sarif(capsys, monkeypatch, elsewhere, str(arch), "--rules", str(rules))
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
    }
    assert uris == {arch.resolve().as_uri()}
    assert list(validator.iter_errors(log)) == []
