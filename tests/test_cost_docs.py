"""docs/cost.md shows what `archcode cost` really prints and the defaults it really assumes."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from tests.conftest import ROOT

from archcode.cli import main
from archcode.cost.usage import defaults_markdown

DOC = ROOT / "docs" / "cost.md"
_FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)


def section(title: str) -> list[tuple[str, str]]:
    text = DOC.read_text().split(f"## {title}\n", 1)[1].split("\n## ", 1)[0]
    return [(m.group(1), m.group(2)) for m in _FENCE.finditer(text)]


def test_the_example_output_is_what_cost_prints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (architecture,) = [text for lang, text in section("Example") if lang == "yaml"]
    (expected,) = [text for lang, text in section("Example") if lang == "text"]
    (tmp_path / "orders.yaml").write_text(architecture)
    monkeypatch.chdir(tmp_path)
    assert main(["cost", "orders.yaml"]) == 0
    assert capsys.readouterr().out == expected


def test_the_defaults_table_is_the_code_s() -> None:
    assert defaults_markdown() in DOC.read_text()


def test_the_override_example_gives_the_seeds_figure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocks = section("The price table")
    (override,) = [text for lang, text in blocks if text.startswith("service_code,")]
    prices = tmp_path / "seed.csv"
    prices.write_text(override)
    example = str(ROOT / "examples" / "cloudfront-lambda-dynamodb.yaml")
    assert main(["cost", example, "--prices", str(prices)]) == 0
    assert "1,953.125 GB x $0.17" in capsys.readouterr().out


def test_the_usage_file_example_is_valid(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (usage,) = [
        text
        for lang, text in section("Usage: from the model, a usage file, or documented defaults")
        if lang == "yaml"
    ]
    (tmp_path / "usage.yaml").write_text(usage)
    (tmp_path / "arch.yaml").write_text(
        "name: t\nregion: us-east-1\nresources:\n  cdn: {kind: cloudfront}\n"
        "  orders: {kind: dynamodb}\n  fn: {kind: lambda}\n"
    )
    assert main(["cost", str(tmp_path / "arch.yaml"), "--usage", str(tmp_path / "usage.yaml")]) == 0
    assert "Data transfer out (us)" in capsys.readouterr().out


def test_the_verified_share_is_the_table_s(capsys: pytest.CaptureFixture[str]) -> None:
    (shown,) = [
        text
        for lang, text in section("The price table")
        if lang == "text" and text.startswith("$ archcode prices show")
    ]
    command, *expected = shown.splitlines()
    assert main(command.removeprefix("$ archcode ").split()) == 0
    assert capsys.readouterr().err.splitlines() == expected
    with (ROOT / "src" / "archcode" / "cost" / "prices.csv").open(newline="") as table:
        rows = list(csv.DictReader(table))
    verified = sum(row["check"] != "R" for row in rows)
    share = round(100 * verified / len(rows))
    assert f"{verified} of {len(rows):,} rows ({share} %) are verified" in DOC.read_text()
