"""The GitHub Action and the pre-commit hooks call archcode the way the CLI really works."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from tests.conftest import ROOT

from archcode.cli import Option, app

ACTION = yaml.safe_load((ROOT / "action.yml").read_text())
HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
COMMANDS = app.commands


def _options(verb: str) -> set[str]:
    params = COMMANDS[verb].params
    return {"--help", *(flag for p in params if isinstance(p, Option) for flag in p.flags)}


def _archcode_calls(script: str) -> list[list[str]]:
    calls = []
    for line in script.splitlines():
        line = line.strip()
        if line.startswith("archcode ") or " archcode " in line:
            words = shlex.split(line[line.index("archcode ") :], comments=True)
            calls.append(words[: words.index("||")] if "||" in words else words)
    return calls


def test_every_input_is_documented_and_every_reference_is_declared() -> None:
    inputs = ACTION["inputs"]
    assert all(spec.get("description") for spec in inputs.values())
    text = (ROOT / "action.yml").read_text()
    referenced = set(re.findall(r"inputs\.([a-z-]+)", text))
    assert referenced <= set(inputs), referenced - set(inputs)
    assert set(inputs) <= referenced, f"declared but unused: {set(inputs) - referenced}"


def test_the_action_calls_real_verbs_with_real_options() -> None:
    calls = [
        call
        for step in ACTION["runs"]["steps"]
        if "run" in step
        for call in _archcode_calls(step["run"])
    ]
    assert {call[1] for call in calls} >= {"check", "diff"}
    for call in calls:
        verb = call[1]
        assert verb in COMMANDS, verb
        used = {w for w in call if w.startswith("-") and not w.startswith("--fail-on=")}
        assert used <= _options(verb), (verb, used - _options(verb))


def test_the_check_step_runs_and_records_the_exit_code(tmp_path: Path) -> None:
    step = next(s for s in ACTION["runs"]["steps"] if s.get("id") == "check")
    bindir = Path(sys.executable).parent
    example = ROOT / "examples" / "serverless-django.yaml"
    env = {
        **os.environ,
        "PATH": f"{bindir}{os.pathsep}{os.environ['PATH']}",
        "PATHS": str(example),
        "FAIL_ON": "never",
        "WAIVERS": "",
        "BASELINE": "",
        "RULES": "",
        "GITHUB_OUTPUT": str(tmp_path / "output"),
    }
    done = subprocess.run(
        ["bash", "-e", "-c", step["run"]], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "output").read_text().strip() == "exit-code=0"
    sarif = (tmp_path / "archcode.sarif").read_text()
    assert '"version": "2.1.0"' in sarif


@pytest.mark.parametrize("hook", HOOKS, ids=[h["id"] for h in HOOKS])
def test_hooks_run_real_verbs(hook: dict[str, Any]) -> None:
    words = hook["entry"].split()
    assert words[0] == "archcode" and words[1] in COMMANDS
    pattern = re.compile(hook["files"])
    assert pattern.search("infra/archcode/app.yaml")
    assert pattern.search("shop.archcode.yml")
    assert not pattern.search(".github/workflows/ci.yml")
