"""`archcode cost` as a user meets it: formats, compare, bad usage and price files (exit 2)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.conftest import ROOT

from archcode.cli import main
from archcode.cost.table import COLUMNS

SEED = str(ROOT / "tests" / "fixtures" / "cost" / "seed-india.yaml")
ARCH = """\
name: shop
region: us-east-1
resources:
  fn: {kind: lambda, memory_mb: 128, usage: {monthly_requests: 1000000, avg_duration_ms: 0}}
  q: {kind: sqs, usage: {monthly_requests: 2000000}}
"""
Write = Callable[..., Path]


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_json_output_is_complete_and_exact(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["cost", SEED, "--format", "json"], capsys)
    assert code == 0
    data = json.loads(out)
    assert data["price_table_date"] == "2026-11-23"
    assert data["currency"] == "USD"
    cdn = next(c for c in data["components"] if c["id"] == "cdn")
    assert cdn["lines"][0]["quantity"] == "1953.125"
    assert cdn["lines"][0]["monthly"] == "212.890625"
    api = next(c for c in data["components"] if c["id"] == "api")
    assert api["assumed"] is True
    assert api["assumptions"] == ["monthly_requests = 1,000,000 (default for api_gateway)"]
    assert set(data["subtotals"]) == {"vpc", "region", "account"}


def test_csv_output_one_row_per_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["cost", SEED, "--format", "csv"], capsys)
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["component"] for r in rows} == {"assets", "cdn", "api", "backend", "table"}
    assert all(r["price_table_date"] == "2026-11-23" for r in rows)
    assert [r["assumed"] for r in rows if r["component"] == "api"] == ["true"]


def test_missing_price_printed_as_not_found_in_every_format(
    write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(
        write("name: t\nregion: us-east-1\nresources:\n  vm: {kind: ec2, instance_type: x9.huge}\n")
    )
    for fmt in ("text", "markdown", "csv"):
        code, out, _ = run(["cost", path, "--format", fmt], capsys)
        assert code == 0
        assert "price not found" in out
        # a $0.00 is only ever the priced part of a sum that says what it lacks
        assert out.count("$0.00") == out.count("$0.00 + 1 ") + out.count("$0.00 per month + 1 ")
    data = json.loads(run(["cost", path, "--format", "json"], capsys)[1])
    assert data["total"] is None
    assert data["components"][0]["lines"][0]["monthly"] is None


PARTLY_PRICED = (
    "name: t\nregion: us-east-1\nresources:\n"
    "  q: {kind: sqs, usage: {monthly_requests: 2000000}}\n"
    "  vm: {kind: ec2, instance_type: x9.huge}\n"
    "  vm2: {kind: ec2, instance_type: x9.huger}\n"
)


def test_total_is_the_priced_sum_then_what_has_no_price(
    write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(write(PARTLY_PRICED))
    code, text, _ = run(["cost", path], capsys)
    assert code == 0
    assert "Total: $0.80 per month + 2 components without a price" in text
    assert "$0.00 + 1 line without a price" in text  # each instance's own total
    code, markdown, _ = run(["cost", path, "--format", "markdown"], capsys)
    assert "### Monthly cost of t: $0.80 + 2 components without a price" in markdown
    assert "| **Total** | | | | **$0.80 + 2 components without a price** |" in markdown
    assert "us-east-1 $0.80 + 2 components without a price" in markdown
    data = json.loads(run(["cost", path, "--format", "json"], capsys)[1])
    assert (data["total"], data["known_total"]) == (None, "0.8")
    assert data["unpriced_components"] == ["vm", "vm2"]
    assert data["total_text"] == "$0.80 + 2 components without a price"
    assert [c["unpriced_lines"] for c in data["components"]] == [0, 1, 1]
    assert data["subtotals"]["region"]["us-east-1"]["unpriced_components"] == 2


def test_compare_gives_the_priced_difference_then_what_has_no_price(
    write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    base = str(write("name: t\nregion: us-east-1\nresources:\n  q: {kind: sqs}\n", "base.yaml"))
    head = str(write(PARTLY_PRICED, "head.yaml"))
    code, markdown, _ = run(["cost", "--compare", base, head], capsys)
    assert code == 0
    assert "### Monthly cost change: +$0.40 + 2 components without a price" in markdown
    assert "Per month: $0.40 → $0.80 + 2 components without a price." in markdown
    assert "| vm | ec2\\_instance | added |  | $0.00 + 1 line without a price |" in markdown
    data = json.loads(run(["cost", "--compare", base, head, "--format", "json"], capsys)[1])
    assert (data["delta"], data["known_delta"]) == (None, "0.4")
    assert data["unpriced_components"] == {"base": [], "head": ["vm", "vm2"]}


def test_markdown_escapes_names_from_the_model(
    write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(
        write('name: "x|<img src=x onerror=alert(1)> @org/team"\nresources:\n  q: {kind: sqs}\n')
    )
    code, out, _ = run(["cost", path, "--format", "markdown"], capsys)
    assert code == 0
    assert "<img" not in out
    assert "x\\|&lt;img" in out
    assert "@org" not in out  # a name never pings a team in a pull-request comment


def test_output_file_and_free_tier(
    write: Write, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(write(ARCH))
    target = tmp_path / "cost.txt"
    assert run(["cost", path, "-o", str(target)], capsys)[0] == 0
    text = target.read_text()
    assert "Free tiers: off" in text and "Total: $1.00 per month" in text  # 0.20 + 0.80
    assert run(["cost", path, "--free-tier", "-o", str(target)], capsys)[0] == 0
    assert "Total: $0.40 per month" in target.read_text()  # the first 1M of each is free


def test_compare_markdown_for_a_pull_request(
    write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    base = write(ARCH, "base.yaml")
    head = write(
        ARCH.replace("2000000", "4000000")
        + "  t: {kind: dynamodb, billing_mode: PAY_PER_REQUEST, usage: {write_request_units: 0,"
        " read_request_units: 0, gb_stored: 4}}\n",
        "head.yaml",
    )
    code, out, _ = run(["cost", "--compare", str(base), str(head)], capsys)
    assert code == 0
    assert out.startswith("### Monthly cost change: +$1.80 (+180.0%)")
    assert "| q | sqs\\_queue | changed | $0.80 | $1.60 | +$0.80 |" in out
    assert "| t | dynamodb\\_table | added |  | $1.00 | +$1.00 |" in out
    assert "| **Total** | | | $1.00 | $2.80 | **+$1.80** |" in out
    assert "1 component(s) unchanged." in out
    data = json.loads(run(["cost", "--compare", str(head), str(base), "-f", "json"], capsys)[1])
    assert data["delta"] == "-1.8"
    assert {c["id"]: c["status"] for c in data["components"]} == {
        "fn": "unchanged",
        "q": "changed",
        "t": "removed",
    }


def test_usage_file_overrides_the_model(write: Write, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(ARCH)
    usage = write(
        "resources:\n  q: {monthly_requests: 1000000}\nkinds:\n  lambda: {avg_duration_ms: 5}\n",
        "usage.yaml",
    )
    code, out, _ = run(["cost", str(path), "--usage", str(usage), "-f", "json"], capsys)
    assert code == 0
    data = {c["id"]: c for c in json.loads(out)["components"]}
    assert data["q"]["total"] == "0.4"
    # the model's own avg_duration_ms (0) wins over the usage file's kind default
    assert data["fn"]["total"] == "0.2"


@pytest.mark.parametrize(
    ("usage", "expected"),
    [
        (
            "resources:\n  qq: {monthly_requests: 1}\n",
            ["usage.yaml:2:3: no resource 'qq' in the architecture (did you mean 'q'?)"],
        ),
        (
            "resources:\n  q:\n    monthly_requestz: 1\n    gb_out: -4\n",
            [
                "usage.yaml:3:5: resource q: monthly_requestz: unknown field",
                "usage.yaml:4:5: resource q: gb_out: Input should be greater than or equal to 0"
                " (got '-4')",
            ],
        ),
        (
            "resources:\n  q: {gb_out_by_region: {mars: 3}}\n",
            [
                "usage.yaml:2:7: resource q: gb_out_by_region: unknown CloudFront price region"
                " 'mars' (us, europe, india, japan, australia, asia, south_america, south_africa,"
                " middle_east)"
            ],
        ),
        ("kinds:\n  lamda: {}\n", ["usage.yaml:2:3: kinds: unknown kind 'lamda'"]),
        (
            "usage:\n  q: {}\n",
            ["usage.yaml:1:1: usage: unknown section (expected resources or kinds)"],
        ),
        ("- q\n", ["usage.yaml:1:1: a usage file is a mapping (resources, kinds)"]),
        ("resources: {q: [1}\n", None),
    ],
)
def test_bad_usage_files_exit_2_one_line_per_problem(
    write: Write, capsys: pytest.CaptureFixture[str], usage: str, expected: list[str] | None
) -> None:
    path = write(ARCH)
    usage_path = write(usage, "usage.yaml")
    code, out, err = run(["cost", str(path), "--usage", str(usage_path)], capsys)
    assert code == 2
    assert out == ""
    lines = [line.replace(str(usage_path.parent) + "/", "") for line in err.splitlines()]
    if expected is None:
        assert len(lines) == 1 and lines[0].startswith("usage.yaml:1:")
    else:
        assert lines == expected
    assert "Traceback" not in err


def test_bad_price_file_exits_2_naming_line_and_column(
    write: Write, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(ARCH)
    header = ",".join(COLUMNS) + "\n"
    prices = write(
        header
        + "AWSLambda,Request,Invoke,us-east-1,Requests,cheap,0,,2026-01-01,,,me\n"
        + "AWSLambda,Request-ARM,Invoke,us-east-1,Requests,0.1,0,,2026-13-01,,,me\n"
        + "AmazonSNS,Requests-Tier1,,us-east-1,Requests,0.1,5,,2026-01-01,,,me\n",
        "prices.csv",
    )
    code, _, err = run(["cost", str(path), "--prices", str(prices)], capsys)
    assert code == 2
    assert err.splitlines() == [
        f"{prices}:2: price_usd: not a number: 'cheap'",
        f"{prices}:3: effective_date: not a date: '2026-13-01'",
        f"{prices}: tiers of AmazonSNS Requests-Tier1 us-east-1 have a gap or overlap",
    ]
    assert run(["cost", str(path), "--prices", str(write("a,b\n1,2\n", "p2.csv"))], capsys)[0] == 2


def test_usage_errors_exit_2(write: Write, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["cost"], capsys)[0] == 2
    assert run(["cost", SEED, "--compare", SEED, SEED], capsys)[0] == 2
    code, _, err = run(["cost", SEED, "--format", "pdf"], capsys)
    assert code == 2 and "--format must be one of text, json, markdown, csv" in err
    assert run(["cost", str(write("name: x\nresources: {a: {kind: nope}}\n"))], capsys)[0] == 2


def test_console_script_prints_the_table_date() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "archcode", "cost", SEED],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert "Prices: archcode/cost/prices.csv dated 2026-11-23" in out.stdout
    assert "Total: $215.14 per month" in out.stdout
