"""Every verb that reads an architecture takes --input-format (auto-detected by default)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import ROOT

from archcode.cli import main

TEMPLATE = str(ROOT / "tests" / "fixtures" / "iac" / "serverless-django.cfn.yaml")


def _args(verb: str, path: str, tmp_path: Path) -> list[str]:
    out = str(tmp_path / "out")
    return {
        "validate": ["validate", path],
        "check": ["check", path, "--fail-on", "never", "-o", out],
        "render": ["render", path, "-o", out],
        "cost": ["cost", path, "-o", out],
        "diff": ["diff", path, path, "-o", out],
        "report": ["report", path, "-o", out],
    }[verb]


VERBS = ["validate", "check", "render", "cost", "diff", "report"]


@pytest.mark.parametrize("verb", VERBS)
def test_detected_named_and_wrong_formats(verb: str, tmp_path: Path) -> None:
    base = _args(verb, TEMPLATE, tmp_path)
    assert main(base) == 0
    assert main([*base, "--input-format", "cloudformation"]) == 0
    assert main([*base, "--input-format", "terraform"]) == 2


@pytest.mark.parametrize("verb", VERBS)
def test_an_unknown_format_is_a_usage_error(
    verb: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*_args(verb, TEMPLATE, tmp_path), "--input-format", "pulumi"]) == 2
    assert "unknown input format 'pulumi'" in capsys.readouterr().err


def test_json_parsed_for_detection_is_kept_only_for_the_json_readers() -> None:
    # Detection parses JSON and hands the result to the template or plan reader; an archcode
    # document in JSON is read by the YAML loader, so the parse is dropped, not kept alive.
    import json

    from archcode.collectors import json_text
    from archcode.collectors.detect import detect_format

    plan = json.dumps({"format_version": "1.2", "terraform_version": "1.9.0",
                       "planned_values": {"root_module": {}}})  # fmt: skip
    assert detect_format(plan) == "terraform"
    assert json_text._parsed, "kept for load_json"
    assert json_text.load_json(plan, "plan.json")["format_version"] == "1.2"
    document = json.dumps({"archcode": 1, "name": "n", "resources": {}})
    assert detect_format(document) == "archcode"
    assert json_text._parsed == []
