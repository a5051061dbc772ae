"""Waivers: from a file and from the model, matched by rule and resource glob, until a date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from archcode.errors import InputError
from archcode.rules.base import Outcome
from archcode.rules.waivers import load_waivers
from checkhelp import ARCH, RULES, check_json, run, statuses, write

WAIVERS = """\
waivers:
  - rule: team-db-encrypted
    resource: "*-db"
    reason: Migrating to encrypted storage in Q3 (TICKET-42)
    expires: 2026-06-30
"""


@pytest.fixture
def files(tmp_path: Path) -> tuple[str, str, str]:
    return (
        str(write(tmp_path, "arch.yaml", ARCH)),
        str(write(tmp_path, "rules.yaml", RULES)),
        str(write(tmp_path, "waivers.yaml", WAIVERS)),
    )


def test_a_valid_waiver_turns_fail_and_unknown_into_waived(
    files: tuple[str, str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    arch, rules, waivers = files
    code, report = check_json(
        capsys, arch, "--rules", rules, "--rule", "team-db-encrypted",
        "--waivers", waivers, "--today", "2026-06-30",
    )  # fmt: skip
    assert code == 0  # nothing open remains
    assert statuses(report) == {
        ("team-db-encrypted", "orders-db"): "WAIVED",
        ("team-db-encrypted", "legacy-db"): "WAIVED",
    }
    waived = report["findings"][0]
    assert waived["outcome"] in ("FAIL", "UNKNOWN")
    assert waived["waiver"]["reason"] == "Migrating to encrypted storage in Q3 (TICKET-42)"
    assert waived["waiver"]["origin"] == f"{waivers}:2"
    assert report["summary"]["by_status"]["WAIVED"] == 2


def test_an_expired_waiver_stops_applying_and_says_so(
    files: tuple[str, str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    arch, rules, waivers = files
    code, out, err = run(
        capsys, "check", arch, "--rules", rules, "--rule", "team-db-encrypted",
        "--waivers", waivers, "--today", "2026-07-01", "-f", "json",
    )  # fmt: skip
    assert code == 1
    assert (
        f"archcode: warning: {waivers}:2: waiver of team-db-encrypted on orders-db expired on "
        "2026-06-30; the finding is active"
    ) in err.splitlines()
    assert '"status": "WAIVED"' not in out
    assert '"expired": true' in out


def test_in_model_waivers_apply_to_their_own_architecture(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = ARCH + (
        "waivers:\n"
        "  - {rule: team-db-encrypted, resource: orders-db, reason: accepted,\n"
        "     expires: 2030-01-01}\n"
    )
    arch = write(tmp_path, "arch.yaml", text)
    other = write(tmp_path, "other.yaml", "name: other\nresources:\n  orders-db: {kind: rds}\n")
    rules = write(tmp_path, "rules.yaml", RULES)
    _, report = check_json(
        capsys, str(arch), str(other), "--rules", str(rules), "--rule", "team-db-encrypted",
        "--today", "2027-01-01",
    )  # fmt: skip
    found = {(f["architecture"], f["resource"]["id"]): f["status"] for f in report["findings"]}
    assert found == {
        ("shop", "orders-db"): "WAIVED",
        ("shop", "legacy-db"): "UNKNOWN",
        ("other", "orders-db"): "UNKNOWN",
    }


def test_a_waiver_without_reason_or_expiry_is_refused_at_its_line(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "w.yaml",
        "waivers:\n  - rule: team-db-encrypted\n    resource: db\n    reason: ''\n"
        "  - rule: team-db-encrypted\n    resource: db\n    reason: ok\n    expires: soon\n"
        "    note: extra\n",
    )
    with pytest.raises(InputError) as caught:
        load_waivers(str(path), ["team-db-encrypted"])
    lines = [str(p) for p in caught.value.problems]
    assert f"{path}:2:5: waivers[0].expires: required field is missing" in lines
    assert f"{path}:4:5: waivers[0].reason: must not be empty" in lines
    assert any(line.startswith(f"{path}:8:5: waivers[1].expires: ") for line in lines)
    assert f"{path}:9:5: waivers[1].note: unknown field" in lines


def test_a_waiver_naming_no_rule_is_an_input_error_exit_2(
    files: tuple[str, str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    arch, _, _ = files
    waivers = write(
        tmp_path,
        "typo.yaml",
        "waivers:\n  - {rule: rds-instance-storage-encrpyted, resource: x, reason: r, "
        "expires: 2030-01-01}\n",
    )
    code, _, err = run(capsys, "check", arch, "--waivers", str(waivers))
    assert code == 2
    assert err.strip() == (
        f"{waivers}:2:6: waivers[0].rule: no rule 'rds-instance-storage-encrpyted' "
        "(did you mean 'rds-instance-storage-encrypted'?)"
    )


def test_bad_yaml_in_a_waiver_file_exits_2(
    files: tuple[str, str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    arch, _, _ = files
    waivers = write(tmp_path, "broken.yaml", "waivers: [\n")
    code, _, err = run(capsys, "check", arch, "--waivers", str(waivers))
    assert code == 2 and err.startswith(f"{waivers}:")


def test_waiver_expiry_is_inclusive_of_its_last_day() -> None:
    from archcode.model.architecture import Waiver
    from archcode.rules.engine import Result
    from archcode.rules.findings import to_findings
    from archcode.rules.registry import builtin_rules
    from archcode.rules.waivers import PlacedWaiver, apply_waivers
    from conftest import load

    arch = load("name: a\nresources:\n  db: {kind: rds_instance}\n")
    rule = builtin_rules()["rds-instance-storage-encrypted"]
    findings = to_findings(arch, [Result(rule, Outcome.FAIL, "no", "db")])
    waiver = PlacedWaiver(
        Waiver(rule=rule.id, resource="d?", reason="r", expires=date(2026, 1, 31)), "w:1"
    )
    on_day, warnings = apply_waivers(findings, [waiver], date(2026, 1, 31))
    assert on_day[0].status == "WAIVED" and warnings == []
    after, warnings = apply_waivers(findings, [waiver], date(2026, 2, 1))
    assert after[0].status == "FAIL" and len(warnings) == 1


def test_errors_are_never_waived() -> None:
    from archcode.model.architecture import Waiver
    from archcode.rules.engine import Result
    from archcode.rules.findings import to_findings
    from archcode.rules.registry import builtin_rules
    from archcode.rules.waivers import PlacedWaiver, apply_waivers
    from conftest import load

    arch = load("name: a\nresources:\n  db: {kind: rds_instance}\n")
    rule = builtin_rules()["rds-instance-storage-encrypted"]
    findings = to_findings(arch, [Result(rule, Outcome.ERROR, "rule raised", "db")])
    waiver = PlacedWaiver(
        Waiver(rule=rule.id, resource="*", reason="r", expires=date(2030, 1, 1)), "w:1"
    )
    (after,), warnings = apply_waivers(findings, [waiver], date(2026, 1, 1))
    assert after.status == "ERROR" and after.waiver is None
    assert warnings == [
        "w:1: waiver of rds-instance-storage-encrypted on '*' matches no open finding"
    ]
