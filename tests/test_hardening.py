"""Hostile and careless input: every crash class of issue 18 ends in one located line, exit 2.

Paths (loops, FIFOs, sockets, devices, long names, a file where a directory is expected),
outputs under faults (full disk, missing or read-only places, symbolic links, a process killed
mid-write), bounded work (depth, 4,300-digit integers, lone surrogates), ids the model refuses,
duplicate keys in JSON and control characters in messages.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from archcode.cli import main
from archcode.errors import Problem, shown

GOOD = "name: ok\nregion: us-east-1\nresources:\n  b: {kind: s3, encryption: sse-s3}\n"
CFN = '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {%s}}'
BUCKET = '"A": {"Type": "AWS::S3::Bucket", "Properties": {"BucketName": %s}}'
PLAN = (
    '{"format_version": "1.2", "terraform_version": "1.5.0", "planned_values": {"root_module": '
    '{"resources": [{"address": "%s", "mode": "managed", "type": "aws_s3_bucket", "name": "a", '
    '"values": {"bucket": %s}}]}}}'
)


def cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(args)
    err = capsys.readouterr().err
    assert "Traceback" not in err and "internal error" not in err
    return code, err


def one_line(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """The single problem line of a run that must exit 2."""
    code, err = cli(args, capsys)
    assert code == 2, err
    lines = err.splitlines()
    assert len(lines) == 1, err
    return lines[0]


# --- paths ------------------------------------------------------------------------------------


@pytest.fixture
def unix_socket(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "s.yaml"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    yield path
    server.close()


def test_a_fifo_is_refused_without_blocking(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "arch.yaml"
    os.mkfifo(fifo)  # nobody writes: opening it for reading would hang forever
    line = one_line(["validate", str(fifo)], capsys)
    assert line == f"{fifo}: is a named pipe (FIFO), not a file; pipe it to standard input as -"


def test_a_socket_and_a_device_are_refused(
    unix_socket: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert one_line(["validate", str(unix_socket)], capsys).endswith(": is a socket, not a file")
    assert one_line(["check", "/dev/zero"], capsys).startswith("/dev/zero: is a device")


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("loop.yaml", "too many levels of symbolic links (a symlink loop?)"),
        ("x" * 300 + ".yaml", "file name too long for this system"),
        ("file.yaml/arch.yaml", "a part of the path is a file, not a directory"),
        ("missing.yaml", "no such file"),
    ],
    ids=["symlink-loop", "long-name", "file-as-directory", "missing"],
)
def test_unreadable_paths_are_one_line(
    name: str, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "loop.yaml").symlink_to("loop.yaml")
    (tmp_path / "file.yaml").write_text(GOOD)
    path = str(tmp_path / name)
    assert one_line(["validate", path], capsys) == f"{path}: {message}"


def test_a_directory_with_a_symlink_loop_is_walked_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stack = tmp_path / "stack"
    (stack / "sub").mkdir(parents=True)
    (stack / "sub" / "t.json").write_text(CFN % (BUCKET % '"b"'))
    (stack / "sub" / "up").symlink_to("..")  # a loop: stack/sub/up/sub/up/...
    (stack / "self").symlink_to(".")
    (stack / "dangling.yaml").symlink_to("nowhere.yaml")
    os.mkfifo(stack / "pipe.yaml")  # never opened: reading it would block
    code, err = cli(["validate", str(stack)], capsys)
    assert (code, err) == (0, "")


# --- outputs ----------------------------------------------------------------------------------


def test_writing_to_a_full_disk_is_exit_2_naming_the_path(
    capsys: pytest.CaptureFixture[str],
) -> None:
    line = one_line(["schema", "-o", "/dev/full"], capsys)
    assert line == "/dev/full: cannot write: no space left on the device"


@pytest.mark.parametrize(
    "args",
    [
        ["schema"],
        ["validate", str(Path(__file__).parent.parent / "examples" / "serverless-django.yaml")],
    ],
    ids=["written-output", "echoed-lines"],
)
def test_standard_output_on_a_full_disk_is_exit_2(args: list[str]) -> None:
    with open("/dev/full", "wb") as full:
        out = subprocess.run(
            [sys.executable, "-m", "archcode", *args],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
        )
    assert out.returncode == 2, out.stderr
    assert out.stderr.splitlines()[0] == "<stdout>: cannot write: no space left on the device"


def test_into_a_missing_directory_or_through_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = str(tmp_path / "nope" / "x.json")
    assert one_line(["schema", "-o", missing], capsys).endswith("does not exist")
    (tmp_path / "f").write_text("")
    through = str(tmp_path / "f" / "x.json")
    assert one_line(["schema", "-o", through], capsys) == (
        f"{through}: cannot write: a part of the path is a file, not a directory"
    )


def test_into_a_directory_that_refuses_writing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # As root a read-only directory still takes files: the refusal the kernel gives is stood in.
    import tempfile

    def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    target = str(tmp_path / "x.json")
    assert (
        one_line(["schema", "-o", target], capsys) == f"{target}: cannot write: permission denied"
    )


def test_a_read_only_file_is_refused_and_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "schema.json"
    target.write_text("previous")
    target.chmod(0o444)
    line = one_line(["schema", "-o", str(target)], capsys)
    assert line == f"{target}: cannot write: the file is read-only (not replaced)"
    assert target.read_text() == "previous"


def test_a_symlink_is_followed_and_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    real = tmp_path / "real" / "schema.json"
    real.parent.mkdir()
    real.write_text("previous")
    real.chmod(0o640)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert cli(["schema", "-o", str(link)], capsys) == (0, "")
    assert link.is_symlink() and real.read_text().startswith("{")
    assert real.stat().st_mode & 0o777 == 0o640  # the file's mode is kept
    assert [p.name for p in real.parent.iterdir()] == ["schema.json"]  # no temporary left


def test_a_write_failing_midway_leaves_the_previous_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "schema.json"
    target.write_text("previous")

    def no_space(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    line = one_line(["schema", "-o", str(target)], capsys)
    assert line == f"{target}: cannot write: no space left on the device"
    assert target.read_text() == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["schema.json"]


def test_a_process_killed_mid_write_leaves_the_previous_file(tmp_path: Path) -> None:
    """SIGKILL while the new content is half on disk: no handler runs, the rename never comes."""
    target = tmp_path / "big.txt"
    target.write_text("previous")
    script = textwrap.dedent(
        f"""
        import os, signal
        from archcode import io

        real_fsync = os.fsync
        def killed(fd):
            os.write(fd, b"half")  # more bytes on disk, then the process dies
            os.kill(os.getpid(), signal.SIGKILL)
        os.fsync = killed
        io.write_output({str(target)!r}, "x" * 50_000_000)
        """
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=120)
    assert out.returncode == -9
    assert target.read_text() == "previous"


# --- bounded work -----------------------------------------------------------------------------

DEEP = 400


def _nest(template: str, leaf: str = '"x"') -> str:
    value = leaf
    for _ in range(DEEP):
        value = template % value
    return value


@pytest.mark.parametrize(
    "value",
    [
        _nest('{"Fn::Join": ["", [%s]]}'),
        _nest('{"Fn::If": ["C", %s, "y"]}'),
        _nest('{"Fn::Sub": [%s, {}]}'),
        _nest("[%s]"),
    ],
    ids=["join", "if", "sub", "lists"],
)
def test_intrinsics_nested_hundreds_deep_are_located(
    value: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "deep.json"
    path.write_text(CFN % (BUCKET % value))
    line = one_line(["validate", str(path)], capsys)
    assert line.startswith(f"{path}:1:") and line.endswith(": nested deeper than 128 levels")


def test_a_plan_nested_past_the_limit_is_located(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "plan.json"
    path.write_text(PLAN % ("aws_s3_bucket.a", _nest('{"a": %s}')))
    assert one_line(["check", str(path)], capsys).endswith(": nested deeper than 128 levels")


BIG = "9" * 5000


@pytest.mark.parametrize(
    ("name", "text", "where"),
    [
        ("arch.yaml", f"name: x\nresources:\n  a:\n    kind: s3\n    name: {BIG}\n", "5:11"),
        ("t.json", CFN % (BUCKET % BIG), "1:"),
        ("plan.json", PLAN % ("aws_s3_bucket.a", BIG), "1:"),
    ],
    ids=["archcode", "cloudformation", "terraform"],
)
def test_integers_over_4300_digits_are_located(
    name: str, text: str, where: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / name
    path.write_text(text)
    line = one_line(["validate", str(path)], capsys)
    assert line.startswith(f"{path}:{where}")
    assert line.endswith(": integer literal longer than 4300 digits")


@pytest.mark.parametrize(
    ("value", "refused"),
    [
        ('"\\ud800"', True),
        ('"a\\udc00"', True),
        ('"\\ud83d\\ude00"', False),
        ('"\\\\ud800"', False),
    ],
    ids=["lone-high", "lone-low", "pair", "escaped-backslash"],
)
def test_a_lone_surrogate_escape_is_refused(
    value: str, refused: bool, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "t.json"
    path.write_text(CFN % (BUCKET % value))
    if refused:
        line = one_line(["validate", str(path)], capsys)
        assert line.endswith("a lone surrogate escape (\\ud800-\\udfff) is no character")
    else:
        assert cli(["validate", str(path)], capsys)[0] == 0


# --- ids, tags and keys -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "logical_id", ["My Bucket", "A\\u001b[31m", "A" * 600], ids=["space", "escape", "long"]
)
def test_a_logical_id_the_model_refuses_is_located(
    logical_id: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "t.json"
    text = CFN % f'"{logical_id}": {{"Type": "AWS::S3::Bucket"}}'
    path.write_text(text)
    line = one_line(["validate", str(path)], capsys)
    assert line.startswith(f"{path}:1:{text.index(logical_id[:3])}: invalid id ")
    assert "\x1b" not in line


def test_a_terraform_address_over_512_characters_is_located(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "plan.json"
    path.write_text(PLAN % ("aws_s3_bucket." + "a" * 600, '"b"'))
    assert ": invalid id 'aws_s3_bucket.aaa" in one_line(["validate", str(path)], capsys)


def test_a_yaml_tag_that_cannot_construct_is_located(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "arch.yaml"
    path.write_text("name: x\nresources:\n  a:\n    kind: s3\n    versioning: !!int x\n")
    assert one_line(["validate", str(path)], capsys) == f"{path}:5:17: 'x' is not a valid int"


def test_a_json_template_with_a_duplicate_key_is_refused_like_yaml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "t.json"
    path.write_text(
        '{"Resources": {\n "A": {"Type": "AWS::S3::Bucket"},\n "A": {"Type": "AWS::SQS::Queue"}}}'
    )
    assert one_line(["validate", str(path)], capsys) == (
        f"{path}:3:2: duplicate key 'A' (first at line 2)"
    )


# --- escaping ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("a\x1b[31mred", "a\\x1b[31mred"),
        ("t\x1b]0;title\x07", "t\\x1b]0;title\\x07"),
        ("\x9b31m", "\\x9b31m"),
        ("admin\u202egnp.exe", "admin\\u202egnp.exe"),
        ("a\u2066b\u2069\u200e\u200f", "a\\u2066b\\u2069\\u200e\\u200f"),
        ("\ud800", "\\ud800"),
        ("plain é ü 日本", "plain é ü 日本"),
    ],
)
def test_shown_escapes_what_acts_on_a_terminal(raw: str, escaped: str) -> None:
    assert shown(raw) == escaped


def test_every_part_of_a_problem_is_escaped() -> None:
    problem = Problem("f\x1b.yaml", "bad \u202e value", 1, 2, "r\x1b[2J", "f\x07ld")
    assert str(problem) == "f\\x1b.yaml:1:2: resource r\\x1b[2J: f\\x07ld: bad \\u202e value"


def test_an_unknown_field_with_an_escape_sequence_reaches_the_terminal_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "arch.yaml"
    path.write_text('name: x\nresources:\n  a:\n    kind: s3\n    "x\\e]0;owned\\a": 1\n')
    line = one_line(["validate", str(path)], capsys)
    assert line == f"{path}:5:5: resource a: x\\x1b]0;owned\\x07: unknown field"


# --- discover --raw: what the dump blanks -------------------------------------------------------


def test_raw_dumps_blank_commands_stage_variables_inputs_and_state_machine_literals() -> None:
    import json

    from archcode.collectors.aws.redact import REDACTED, redact

    definition = {
        "StartAt": "Call",
        "States": {
            "Call": {
                "Type": "Task",
                "Resource": "arn:aws:states:::http:invoke",
                "Parameters": {"Headers": {"Authorization": "Bearer m4rker1"}, "Url.$": "$.url"},
                "Next": "Fan",
            },
            "Fan": {
                "Type": "Parallel",
                "Branches": [
                    {"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": "m4rker2"}}}
                ],
                "End": True,
            },
        },
    }
    response = {
        "taskDefinition": {
            "containerDefinitions": [
                {
                    "name": "app",
                    "command": ["--password", "m4rker3"],
                    "entryPoint": ["sh", "-c", "export T=m4rker4"],
                }
            ]
        },
        "item": [{"stageName": "prod", "variables": {"apiKey": "m4rker5"}}],
        "Items": [{"StageName": "v2", "StageVariables": {"token": "m4rker6"}}],
        "Targets": [
            {"Id": "t1", "Arn": "arn:aws:lambda:::f", "Input": '{"key": "m4rker7"}'},
            {
                "Id": "t2",
                "InputTransformer": {
                    "InputPathsMap": {"id": "$.detail.id"},
                    "InputTemplate": '{"id": <id>, "secret": "m4rker8"}',
                },
            },
        ],
        "stateMachineArn": "arn:aws:states:::stateMachine:sm",
        "definition": json.dumps(definition),
    }
    out = json.dumps(redact(response))
    assert "m4rker" not in out
    kept = redact(response)
    asl = json.loads(kept["definition"])
    call = asl["States"]["Call"]["Parameters"]
    assert call == {"Headers": {"Authorization": REDACTED}, "Url.$": "$.url"}  # paths kept
    assert asl["States"]["Fan"]["Branches"][0]["States"]["P"]["Type"] == "Pass"
    assert kept["item"][0]["variables"] == {"apiKey": REDACTED}  # names kept
    assert kept["Targets"][1]["InputTransformer"]["InputPathsMap"] == {"id": "$.detail.id"}
    assert redact({"definition": "{not json"})["definition"] == REDACTED


# --- price tables (found by tests/test_fuzz_readers.py) -----------------------------------------

PRICE_HEADER = (
    "service_code,usage_type,operation,region,unit,price_usd,tier_start,tier_end,"
    "effective_date,check,sku,source\n"
)
EXAMPLE = str(
    Path(__file__).resolve().parent.parent / "examples" / "cloudfront-lambda-dynamodb.yaml"
)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # A carriage return inside an unquoted field: the csv module's "new-line character
        # seen in unquoted field" (exit 3 before); now a line break, its rows located.
        (
            PRICE_HEADER + "AmazonCloudFront,US,,global,GB,0.085,0,,2022-05-22,S,,x\ry\n",
            "3: ",
        ),
        (
            PRICE_HEADER + "AmazonCloudFront,IN,,global,GB,0.170,0,,2022-05-22,S,," + "x" * 200_000,
            "2: not valid CSV: field larger than field limit (131072)",
        ),
    ],
    ids=["carriage-return", "huge-field"],
)
def test_a_broken_price_table_is_located(
    text: str, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    prices = tmp_path / "prices.csv"
    prices.write_text(text, newline="")
    code, err = cli(["cost", EXAMPLE, "--prices", str(prices)], capsys)
    assert code == 2 and err.startswith(f"{prices}:{message}"), err
    assert all(line.startswith(f"{prices}:") for line in err.splitlines())


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--raw", "x" * 300, "file name too long for this system"),
        ("--raw", "file/raw", "a part of the path is a file, not a directory"),
    ],
    ids=["long-name", "through-a-file"],
)
def test_discover_refuses_an_unusable_raw_directory_before_reading_aws(
    option: str,
    value: str,
    message: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "file").write_text("")
    line = one_line(["discover", option, value], capsys)
    assert line == f"archcode: {option} {value}: {message}"


def test_a_whole_model_the_importer_cannot_build_is_located_problems() -> None:
    """Whatever the model refuses at the top (here an actor's id) is a problem, not exit 3."""
    from archcode.collectors.iac_draft import Draft
    from archcode.errors import InputError

    draft = Draft("t")
    draft.actors["the internet"] = {"kind": "internet", "name": "The internet"}
    with pytest.raises(InputError) as caught:
        draft.build()
    (problem,) = caught.value.problems
    assert (problem.file, problem.resource) == ("t", "the internet")
    assert "pattern" in problem.message
