"""The command line as a user meets it: exit codes, one line per problem, no tracebacks."""

from __future__ import annotations

import inspect
import json
import os
import stat
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

import archcode.collectors
from archcode import __version__
from archcode.cli import Argument, Command, Option, main

GOOD = "name: ok\nregion: us-east-1\nresources:\n  b: {kind: s3, encryption: sse-s3}\n"
BAD = "name: bad\nresources:\n  b: {kind: s3, encryptionn: sse-s3}\n  c: {kind: nope}\n"


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "archcode", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_version_is_printed() -> None:
    out = run("--version")
    assert (out.returncode, out.stdout.strip()) == (0, f"archcode {__version__}")


def test_validate_ok_exits_0(write: Callable[..., Path]) -> None:
    path = write(GOOD)
    out = run("validate", str(path))
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == f"{path}: ok (1 resources, 0 actors, 0 connections)"


def test_validate_bad_input_exits_2_with_one_line_per_problem(write: Callable[..., Path]) -> None:
    path = write(BAD)
    out = run("validate", str(path))
    assert out.returncode == 2
    lines = out.stderr.splitlines()
    assert lines == [
        f"{path}:3:17: resource b: encryptionn: unknown field (did you mean 'encryption'?)",
        f"{path}:4:3: resource c: kind: unknown kind 'nope'",
    ]
    assert "Traceback" not in out.stderr


def test_validate_reports_every_file(write: Callable[..., Path]) -> None:
    good, bad = write(GOOD, "good.yaml"), write(BAD, "bad.yaml")
    out = run("validate", str(good), str(bad))
    assert out.returncode == 2
    assert f"{good}: ok" in out.stdout
    assert len(out.stderr.splitlines()) == 2


def test_validate_reads_standard_input() -> None:
    out = run("validate", "-", stdin=GOOD)
    assert (out.returncode, out.stdout.startswith("-: ok")) == (0, True)
    out = run("validate", "-", stdin=BAD)
    assert out.returncode == 2 and out.stderr.startswith("<stdin>:3:17:")


@pytest.mark.parametrize("args", [(), ("validate",), ("frobnicate",), ("validate", "--nope", "x")])
def test_usage_errors_exit_2(args: tuple[str, ...]) -> None:
    out = run(*args)
    assert out.returncode == 2
    assert "Traceback" not in out.stderr


def test_an_internal_error_exits_3_without_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], write: Callable[..., Path]
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(archcode.collectors, "load_architecture", broken)  # imported at run time
    path = str(write(GOOD))
    assert main(["validate", path]) == 3
    err = capsys.readouterr().err
    assert err.strip() == (
        "archcode: internal error: RuntimeError: boom (run with --debug for details)"
    )
    assert main(["--debug", "validate", path]) == 3
    assert "Traceback (most recent call last)" in capsys.readouterr().err


def test_schema_writes_atomically_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "s.json"
    out = run("schema", "-o", str(target))
    assert out.returncode == 0 and out.stdout == ""
    assert target.read_text().startswith("{")
    assert [p.name for p in tmp_path.iterdir()] == ["s.json"]  # no temporary file left behind


def test_output_into_a_missing_directory_is_bad_input(tmp_path: Path) -> None:
    out = run("schema", "-o", str(tmp_path / "no" / "s.json"))
    assert out.returncode == 2
    assert "does not exist" in out.stderr


def test_output_to_a_device_writes_through_it_and_never_replaces_it(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    assert main(["schema", "-o", str(fifo)]) == 0
    reader.join(timeout=10)
    assert stat.S_ISFIFO(fifo.stat().st_mode)  # still a pipe, not a file renamed over it
    assert json.loads(received[0])["title"]


def test_output_to_a_directory_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["schema", "-o", str(tmp_path)]) == 2
    assert "is a directory" in capsys.readouterr().err


def _verb_paths() -> list[tuple[str, ...]]:
    """Every verb and sub-verb, as the words that name it (`("rules", "test")`)."""
    from archcode.cli import app

    def walk(command: Command, path: tuple[str, ...]) -> list[tuple[str, ...]]:
        return [
            path,
            *(p for name, sub in command.commands.items() for p in walk(sub, (*path, name))),
        ]

    return walk(app, ())


def _command(path: tuple[str, ...]) -> Command:
    from archcode.cli import app

    command = app
    for name in path:
        command = command.commands[name]
    return command


def _needed(command: Command) -> list[str]:
    """Values for the positional arguments a verb requires."""
    return ["x.yaml" for p in command.params if isinstance(p, Argument) and p.nargs != "?"]


PATHS = _verb_paths()


def test_every_verb_and_sub_verb_is_reachable() -> None:
    named = {" ".join(p) for p in PATHS}
    assert named >= {
        *("", "check", "validate", "schema", "rules", "rules test", "render", "cost"),
        *("prices", "prices refresh", "prices show", "discover", "report", "diff"),
        *("audit", "audit history", "serve"),
    }


@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "archcode")
def test_every_verb_answers_help_with_its_options(
    path: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    command = _command(path)
    assert main([*path, "--help"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.startswith(f"usage: {' '.join(('archcode', *path))} ")
    for param in command.params:
        if isinstance(param, Option):
            assert all(flag in out for flag in param.flags), (param.flags, out)
            if param.choices is not None:
                assert ",".join(m.value for m in param.choices) in out
        else:
            assert (param.metavar or param.dest.upper()) in out
        assert " ".join(param.help.split()[:3]) in " ".join(out.split())
    for name, sub in command.commands.items():
        assert f"  {name}  " in out and sub.summary().split()[0] in out
    if path:  # the verb's own description: its docstring (a group's help)
        assert " ".join(command.summary().split()) in " ".join(out.split())
    assert "[default: None]" not in out and "[default: False]" not in out


def _one_error(err: str) -> str:
    """The single error line of a usage error (after argparse's usage line)."""
    assert "Traceback" not in err
    errors = [line for line in err.splitlines() if ": error: " in line]
    assert len(errors) == 1, err
    assert err.startswith("usage: archcode")
    return errors[0]


@pytest.mark.parametrize("with_arguments", [True, False])
@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "archcode")
def test_an_unknown_option_exits_2_naming_it(
    path: tuple[str, ...], with_arguments: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    # Named even when a required argument is missing too (`archcode check --nope`).
    needed = _needed(_command(path)) if with_arguments else []
    assert main([*path, *needed, "--no-such-option"]) == 2
    line = _one_error(capsys.readouterr().err)
    assert "--no-such-option" in line


CHOICES = [
    (path, param.flags[0])
    for path in PATHS
    for param in _command(path).params
    if isinstance(param, Option) and param.choices is not None
]


@pytest.mark.parametrize("path, flag", CHOICES, ids=[f"{' '.join(p)} {f}" for p, f in CHOICES])
def test_a_bad_choice_exits_2_naming_the_option_and_the_choices(
    path: tuple[str, ...], flag: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (param,) = [p for p in _command(path).params if isinstance(p, Option) and p.flags[0] == flag]
    assert param.choices is not None
    assert main([*path, *_needed(_command(path)), flag, "bogus"]) == 2
    line = _one_error(capsys.readouterr().err)
    assert f"argument {' '.join(param.flags)}" in line or f"argument {flag}" in line
    assert "'bogus'" in line and all(f"'{m.value}'" in line for m in param.choices)


def test_choices_take_exactly_their_values(capsys: pytest.CaptureFixture[str]) -> None:
    assert len(CHOICES) >= 8  # check/diff/report/audit --fail-on, every --format enum, ...
    assert main(["check", "x.yaml", "--fail-on", "HIGH"]) == 2  # case matters, as before
    assert "--fail-on" in _one_error(capsys.readouterr().err)


@pytest.mark.parametrize("workers", ["0", "65", "eight"])
def test_workers_stay_in_their_range(workers: str, capsys: pytest.CaptureFixture[str]) -> None:
    from archcode.cli import parser

    assert main(["discover", "--workers", workers]) == 2
    assert "argument --workers:" in _one_error(capsys.readouterr().err)
    for good in ("1", "64"):
        assert parser().parse_args(["discover", "--workers", good]).workers == int(good)
    assert parser().parse_args(["discover"]).workers == 8


def test_a_missing_argument_and_an_unknown_verb_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 2
    assert "required: PATH" in _one_error(capsys.readouterr().err)
    assert main(["chek"]) == 2
    assert "invalid choice: 'chek'" in _one_error(capsys.readouterr().err)
    assert main(["rules", "tset"]) == 2
    assert "invalid choice: 'tset'" in _one_error(capsys.readouterr().err)


@pytest.mark.parametrize("group", [(), ("prices",)])
def test_a_group_without_its_verb_shows_its_help_and_exits_2(
    group: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(list(group)) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith(f"usage: {' '.join(('archcode', *group))} ")
    assert all(f"  {name}  " in err for name in _command(group).commands)


def test_options_repeat_into_lists_and_mix_with_arguments(
    write: Callable[..., Path], capsys: pytest.CaptureFixture[str]
) -> None:
    from archcode.cli import parser

    parsed = parser().parse_args(["check", "a.yaml", "--rules", "r1", "-f", "json", "b.yaml"])
    parsed2 = parser().parse_args(["check", "--rules=r1", "--rules", "r2", "--", "-c.yaml"])
    assert (parsed.paths, parsed.rules_files, parsed.format) == (
        ["a.yaml", "b.yaml"],
        ["r1"],
        "json",
    )
    assert (parsed2.paths, parsed2.rules_files) == (["-c.yaml"], ["r1", "r2"])
    assert parser().parse_args(["cost", "--compare", "a", "b"]).compare == ["a", "b"]
    good = str(write(GOOD))
    assert main(["validate", good, "--input-format", "archcode", good]) == 0
    assert capsys.readouterr().out.count(": ok (1 resources") == 2


def test_the_version_comes_first_and_debug_only_before_the_verb(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--version", "check"]) == 0
    assert capsys.readouterr().out == f"archcode {__version__}\n"
    assert main(["check", "x.yaml", "--debug"]) == 2
    assert "--debug" in _one_error(capsys.readouterr().err)
    assert main(["check", "-h"]) == 2  # --help only, as before
    assert "-h" in _one_error(capsys.readouterr().err)


@pytest.mark.parametrize("path", PATHS, ids=lambda p: " ".join(p) or "archcode")
def test_every_verb_takes_exactly_the_values_its_options_give(path: tuple[str, ...]) -> None:
    """A verb's options and its function's parameters are declared apart: a name in one and
    not the other would fail only when the verb runs (exit 3), so they are compared here."""
    command = _command(path)
    if command.action is None:
        return
    parameters = inspect.signature(command.action).parameters
    given = [param.dest for param in command.params]
    assert len(given) == len(set(given)), given
    assert set(given) == set(parameters), (sorted(given), sorted(parameters))


def test_everything_after_a_double_dash_is_an_argument() -> None:
    from archcode.cli import parser

    parsed = parser().parse_args(["check", "-f", "json", "--", "a.yaml", "-f", "sarif", "--x"])
    assert (parsed.paths, parsed.format) == (["a.yaml", "-f", "sarif", "--x"], "json")
    parsed = parser().parse_args(["check", "a.yaml", "--", "-b.yaml"])
    assert parsed.paths == ["a.yaml", "-b.yaml"]
    # The paths of `diff`, two single arguments, on either side of the dash.
    diff = parser().parse_args(["diff", "--", "-a", "-b"])
    assert (diff.base, diff.head) == ("-a", "-b")


@pytest.mark.parametrize(
    "words",
    [
        ["--external-id", "-x1"],
        ["--external-id=-x1"],
        ["--regions", "eu-west-1", "--external-id", "-x1"],
    ],
)
def test_an_option_s_value_may_start_with_a_dash(words: list[str]) -> None:
    """An ExternalId (or a rule id, a file name) may start with a dash; click took it as the
    option's value, and so does archcode."""
    from archcode.cli import parser

    assert parser().parse_args(["discover", *words]).external_id == "-x1"
    short = parser().parse_args(["check", "a.yaml", "-o", "-out.json", "--rule", "-r"])
    assert (short.output, short.only, short.paths) == ("-out.json", ["-r"], ["a.yaml"])


def test_a_missing_value_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "a.yaml", "--format"]) == 2
    assert "--format" in _one_error(capsys.readouterr().err)


def test_ctrl_c_exits_130_without_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import archcode.verbs.check

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(archcode.verbs.check, "run_check", interrupted)
    assert main(["check", "a.yaml"]) == 130
    err = capsys.readouterr().err
    assert err == "archcode: interrupted\n"
