"""The YAML loader's event builder gives what the composing loader gives, positions included.

`parse_yaml` builds data straight from the parser's events (no node tree, issue 17's memory);
`_parse_composed` is the loader it replaced, still used for documents with anchors. Both must
agree on data, every position and every problem, and on the errors they raise.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from archcode.collectors import yaml_model
from archcode.collectors.yaml_model import load_yaml_model, parse_yaml
from archcode.errors import InputError

ROOT = Path(__file__).resolve().parents[1]

CASES = {
    "duplicate keys": "a: 1\na: 2\nb: {c: 1, c: 3}\n",
    "keys that read as other types": "80: x\nyes: y\n~: z\n2020-01-01: d\n=: v\nq: =\n",
    "tags": "a: !!int x\nb: !Ref foo\nc: !!float 1.5\nd: !!binary aGVsbG8=\ne: 0x1F\n"
    "f: 1_000\ng: .inf\nh: 2001-12-14t21:59:43.10-05:00\ni: [1, 1, true, true, null, ~]\n",
    "too deep (sequences)": "a: " + "[" * 70 + "]" * 70 + "\nb: 1\n",
    "too deep (mappings)": "a: " + "{x: " * 70 + "1" + "}" * 70 + "\n",
    "undefined alias": "a: *x\n",
    "merge key without anchor": "a: {<<: {b: 1}, c: 2}\n",
    "a sequence as a key": "? [a, b]\n: 1\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "nothing": "",
    "an empty document": "---\n",
    "syntax error": "a: [1, 2\nb: 3\n",
    "a duplicate's value is not built": "a: 1\na: {b: !!int x}\n",
    "a key that is not a scalar": "? {k: v}\n: {b: !!int x}\nc: 2\n",
    "a huge integer": "a: " + "9" * 5000 + "\n",
    "a scalar document": "hello\n",
    "flow and block styles": "r:\n  x: {kind: vpc, cidr: 10.0.0.0/16}\n"
    "  y:\n    - 1\n    - 'two'\n",
}


def _outcome(parse: object, text: str) -> object:
    try:
        parsed = parse(text, "f.yaml")  # type: ignore[operator]
    except InputError as exc:
        return ("error", exc.problems)
    return (repr(parsed.data), parsed.positions, parsed.problems)


def _documents() -> list[Path]:
    found = [*ROOT.glob("examples/**/*.yaml"), *ROOT.glob("tests/fixtures/**/*.yaml")]
    return sorted(p for p in found if "&" not in p.read_text(encoding="utf-8", errors="replace"))


@pytest.mark.parametrize("text", CASES.values(), ids=CASES.keys())
def test_the_event_builder_agrees_with_the_composing_loader(text: str) -> None:
    assert _outcome(parse_yaml, text) == _outcome(yaml_model._parse_composed, text)


def test_the_event_builder_agrees_on_every_example_and_fixture() -> None:
    documents = _documents()
    assert len(documents) > 20
    for path in documents:
        text = path.read_text(encoding="utf-8")
        events = _outcome(parse_yaml, text)
        assert events == _outcome(yaml_model._parse_composed, text), path.name


def test_the_event_builder_is_used_without_anchors() -> None:
    # The composing loader is the fallback; a document without anchors never reaches it.
    calls: list[str] = []
    original = yaml_model._parse_composed
    yaml_model._parse_composed = lambda text, name: calls.append(name) or original(text, name)  # type: ignore[assignment, func-returns-value]
    try:
        parse_yaml("a: {b: [1, 2]}\n", "plain.yaml")
        parse_yaml("x: &t {b: 1}\ny: *t\n", "anchored.yaml")
    finally:
        yaml_model._parse_composed = original  # type: ignore[assignment]
    assert calls == ["anchored.yaml"]


def test_a_valid_document_keeps_only_its_entries_positions() -> None:
    text = "name: n\nresources:\n  q: {kind: sqs_queue, tags: {a: b}}\n"
    positions = parse_yaml(text, "f.yaml", every_position=False).positions
    assert positions == {("name",): (1, 1), ("resources",): (2, 1), ("resources", "q"): (3, 3)}
    assert len(parse_yaml(text, "f.yaml").positions) > len(positions)


def test_problems_deep_in_a_resource_are_still_located_exactly() -> None:
    # The first parse keeps no positions below the resources; the problem's line comes from
    # the second parse that a problem triggers.
    text = "name: n\nresources:\n  q:\n    kind: sqs_queue\n    tags:\n      a: ok\n      b: [x]\n"
    with pytest.raises(InputError) as caught:
        load_yaml_model(text, "f.yaml")
    assert [(p.line, p.column, p.field) for p in caught.value.problems] == [(7, 7, "tags.b")]
    arch = load_yaml_model(text.replace("b: [x]", "b: x"), "f.yaml")
    location = arch.location("q")
    assert location is not None and (location.line, location.column) == (3, 3)


TEMPLATES = {
    "short tags and CloudFormation's scalars": "Resources:\n  A:\n    Type: X\n    Properties:\n"
    "      P: !Ref B\n      Q: !GetAtt B.Arn\n      R: !Sub ['x', {a: !Ref C}]\n"
    "      T: yes\n      U: 0x1F\n      V: 2020-01-01\n      W: ~\n      X: 1.5\n"
    "      Y: " + "9" * 5000 + "\n",
    "a tag CloudFormation does not have": "Resources:\n  A: {Properties: {S: !!set {a}}}\n",
    "duplicate resources": "Resources:\n  A: {Type: X}\n  A: {Type: Y}\n",
    "a sequence as a key": "Resources:\n  ? [a]\n  : {b: !Ref x}\n  C: 1\n",
    "too deep": "Resources:\n  A: " + "[" * 70 + "]" * 70 + "\n",
    "merge key without anchor": "Resources:\n  A: {<<: {Type: X}}\n",
    "undefined alias": "Resources:\n  A: *x\n",
    "syntax error": "Resources: [a\n",
    "nothing": "",
    "two documents": "a: 1\n---\nb: 2\n",
    "resources as a list": "Resources:\n  - {A: 1}\n",
}


def _template_outcome(parse: object, text: str) -> object:
    try:
        return parse(text, "t.yaml")  # type: ignore[operator]
    except InputError as exc:
        return ("error", exc.problems)


@pytest.mark.parametrize("text", TEMPLATES.values(), ids=TEMPLATES.keys())
def test_the_template_event_builder_agrees_with_the_composing_loader(text: str) -> None:
    from archcode.collectors import cfn_parse

    events = _template_outcome(cfn_parse._parse_yaml, text)
    assert events == _template_outcome(cfn_parse._parse_composed, text)


def test_the_template_event_builder_agrees_on_every_template_fixture() -> None:
    from archcode.collectors import cfn_parse

    templates = [p for p in _documents() if "Resources:" in p.read_text(encoding="utf-8")]
    assert len(templates) > 5
    for path in templates:
        text = path.read_text(encoding="utf-8")
        events = _template_outcome(cfn_parse._parse_yaml, text)
        assert events == _template_outcome(cfn_parse._parse_composed, text), path.name


def test_a_node_past_the_depth_limit_is_skipped_whole_by_the_event_builder() -> None:
    """Its start event is already read when the limit is met: skipping from the next event
    lost its end and forced the composing fallback (right answer, twice the work)."""
    text = "a: " + "[" * 66 + "[1, 2, 3], 4" + "]" * 66 + "\nb: 2\n"
    builder = yaml_model._EventBuilder(yaml_model._Loader(text), "f.yaml", True)
    parsed = builder.document()  # no fallback: Composed would be raised here
    composed = yaml_model._parse_composed(text, "f.yaml")
    assert (repr(parsed.data), parsed.positions, parsed.problems) == (
        repr(composed.data),
        composed.positions,
        composed.problems,
    )
    assert [p.message for p in parsed.problems] == ["nested deeper than 64 levels"]
