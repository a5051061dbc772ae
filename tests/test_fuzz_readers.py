"""Property-based tests: every reader, through the verb that reads it, on generated documents.

Documents start from real ones (the examples and fixtures: archcode YAML, a discovered model as
`discover` writes it, CloudFormation YAML and JSON, a Terraform plan, a usage file, a waivers
file, a custom rules file, a price table) and are mutated: keys deleted, values swapped for
another type, made huge, empty or deeply nested, unicode edge cases, 5,000-digit integers, and
the serialized text cut, spliced or repeated. Whatever comes out, the command line must exit
0, 1 or 2, give a located line (the file it names first) for every 2, show no traceback and
end in bounded time.

Profiles: ``ci`` (the default; few examples, derandomized, no example database) keeps this file
near 30 s on a 2-core machine; ``long`` explores::

    HYPOTHESIS_PROFILE=long python -m pytest tests/test_fuzz_readers.py -p no:cacheprovider

An input that ever fails here is kept in tests/fixtures/hardening/ (replayed by
test_hardening_corpus.py).
"""

from __future__ import annotations

import contextlib
import copy
import csv
import io
import json
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archcode.cli import main

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
EXAMPLE = ROOT / "examples" / "cloudfront-lambda-dynamodb.yaml"

settings.register_profile(
    "ci",
    max_examples=20,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "long",
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# Seconds one run may take: the documents are small; a slow one means work grew with the input.
TIME_BOUND = 30.0
BIGINT, DEEP_LIST, DEEP_MAP = "__BIGINT__", "__DEEPLIST__", "__DEEPMAP__"
EDGE_STRINGS = [
    "", " ", "\x00", "\t\n", "\x1b[31m", "\x1b]0;title\x07", "\u202egnp.exe", "\u2066x\u2069",
    "\ufeff", "\ud800", "\U0001d54f\U0001d550", "é" * 3, "a" * 100_000, "0" * 5000, "-1",
    "1e309", "NaN", ".inf",
    "null", "~", "yes", "!Ref x", "*alias", "&anchor", "<<", "${AWS::Region}", "arn:aws:::",
    "0.0.0.0/0", "My Bucket", "x" * 600, "2026-13-45", "{", "]", "%", "@", "`", "'", '"',
    BIGINT, DEEP_LIST, DEEP_MAP,
]  # fmt: skip

# CloudFormation intrinsics used wrongly (and Terraform's unknown markers): the evaluator's
# and the mappers' grammar, given odd arguments.
INTRINSICS: list[Any] = [
    {"Ref": "AWS::NoValue"}, {"Ref": "Missing"}, {"Ref": 5}, {"Fn::GetAtt": ["A"]},
    {"Fn::GetAtt": "A.B.C"}, {"Fn::Sub": "${Missing}"}, {"Fn::Sub": ["${x}", {"x": {}}]},
    {"Fn::Join": [",", {"Ref": "X"}]}, {"Fn::If": ["Nope", 1, 2]}, {"Fn::If": []},
    {"Fn::Select": [99, []]}, {"Fn::Select": ["-1", [1]]}, {"Fn::Split": [",", {"Ref": "A"}]},
    {"Fn::FindInMap": ["a", "b", "c"]}, {"Fn::Base64": 1}, {"Fn::Cidr": ["10.0.0.0/16", 999, 99]},
    {"Fn::GetAZs": 5}, {"Fn::ImportValue": {}}, {"Condition": "X"}, {"Fn::Equals": [1]},
    {"Fn::Not": [[]]}, {"Fn::And": []}, {"Fn::Or": list(range(11))}, {"Fn::Length": {}},
    {"Fn::ToJsonString": {"a": {"Ref": "A"}}}, {"Fn::Transform": {"Name": "X"}},
    {"Fn::Sub": "${AWS::Region}${A.Arn}${!Literal}"}, {"references": ["aws_x.y", 5, None]},
    {"constant_value": {"a": [1]}}, {"after_unknown": True},
]  # fmt: skip

ODD = st.one_of(
    st.sampled_from(INTRINSICS),
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(EDGE_STRINGS),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=6), st.integers(), max_size=2),
)


@dataclass(frozen=True)
class Reader:
    """One input format, the document it starts from, and the command that reads it."""

    name: str
    suffix: str
    base: Callable[[], Any]
    serialize: str  # "yaml", "json" or "csv"
    args: Callable[[str, Path], list[str]]  # (mutated file, directory) -> argv


def _yaml_file(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _discovered() -> Any:
    from archcode.collectors import load_architecture
    from archcode.collectors.aws import to_yaml

    doc = yaml.safe_load(to_yaml(load_architecture(str(EXAMPLE))))
    # Discovery finds no actors (the writer leaves the example's out): nor flows from them.
    doc["connections"] = [
        c for c in doc.get("connections", []) if {c["from"], c["to"]} <= set(doc["resources"])
    ]
    return doc


def _cfn(path: Path) -> Callable[[], Any]:
    from archcode.collectors.cfn_parse import parse_template

    return lambda: parse_template(path.read_text(encoding="utf-8"), path.name)[0]


def _prices() -> Any:
    return list(csv.reader(io.StringIO((FIXTURES / "cost" / "seed-prices.csv").read_text())))


def _support(directory: Path) -> dict[str, str]:
    """The fixed files a verb reads next to the mutated one."""
    from checkhelp import ARCH, RULES

    files = {"arch.yaml": ARCH, "rules.yaml": RULES}
    for name, text in files.items():
        (directory / name).write_text(text)
    return {name: str(directory / name) for name in files}


def _check(file: str, d: Path) -> list[str]:
    return ["check", file, "-o", str(d / "out.txt")]


READERS = [
    Reader("archcode", ".yaml", lambda: _yaml_file(EXAMPLE), "yaml", _check),
    Reader("discovered", ".yaml", _discovered, "yaml", lambda f, d: ["validate", f]),
    Reader(
        "cfn-yaml",
        ".yaml",
        _cfn(FIXTURES / "iac" / "alb-lambda.cfn.yaml"),
        "yaml",
        _check,
    ),
    Reader(
        "cfn-json",
        ".json",
        _cfn(FIXTURES / "iac" / "data-tier.cfn.json"),
        "json",
        lambda f, d: ["validate", f],
    ),
    Reader(
        "terraform",
        ".json",
        lambda: json.loads((FIXTURES / "tfplans" / "tf1.14.9-eventbridge-lambda.tfplan.json")
                           .read_text()),
        "json",
        _check,
    ),
    Reader(
        "usage",
        ".yaml",
        lambda: _yaml_file(FIXTURES / "cost" / "seed-us-usage.yaml")
        | {"kinds": {"lambda_function": {"monthly_requests": 1000}}},
        "yaml",
        lambda f, d: ["cost", str(EXAMPLE), "--usage", f, "-o", str(d / "out.txt")],
    ),
    Reader(
        "waivers",
        ".yaml",
        lambda: yaml.safe_load(
            "waivers:\n  - rule: team-db-encrypted\n    resource: '*-db'\n"
            "    reason: Migrating (TICKET-42)\n    expires: 2026-06-30\n"
        ),
        "yaml",
        lambda f, d: ["check", _support(d)["arch.yaml"], "--rules", _support(d)["rules.yaml"],
                      "--waivers", f, "--today", "2026-01-01", "-o", str(d / "out.txt")],
    ),
    Reader(
        "rules",
        ".yaml",
        lambda: yaml.safe_load(__import__("checkhelp").RULES),
        "yaml",
        lambda f, d: ["check", _support(d)["arch.yaml"], "--rules", f, "-o", str(d / "out.txt")],
    ),
    Reader(
        "prices",
        ".csv",
        _prices,
        "csv",
        lambda f, d: ["cost", str(EXAMPLE), "--prices", f, "-o", str(d / "out.txt")],
    ),
]  # fmt: skip


# --- mutation ---------------------------------------------------------------------------------


def _paths(value: Any, prefix: tuple[Any, ...] = (), limit: int = 3000) -> list[tuple[Any, ...]]:
    """Paths of every key and item (iteratively; the first ``limit`` of them)."""
    found: list[tuple[Any, ...]] = []
    stack: list[tuple[tuple[Any, ...], Any]] = [(prefix, value)]
    while stack and len(found) < limit:
        path, node = stack.pop()
        children = (
            list(node.items()) if isinstance(node, dict)
            else list(enumerate(node)) if isinstance(node, list) else []
        )  # fmt: skip
        for key, child in children:
            found.append((*path, key))
            stack.append(((*path, key), child))
    return found


def _parent(doc: Any, path: tuple[Any, ...]) -> Any:
    for key in path[:-1]:
        doc = doc[key]
    return doc


@st.composite
def mutated(draw: st.DrawFn, reader: Reader) -> bytes:
    doc = reader.base()
    for _ in range(draw(st.integers(min_value=0, max_value=4))):
        paths = _paths(doc)
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent, key = _parent(doc, path), path[-1]
        op = draw(st.sampled_from(["delete", "swap", "edge", "empty", "nest", "rename", "grow"]))
        if op == "delete":
            del parent[key]
        elif op == "swap":
            parent[key] = copy.deepcopy(draw(ODD))  # later mutations must not edit INTRINSICS
        elif op == "edge":
            parent[key] = draw(st.sampled_from(EDGE_STRINGS))
        elif op == "empty":
            parent[key] = draw(st.sampled_from([{}, [], "", None, 0]))
        elif op == "nest":
            parent[key] = draw(st.sampled_from([DEEP_LIST, DEEP_MAP]))
        elif op == "rename" and isinstance(parent, dict):
            parent[draw(st.sampled_from(EDGE_STRINGS[:30]))] = parent.pop(key)
        elif op == "grow" and isinstance(parent, list) and parent:
            parent.extend([parent[0]] * draw(st.integers(min_value=1, max_value=50)))
    text = _serialize(doc, reader.serialize, draw(st.booleans()))
    depth = draw(st.sampled_from([3, 60, 130, 400, 3000]))
    text = (
        text.replace(f'"{BIGINT}"', "9" * 5000)
        .replace(BIGINT, "9" * 5000)
        .replace(f'"{DEEP_LIST}"', "[" * depth + "1" + "]" * depth)
        .replace(DEEP_LIST, "[" * depth + "1" + "]" * depth)
        .replace(f'"{DEEP_MAP}"', '{"a": ' * depth + "1" + "}" * depth)
        .replace(DEEP_MAP, '{"a": ' * depth + "1" + "}" * depth)
    )
    text = _splice(text, draw)
    return text.encode("utf-8", "surrogatepass")


def _serialize(doc: Any, how: str, flag: bool) -> str:
    if how == "json":
        return json.dumps(doc, ensure_ascii=flag, indent=1 if flag else None)
    if how == "csv":
        out = io.StringIO()
        rows = doc if isinstance(doc, list) else [doc]
        writer = csv.writer(out)
        for row in rows:
            writer.writerow(row if isinstance(row, list) else [row])
        return out.getvalue()
    return str(yaml.safe_dump(doc, allow_unicode=flag, sort_keys=False, width=10_000))


def _splice(text: str, draw: st.DrawFn) -> str:
    """Text-level damage: nothing, a cut, an inserted character, or a repeated line."""
    op = draw(st.sampled_from(["none", "none", "cut", "insert", "repeat"]))
    if op == "none" or not text:
        return text
    at = draw(st.integers(min_value=0, max_value=len(text) - 1))
    if op == "cut":
        return text[:at]
    if op == "insert":
        return (
            text[:at]
            + draw(st.sampled_from(["\x00", "\ufffd", ":", "-", "\t", "&a ", "*a"]))
            + text[at:]
        )
    lines = text.splitlines(keepends=True)
    index = draw(st.integers(min_value=0, max_value=len(lines) - 1))
    return "".join(lines[: index + 1] + lines[index:])


# --- the property -----------------------------------------------------------------------------

_LOCATED = re.compile(r"^(?P<file>[^:]+)(:\d+(:\d+)?)?: ")


def run_cli(args: list[str]) -> tuple[int, str, float]:
    out, err = io.StringIO(), io.StringIO()
    started = time.monotonic()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(args)
    return code, err.getvalue(), time.monotonic() - started


def assert_well_behaved(code: int, err: str, seconds: float, inputs: list[str]) -> None:
    assert "Traceback" not in err and "internal error" not in err, err
    assert code in (0, 1, 2), (code, err)
    assert seconds < TIME_BOUND, f"{seconds:.1f} s"
    if code == 2:
        problems = [
            line for line in err.splitlines()
            if not line.startswith(("warning: ", "archcode: warning: "))
        ]  # fmt: skip
        assert problems, err
        for line in problems:
            match = _LOCATED.match(line)
            assert match and match.group("file") in inputs, line


@pytest.mark.parametrize("reader", READERS, ids=[r.name for r in READERS])
def test_every_reader_gives_a_result_or_located_problems(
    reader: Reader, tmp_path_factory: pytest.TempPathFactory
) -> None:
    @given(document=mutated(reader))
    @settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
    def property_(document: bytes) -> None:
        directory = tmp_path_factory.mktemp(reader.name)
        path = directory / f"input{reader.suffix}"
        path.write_bytes(document)
        args = reader.args(str(path), directory)
        code, err, seconds = run_cli(args)
        inputs = [a for a in args if a.startswith(str(directory)) or a == str(EXAMPLE)]
        assert_well_behaved(code, err, seconds, inputs)

    property_()


def test_the_valid_documents_pass(tmp_path: Path) -> None:
    """The starting documents themselves are read (exit 0 or 1): mutations start from valid."""
    for reader in READERS:
        path = tmp_path / f"{reader.name}{reader.suffix}"
        path.write_bytes(_serialize(reader.base(), reader.serialize, True).encode())
        code, err, _ = run_cli(reader.args(str(path), tmp_path))
        assert code in (0, 1), (reader.name, err)
