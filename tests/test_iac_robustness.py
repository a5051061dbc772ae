"""Odd templates and plans never crash the importers: every one is a model or bad input.

Seeded mutations of the fixtures put wrong types, broken intrinsics and missing keys in random
places (a template is input, often hand-written); the run must end in a model or InputError.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from archcode.collectors import terraform
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


@pytest.mark.parametrize("seed", range(4))
def test_mutated_sources_give_a_model_or_bad_input(seed: int) -> None:
    rng = random.Random(seed)
    built = 0
    for _ in range(40):
        kind, data = rng.choice(sources())
        text = json.dumps(mutate(data, rng))
        try:
            if kind == "cloudformation":
                load_cloudformation([parse(text, "t.json")], "t").build()
            else:
                terraform.load_terraform(terraform.parse(text, "t.json"), Draft("t")).build()
            built += 1
        except InputError as exc:
            assert exc.problems and all(p.file == "t.json" for p in exc.problems)
    assert built > 0  # the mutations leave most sources readable


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
    assert [str(p) for p in caught.value.problems] == ["deep.json: nested too deeply"]
