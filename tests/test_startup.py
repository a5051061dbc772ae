"""Start-up cost: a verb imports what it uses, nothing more.

A pre-commit hook runs `archcode check` on one small file many times a day; `archcode --help`
should answer at once. Each case runs the command in a fresh interpreter, in process, and
then lists the top-level packages it imported (bench/bench_startup.py measures the time).
"""

from __future__ import annotations

import argparse
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
# And no command-line framework beyond the standard library's argparse.
NOT_FOR_CHECK = {
    *("boto3", "botocore", "diagrams", "graphviz", "jinja2", "sqlalchemy", "psycopg"),
    *("typer", "click"),
}

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


@pytest.mark.parametrize(
    "args", [("--help",), ("check", "--help"), ("discover", "--help"), ("audit", "--help")]
)
def test_help_imports_neither_the_model_nor_rich_markdown(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    code, modules = imported(tmp_path, *args)
    assert code == 0
    heavy = {"networkx", "yaml", "pydantic", "rich", "markdown_it", "pygments"} | NOT_FOR_CHECK
    assert not modules & heavy, sorted(modules & heavy)
    assert "argparse" in modules  # the probe really ran the command line


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
    from archcode.cli import _named_verb, app, parser

    assert _named_verb(["--debug", verb, "--help"]) == verb
    (verbs,) = [a for a in parser(verb)._actions if isinstance(a, argparse._SubParsersAction)]
    assert list(verbs.choices) == [verb]
    assert len(app.commands) > 1  # the command line itself is whole


@pytest.mark.parametrize(
    "argv", [[], ["--help"], ["--help", "check"], ["--version"], ["chek"], ["--debug"]]
)
def test_without_one_plain_verb_the_whole_command_line_runs(argv: list[str]) -> None:
    from archcode.cli import _named_verb

    assert _named_verb(argv) is None


@pytest.mark.parametrize(
    "args",
    [
        ("check", "--help"),
        ("check",),
        ("check", "--fail-on", "nope", "x.yaml"),
        ("check", "x.yaml", "--nope"),
        ("rules", "test"),
        ("audit", "history", "--help"),
        ("prices",),
    ],
)
def test_one_verb_helps_and_fails_as_the_whole_command_line(
    capsys: pytest.CaptureFixture[str], args: tuple[str, ...]
) -> None:
    from archcode.cli import _named_verb, parser

    outputs = []
    for command in (parser(_named_verb(list(args))), parser()):
        try:
            parsed = command.parse_args(list(args))
        except SystemExit as exit_:
            outputs.append((exit_.code, capsys.readouterr()))
        else:  # `archcode prices` names a group: main prints the group's help
            parsed._parser.print_help()
            outputs.append((None, capsys.readouterr()))
    assert _named_verb(list(args)) == args[0]
    assert outputs[0] == outputs[1]
    assert outputs[0][1].out or outputs[0][1].err


def test_the_collector_is_paused_until_the_verb_starts(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import gc

    import archcode.cli
    import archcode.model.schema
    from archcode.cli import main

    seen: dict[str, bool] = {}
    build = archcode.cli.parser

    def parsing(verb: str | None = None) -> argparse.ArgumentParser:
        seen["parse"] = gc.isenabled()
        return build(verb)

    def schema_text() -> str:
        seen["verb"] = gc.isenabled()
        return "{}\n"

    monkeypatch.setattr(archcode.cli, "parser", parsing)
    monkeypatch.setattr(archcode.model.schema, "schema_text", schema_text)
    assert gc.isenabled()
    assert main(["schema"]) == 0
    assert capsys.readouterr().out == "{}\n"
    assert seen == {"parse": False, "verb": True}
    assert gc.isenabled()


def _every_verb() -> list[tuple[str, ...]]:
    from archcode.cli import Command, app

    def walk(command: Command, path: tuple[str, ...]) -> list[tuple[str, ...]]:
        found = [path] if command.action is not None else []
        for name, sub in command.commands.items():
            found += walk(sub, (*path, name))
        return found

    return walk(app, ())


def test_every_verb_and_verb_group_resumes_the_collector(monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    from archcode.cli import Argument, app, main

    paths = _every_verb()
    assert len(paths) > len(VERBS) and ("audit",) in paths and ("rules", "test") in paths
    seen: list[bool] = []

    def verb(**values: object) -> None:
        seen.append(gc.isenabled())

    for path in paths:
        command = app
        for name in path:
            command = command.commands[name]
        seen.clear()
        monkeypatch.setattr(command, "action", verb)
        needed = [
            "x" for p in command.params if isinstance(p, Argument) for _ in range(p.nargs != "?")
        ]
        assert gc.isenabled()
        assert main([*path, *needed]) == 0, path
        assert seen == [True], path
        assert gc.isenabled()
