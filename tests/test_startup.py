"""Start-up cost: a verb imports what it uses, nothing more.

A pre-commit hook runs `archcode check` on one small file many times a day; `archcode --help`
should answer at once. Each case runs the command in a fresh interpreter, in process, and
then lists the top-level packages it imported (bench/bench_startup.py measures the time).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SMALL = """\
name: hook
region: eu-west-1
resources:
  key: {kind: kms_key}
  vpc: {kind: vpc}
  a: {kind: subnet, vpc: vpc}
  b: {kind: subnet, vpc: vpc}
  sg: {kind: security_group, vpc: vpc}
  db: {kind: rds_instance, subnets: [a, b], security_groups: sg, storage_encrypted: false}
  fn: {kind: lambda_function, subnets: [a, b], security_groups: sg}
  bucket: {kind: s3_bucket, kms_key: key}
  queue: {kind: sqs_queue}
  table: {kind: dynamodb_table}
connections:
  - fn -> db
  - fn -> queue
"""

# Heavy packages no `check` of archcode YAML needs: AWS SDK, renderers, templates, the store.
NOT_FOR_CHECK = {"boto3", "botocore", "diagrams", "graphviz", "jinja2", "sqlalchemy", "psycopg"}

PROBE = """
import json, sys
from archcode.cli import main
code = main(sys.argv[1:])
print(json.dumps({"code": code, "modules": sorted({m.split(".")[0] for m in sys.modules})}))
"""


def imported(tmp_path: Path, *args: str) -> tuple[int, set[str]]:
    src = str(Path(__file__).resolve().parents[1] / "src")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([src, os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        env=env,
    )
    last = done.stdout.strip().splitlines()[-1]
    result = json.loads(last)
    return int(result["code"]), set(result["modules"])


# Nor, for a model without replica-like references (whose cycles networkx finds) and a report
# that is not drawn on a terminal, the graph library or rich: the rules walk archcode's own
# graph (model.graph), and plain report lines need no console.
NOT_FOR_SMALL_CHECK = NOT_FOR_CHECK | {"networkx", "rich"}


@pytest.mark.parametrize("report", ["json", "text"])
def test_check_of_yaml_imports_no_sdk_renderer_or_templates(tmp_path: Path, report: str) -> None:
    (tmp_path / "small.yaml").write_text(SMALL)
    code, modules = imported(tmp_path, "check", "small.yaml", "--format", report)
    assert code == 1  # the unencrypted database fails: the rules really ran
    assert "pydantic" in modules and "archcode" in modules
    assert not modules & NOT_FOR_SMALL_CHECK, sorted(modules & NOT_FOR_SMALL_CHECK)


@pytest.mark.parametrize("args", [("--help",), ("check", "--help"), ("discover", "--help")])
def test_help_imports_neither_the_model_nor_rich_markdown(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    code, modules = imported(tmp_path, *args)
    assert code == 0
    heavy = {"networkx", "yaml", "markdown_it", "pygments"} | NOT_FOR_CHECK
    if len(args) == 1:  # a verb's options are coerced by typer through pydantic: not archcode's
        heavy.add("pydantic")
    assert not modules & heavy, sorted(modules & heavy)


def test_importing_a_model_submodule_does_not_build_the_graph_library(tmp_path: Path) -> None:
    probe = "import sys, archcode.model.base; print('networkx' in sys.modules)"
    src = str(Path(__file__).resolve().parents[1] / "src")
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": src},
    )
    assert done.stdout.strip() == "False", done.stderr


VERBS = ["audit", "check", "cost", "diff", "discover", "prices", "render", "report", "rules"]


@pytest.mark.parametrize("verb", [*VERBS, "schema", "serve", "validate"])
def test_a_run_builds_only_the_verb_it_names(verb: str) -> None:
    from archcode.cli import _app_for, _verb_name, app

    only = _app_for(["--debug", verb, "--help"])
    names = [_verb_name(c) for c in [*only.registered_commands, *only.registered_groups]]
    assert names == [verb]
    assert len(app.registered_commands) + len(app.registered_groups) > 1  # app itself is whole


@pytest.mark.parametrize(
    "argv", [[], ["--help"], ["--help", "check"], ["--version"], ["chek"], ["--debug"]]
)
def test_without_one_plain_verb_the_whole_command_line_runs(argv: list[str]) -> None:
    from archcode.cli import _app_for, app

    assert _app_for(argv) is app


@pytest.mark.parametrize(
    "args", [("check", "--help"), ("check",), ("check", "--fail-on", "nope", "x.yaml")]
)
def test_one_verb_helps_and_fails_as_the_whole_command_line(
    capsys: pytest.CaptureFixture[str], args: tuple[str, ...]
) -> None:
    from archcode.cli import _app_for, app

    outputs = []
    for command in (_app_for(list(args)), app):
        with pytest.raises(SystemExit) as exit_:
            command(args=list(args), prog_name="archcode")
        outputs.append((exit_.value.code, capsys.readouterr()))
    assert _app_for(list(args)) is not app
    assert outputs[0] == outputs[1]
    assert outputs[0][1].out or outputs[0][1].err


def test_the_collector_is_paused_until_the_verb_starts(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import gc

    import archcode.model.schema
    from archcode.cli import _app_for, main

    seen: dict[str, bool] = {}
    only = _app_for(["schema"])

    def parsing(args: list[str], prog_name: str) -> None:
        seen["parse"] = gc.isenabled()
        only(args=args, prog_name=prog_name)

    def schema_text() -> str:
        seen["verb"] = gc.isenabled()
        return "{}\n"

    monkeypatch.setattr("archcode.cli._app_for", lambda argv: parsing)
    monkeypatch.setattr(archcode.model.schema, "schema_text", schema_text)
    assert gc.isenabled()
    assert main(["schema"]) == 0
    assert capsys.readouterr().out == "{}\n"
    assert seen == {"parse": False, "verb": True}
    assert gc.isenabled()


def test_every_verb_and_verb_group_resumes_the_collector() -> None:
    from archcode.cli import app

    callbacks = [c.callback for c in app.registered_commands]
    for group in app.registered_groups:
        assert group.typer_instance is not None
        sub = group.typer_instance
        callbacks += [c.callback for c in sub.registered_commands]
        if sub.registered_callback is not None:
            callbacks.append(sub.registered_callback.callback)
    assert len(callbacks) > len(VERBS)
    assert all(getattr(c, "__wrapped__", None) for c in callbacks), callbacks
