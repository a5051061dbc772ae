"""The crash corpus (tests/fixtures/hardening/): every input is one located line, exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from archcode.cli import main

CORPUS = Path(__file__).resolve().parent / "fixtures" / "hardening"
ID_RULE = "an id is up to 512 letters, digits and _ . : / @ + = - (starting with a letter or digit)"

EXPECTED = {
    "address-long.tfplan.json": ("1:1", ID_RULE),
    "bigint.cfn.json": ("1:", "integer literal longer than 4300 digits"),
    "bigint.tfplan.json": ("1:", "integer literal longer than 4300 digits"),
    "bigint.yaml": ("5:11", "integer literal longer than 4300 digits"),
    "deep-fn-if.cfn.json": ("1:", "nested deeper than 128 levels"),
    "deep-fn-join.cfn.json": ("1:", "nested deeper than 128 levels"),
    "deep-lists.cfn.json": ("1:", "nested deeper than 128 levels"),
    "deep-values.tfplan.json": ("1:", "nested deeper than 128 levels"),
    "duplicate-key.cfn.json": ("3:2", "duplicate key 'A' (first at line 2)"),
    "escape-in-field.yaml": ("5:5", "resource a: x\\x1b]0;owned\\x07: unknown field"),
    "int-tag.yaml": ("5:17", "'x' is not a valid int"),
    "lone-surrogate.cfn.json": ("1:", "a lone surrogate escape (\\ud800-\\udfff) is no character"),
    "logical-id-escape.cfn.json": ("1:58", ID_RULE),
    "logical-id-long.cfn.json": ("1:58", ID_RULE),
    "logical-id-space.cfn.json": ("1:58", ID_RULE),
}


# Price tables, read by `archcode cost --prices`: (line prefix, message) of the first problem.
PRICES = {
    "prices-carriage-return.csv": ("3", "price_usd: empty"),
}
EXAMPLE = str(CORPUS.parent.parent.parent / "examples" / "cloudfront-lambda-dynamodb.yaml")


def test_every_corpus_file_has_its_expectation() -> None:
    found = sorted(p.name for p in CORPUS.iterdir() if p.suffix != ".md")
    assert found == sorted([*EXPECTED, *PRICES])


@pytest.mark.parametrize("name", sorted(PRICES))
def test_corpus_price_table_is_located(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(CORPUS / name)
    assert main(["cost", EXAMPLE, "--prices", path]) == 2
    lines = capsys.readouterr().err.splitlines()
    where, message = PRICES[name]
    assert lines[0] == f"{path}:{where}: {message}"
    assert all(line.startswith(f"{path}:") for line in lines)


@pytest.mark.parametrize("verb", ["validate", "check"])
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_input_is_one_located_line(
    name: str, verb: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(CORPUS / name)
    args = [verb, path] if verb == "validate" else [verb, path, "-o", "/dev/null"]
    assert main(args) == 2
    err = capsys.readouterr().err
    where, message = EXPECTED[name]
    (line,) = err.splitlines()
    assert line.startswith(f"{path}:{where}") and line.endswith(message), line
    assert "\x1b" not in line
