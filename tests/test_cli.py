"""The command line as a user meets it: exit codes, one line per problem, no tracebacks."""

from __future__ import annotations

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
from archcode.cli import main

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
