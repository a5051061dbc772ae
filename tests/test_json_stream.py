"""The JSON report written in pieces is the same document as the one rendered whole."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archcode.collectors import load_architecture
from archcode.reports.json_report import json_chunks, render_json, report_dict
from archcode.rules.engine import evaluate
from archcode.rules.findings import CheckReport, to_findings
from archcode.rules.registry import builtin_rules
from checkhelp import run

EXAMPLE = str(Path(__file__).resolve().parents[1] / "examples" / "modern-serverless-app.yaml")


def _report() -> CheckReport:
    rules = list(builtin_rules().values())
    arch = load_architecture(EXAMPLE)
    return CheckReport(to_findings(arch, evaluate(arch, rules), EXAMPLE), rules, [EXAMPLE])


@pytest.mark.parametrize("passed", [False, True])
def test_the_pieces_make_the_whole_report(passed: bool) -> None:
    report = _report()
    pieces = list(json_chunks(report, include_passed=passed))
    assert len(pieces) > 3  # one piece per finding, not one string
    text = "".join(pieces)
    assert text == render_json(report, include_passed=passed)
    assert json.loads(text) == json.loads(json.dumps(report_dict(report, include_passed=passed)))


def test_no_findings_is_still_a_document() -> None:
    report = CheckReport([], list(builtin_rules().values()), [EXAMPLE])
    assert json.loads("".join(json_chunks(report)))["findings"] == []


def test_the_file_and_standard_output_get_the_same_bytes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "report.json"
    _, out, _ = run(capsys, "check", EXAMPLE, "-f", "json", "--today", "2026-01-01")
    run(capsys, "check", EXAMPLE, "-f", "json", "--today", "2026-01-01", "-o", str(target))
    assert target.read_text(encoding="utf-8") == out
    assert json.loads(out)["findings"]
