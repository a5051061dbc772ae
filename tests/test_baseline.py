"""Baselines: write the open findings, then report only what is new."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archcode.rules.findings import fingerprint
from checkhelp import ARCH, RULES, check_json, run, statuses, write


def test_baseline_round_trip_reports_only_new_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    arch = write(tmp_path, "arch.yaml", ARCH)
    rules = str(write(tmp_path, "rules.yaml", RULES))
    baseline = tmp_path / "baseline.json"
    only = ("--rules", rules, "--rule", "team-db-encrypted")
    code, _, _ = run(capsys, "check", str(arch), *only, "--write-baseline", str(baseline))
    assert code == 1  # writing a baseline does not hide today's findings
    written = json.loads(baseline.read_text())
    assert written["archcode_baseline"] == 1
    assert {(e["rule"], e["resource"]) for e in written["findings"]} == {
        ("team-db-encrypted", "orders-db"),
        ("team-db-encrypted", "legacy-db"),
    }

    code, report = check_json(capsys, str(arch), *only, "--baseline", str(baseline))
    assert code == 0
    assert report["findings"] == []
    assert report["summary"]["baselined"] == 2

    # A new unencrypted database is reported; the known ones stay quiet.
    arch.write_text(ARCH.replace("  api:\n", "  new-db:\n    kind: rds\n  api:\n"))
    code, report = check_json(capsys, str(arch), *only, "--baseline", str(baseline))
    assert code == 1
    assert statuses(report) == {("team-db-encrypted", "new-db"): "UNKNOWN"}


def test_fingerprints_survive_moves_but_not_a_change_of_resource_or_place() -> None:
    base = fingerprint("r", "1", "eu-west-1", "db")
    assert base == fingerprint("r", "1", "eu-west-1", "db")
    others = {
        fingerprint("r2", "1", "eu-west-1", "db"),
        fingerprint("r", "2", "eu-west-1", "db"),
        fingerprint("r", "1", "us-east-1", "db"),
        fingerprint("r", "1", "eu-west-1", "db2"),
    }
    assert base not in others and len(others) == 4


def test_the_fingerprint_does_not_depend_on_the_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = str(write(tmp_path, "rules.yaml", RULES))
    first = write(tmp_path, "a.yaml", ARCH)
    second = write(
        tmp_path, "b.yaml", ARCH.replace("resources:\n", "description: moved\nresources:\n")
    )
    prints = []
    for path in (first, second):
        _, report = check_json(capsys, str(path), "--rules", rules, "--rule", "team-db-encrypted")
        prints.append(sorted(f["fingerprint"] for f in report["findings"]))
        lines = {f["location"]["line"] for f in report["findings"]}
        assert lines
    assert prints[0] == prints[1]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "not JSON"),
        ('{"findings": []}', "not an archcode baseline"),
        ('{"archcode_baseline": 1, "findings": [{"rule": "x"}]}', "findings: a list"),
    ],
)
def test_a_bad_baseline_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, message: str
) -> None:
    arch = write(tmp_path, "arch.yaml", ARCH)
    baseline = write(tmp_path, "baseline.json", text)
    code, _, err = run(capsys, "check", str(arch), "--baseline", str(baseline))
    assert code == 2
    assert err.startswith(str(baseline)) and message in err
