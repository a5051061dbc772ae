"""`archcode check` as CI meets it: exit codes, --fail-on, UNKNOWN and ERROR, formats."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from archcode.rules.base import Category, Frameworks, Outcome, Remediation, Rule, Severity
from archcode.rules.registry import RULES as REGISTRY
from checkhelp import ARCH, RULES, check_json, run, statuses, write

ONLY_CUSTOM = ("--rule", "team-db-encrypted", "--rule", "team-db-low")


@pytest.fixture
def files(tmp_path: Path) -> tuple[str, str]:
    return str(write(tmp_path, "arch.yaml", ARCH)), str(write(tmp_path, "rules.yaml", RULES))


def test_json_lists_each_finding_with_resource_location_and_rule(
    files: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    arch, rules = files
    code, report = check_json(capsys, arch, "--rules", rules, *ONLY_CUSTOM)
    assert code == 1
    assert statuses(report) == {
        ("team-db-encrypted", "orders-db"): "FAIL",
        ("team-db-encrypted", "legacy-db"): "UNKNOWN",
        ("team-db-low", "orders-db"): "FAIL",
        ("team-db-low", "users-db"): "FAIL",
        ("team-db-low", "legacy-db"): "FAIL",
    }
    first = next(f for f in report["findings"] if f["resource"]["id"] == "orders-db")
    assert first["rule_id"] == "team-db-encrypted"
    assert first["severity"] == "high" and first["category"] == "encryption"
    assert first["resource"] == {
        "id": "orders-db",
        "name": "orders-db",
        "kind": "rds_instance",
        "arn": "arn:aws:rds:eu-west-1:111122223333:db:orders",
        "account": "111122223333",
        "region": "eu-west-1",
    }
    assert first["location"] == {"file": arch, "line": 5, "column": 3}
    assert first["remediation"]["text"] == "Set storage_encrypted."
    assert len(first["fingerprint"]) == 32
    assert report["summary"]["failing"] == 2
    assert report["summary"]["by_status"]["PASS"] == 1


@pytest.mark.parametrize(
    ("fail_on", "expected"), [("critical", 0), ("high", 1), ("low", 1), ("never", 0)]
)
def test_fail_on_sets_the_threshold(
    files: tuple[str, str], capsys: pytest.CaptureFixture[str], fail_on: str, expected: int
) -> None:
    arch, rules = files
    code, _, _ = run(capsys, "check", arch, "--rules", rules, *ONLY_CUSTOM, "--fail-on", fail_on)
    assert code == expected


def test_low_findings_alone_pass_the_default_gate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], files: tuple[str, str]
) -> None:
    arch, rules = files
    code, _, _ = run(capsys, "check", arch, "--rules", rules, "--rule", "team-db-low")
    assert code == 0
    code, _, _ = run(
        capsys, "check", arch, "--rules", rules, "--rule", "team-db-low", "--fail-on", "low"
    )
    assert code == 1


def test_unknown_fails_the_gate_unless_allowed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    arch = write(tmp_path, "a.yaml", "name: a\nresources:\n  db: {kind: rds_instance}\n")
    rules = write(tmp_path, "r.yaml", RULES)
    args = ("check", str(arch), "--rules", str(rules), "--rule", "team-db-encrypted")
    code, out, _ = run(capsys, *args)
    assert code == 1
    assert "UNKNOWN" in out and "storage_encrypted not known" in out
    code, out, _ = run(capsys, *args, "--allow-unknown")
    assert code == 0
    assert "UNKNOWN" in out  # still reported, only not gating


def test_a_rule_that_raises_is_reported_as_error_and_fails_the_gate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(resource: object, ctx: object) -> object:
        raise KeyError("boom")

    rule = Rule(
        "test-broken",
        "A rule with a bug",
        Severity.HIGH,
        Category.ENCRYPTION,
        ("rds_instance",),
        Frameworks(),
        "none",
        Remediation("none"),
        resource_check=broken,  # type: ignore[arg-type]
    )
    monkeypatch.setitem(REGISTRY, rule.id, rule)
    arch = write(tmp_path, "a.yaml", "name: a\nresources:\n  db: {kind: rds_instance}\n")
    code, out, err = run(capsys, "check", str(arch), "--rule", "test-broken", "-f", "json")
    assert code == 1
    report = json.loads(out)
    assert [(f["status"], f["resource"]["id"]) for f in report["findings"]] == [("ERROR", "db")]
    assert "rule raised KeyError" in report["findings"][0]["message"]
    assert "rule error: test-broken" in err
    code, _, _ = run(capsys, "check", str(arch), "--rule", "test-broken", "--fail-on", "never")
    assert code == 0
    assert Outcome.ERROR.value == "ERROR"


def test_bad_architecture_exits_2_with_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = write(tmp_path, "bad.yaml", "name: a\nresources:\n  db: {kind: rds_instance, nope: 1}\n")
    code, out, err = run(capsys, "check", str(bad))
    assert code == 2
    assert err.startswith(f"{bad}:3:")
    assert "unknown field" in err and out == ""


def test_usage_errors_exit_2(files: tuple[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    arch, _ = files
    assert run(capsys, "check", arch, "--rule", "no-such-rule")[0] == 2
    assert run(capsys, "check", arch, "--fail-on", "severe")[0] == 2
    assert run(capsys, "check", arch, "--format", "pdf")[0] == 2
    assert run(capsys, "check", arch, "--today", "tomorrow")[0] == 2
    assert run(capsys, "check", str(Path(arch).parent / "missing.yaml"))[0] == 2


def test_several_architectures_are_checked_together(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], files: tuple[str, str]
) -> None:
    arch, rules = files
    other = write(
        tmp_path,
        "other.yaml",
        "name: other\nregion: us-east-1\nresources:\n  db: {kind: rds, storage_encrypted: false}\n",
    )
    _, report = check_json(
        capsys, arch, str(other), "--rules", rules, "--rule", "team-db-encrypted"
    )
    failing = {(f["architecture"], f["resource"]["id"]) for f in report["findings"]}
    assert failing == {("shop", "orders-db"), ("shop", "legacy-db"), ("other", "db")}
    assert report["sources"] == [arch, str(other)]


def test_output_file_is_written_and_stdout_stays_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], files: tuple[str, str]
) -> None:
    arch, rules = files
    target = tmp_path / "out" / "report.json"
    target.parent.mkdir()
    code, out, _ = run(capsys, "check", arch, "--rules", rules, "-f", "json", "-o", str(target))
    assert code == 1 and out == ""
    assert json.loads(target.read_text())["summary"]["failing"] >= 2


def test_plain_text_when_not_a_terminal(
    files: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    arch, rules = files
    _, out, _ = run(capsys, "check", arch, "--rules", rules, *ONLY_CUSTOM)
    lines = out.splitlines()
    assert lines[0].split()[:4] == ["HIGH", "FAIL", "team-db-encrypted", "orders-db"]
    assert "\x1b[" not in out  # no colour codes in a pipe
    assert lines[-1] == (
        "4 failed, 1 unknown, 0 errors, 0 waived, 1 passed; gate: 2 at or above high"
    )


def test_rich_table_renders_escaped_names() -> None:
    from archcode.reports.text import render_text
    from archcode.verbs.check import run_check

    # Exercised directly: the rich branch only runs on a terminal.
    report = run_check(
        [str(Path(__file__).parent / "fixtures" / "check" / "markup.yaml")],
        only=["rds-instance-storage-encrypted"],
    )
    text = render_text(report, rich=True)
    assert "[bold]db" in text  # shown literally, not taken as rich markup
    assert "FAIL" in text


def test_console_script_exit_code(files: tuple[str, str]) -> None:
    arch, rules = files
    done = subprocess.run(
        [sys.executable, "-m", "archcode", "check", arch, "--rules", rules, *ONLY_CUSTOM],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1, done.stderr
    assert "team-db-encrypted" in done.stdout


def test_include_passed_lists_passes_and_stdin_is_read(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], files: tuple[str, str]
) -> None:
    import io

    _, rules = files
    stdin = io.TextIOWrapper(io.BytesIO(ARCH.encode()))
    monkeypatch.setattr("sys.stdin", stdin)
    code, report = check_json(
        capsys, "-", "--rules", rules, "--rule", "team-db-encrypted", "--include-passed"
    )
    assert code == 1
    assert statuses(report)[("team-db-encrypted", "users-db")] == "PASS"
    assert {f["location"]["file"] for f in report["findings"]} == {"<stdin>"}


def test_a_waiver_in_the_model_is_validated_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    arch = write(
        tmp_path,
        "a.yaml",
        "name: a\nresources:\n  db: {kind: rds}\nwaivers:\n"
        "  - {rule: team-db-encrypted, resource: db, reason: '', expires: 2030-01-01}\n",
    )
    code, _, err = run(capsys, "check", str(arch))
    assert code == 2
    assert err.startswith(f"{arch}:5:") and "waivers[0].reason" in err
