"""Odd templates and plans never crash the importers: every one is a model or bad input.

Seeded mutations of the fixtures put wrong types, broken intrinsics and missing keys in random
places (a template is input, often hand-written); the run must end in a model or InputError.
"""

from __future__ import annotations

import json
import random
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from archcode.collectors import cfn_kinds, terraform, tf_kinds
from archcode.collectors.cfn_parse import parse_template
from archcode.collectors.cloudformation import load_cloudformation, parse
from archcode.collectors.iac_draft import Draft
from archcode.errors import InputError

IAC = Path(__file__).resolve().parent / "fixtures" / "iac"
ODD: list[Any] = [
    None, 1, -1, 0.5, True, "x", "", [], {}, [None], {"Ref": 1}, {"Fn::GetAtt": 5},
    {"Fn::If": [1]}, {"Fn::Sub": [1, 2]}, {"Ref": "AWS::NoValue"}, {"Fn::Join": [",", 3]},
    {"Fn::Select": ["a", [1]]}, {"Fn::FindInMap": [1, 2, 3]}, [{"Key": 1}], {"Condition": 3},
    {"Fn::Split": [None, None]}, "0.0.0.0/0", 99999999, ["a", {"b": []}],
]  # fmt: skip


def mutate(value: Any, rng: random.Random) -> Any:
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            roll = rng.random()
            if roll < 0.05:
                continue
            out[key] = rng.choice(ODD) if roll < 0.15 else mutate(item, rng)
        return out
    if isinstance(value, list):
        return [rng.choice(ODD) if rng.random() < 0.1 else mutate(v, rng) for v in value]
    return value


def sources() -> list[tuple[str, Any]]:
    found: list[tuple[str, Any]] = []
    for path in sorted(IAC.iterdir()):
        if not path.is_file():  # terraform/: the HCL the plans are generated from
            continue
        if path.name.endswith(".tfplan.json"):
            found.append(("terraform", json.loads(path.read_text())))
        else:
            found.append(("cloudformation", parse_template(path.read_text(), path.name)[0]))
    return found


@dataclass
class Fuzzed:
    built: int = 0  # sources that gave a model
    refused: int = 0  # sources that gave InputError
    crashes: list[str] = field(default_factory=list)  # mapper exceptions, with their traceback


def fuzz(seed: int, runs: int = 40) -> Fuzzed:
    """Mutated sources through the importers: a model, bad input, or a mapper crash reported.

    A mapper that raises does not stop the run (``map_safely`` makes it a warning), so the
    harness reads the exceptions the draft kept: each one is a bug, never odd input.
    """
    rng = random.Random(seed)
    found = Fuzzed()
    for _ in range(runs):
        kind, data = rng.choice(sources())
        text = json.dumps(mutate(data, rng))
        draft = Draft("t")
        try:
            if kind == "cloudformation":
                draft = load_cloudformation([parse(text, "t.json")], "t")
            else:
                terraform.load_terraform(terraform.parse(text, "t.json"), draft)
            draft.build()
            found.built += 1
        except InputError as exc:
            assert exc.problems and all(p.file == "t.json" for p in exc.problems)
            found.refused += 1
        found.crashes += [
            f"{kind} {rid}: " + "".join(traceback.format_exception(error))
            for rid, error in draft.mapper_errors
        ]
    return found


@pytest.mark.parametrize("seed", range(4))
def test_mutated_sources_give_a_model_or_bad_input(seed: int) -> None:
    found = fuzz(seed)
    assert found.crashes == []
    assert found.built > 0  # the mutations leave most sources readable


@pytest.mark.parametrize(
    ("kind", "module", "source_type"),
    [("cloudformation", cfn_kinds, "AWS::S3::Bucket"), ("terraform", tf_kinds, "aws_s3_bucket")],
)
def test_the_harness_reports_a_mapper_that_raises(
    monkeypatch: pytest.MonkeyPatch, kind: str, module: Any, source_type: str
) -> None:
    def broken(props: Any) -> dict[str, Any]:
        raise RuntimeError("mapper bug")

    assert source_type in module.MAPPERS
    monkeypatch.setitem(module.MAPPERS, source_type, broken)
    found = [crash for seed in range(4) for crash in fuzz(seed).crashes]
    assert found, "a mapper that always raises must fail the fuzz test"
    assert all(c.startswith(f"{kind} ") and "RuntimeError: mapper bug" in c for c in found)


@pytest.mark.parametrize(
    "load",
    [
        lambda text: parse_template(text, "deep.json"),
        lambda text: terraform.parse(text, "deep.json"),
    ],
    ids=["cloudformation", "terraform"],
)
def test_json_nested_past_the_parsers_limit_is_one_problem_not_a_crash(load: Any) -> None:
    depth = 100_000
    text = '{"Resources": ' + "[" * depth + "]" * depth + "}"
    with pytest.raises(InputError) as caught:
        load(text)
    # The first bracket past the limit: column 15 is the first "[", 128 levels from the top.
    column = len('{"Resources": ') + 128
    assert [str(p) for p in caught.value.problems] == [
        f"deep.json:1:{column}: nested deeper than 128 levels"
    ]
