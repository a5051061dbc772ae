"""JUnit XML and Markdown reports, read back the way CI systems and GitHub read them."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest

from archcode.reports.markdown import MAX_CHARS, escape, render_markdown
from archcode.verbs.check import run_check
from checkhelp import ARCH, RULES, run, write


@pytest.fixture
def files(tmp_path: Path) -> tuple[str, str, str]:
    return (
        str(write(tmp_path, "arch.yaml", ARCH)),
        str(write(tmp_path, "rules.yaml", RULES)),
        str(
            write(
                tmp_path,
                "waivers.yaml",
                "waivers:\n  - {rule: team-db-low, resource: users-db, reason: 'fine <b>', "
                "expires: 2030-01-01}\n",
            )
        ),
    )


def test_junit_has_a_suite_per_rule_and_a_case_per_resource(
    files: tuple[str, str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    arch, rules, waivers = files
    code, out, _ = run(
        capsys, "check", arch, "--rules", rules, "--rule", "team-db-encrypted",
        "--rule", "team-db-low", "--waivers", waivers, "--today", "2026-01-01", "-f", "junit",
    )  # fmt: skip
    assert code == 1
    root = ET.fromstring(out)
    assert root.tag == "testsuites"
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert list(suites) == ["team-db-encrypted", "team-db-low"]
    enc = suites["team-db-encrypted"]
    cases = {c.get("name"): c for c in enc.findall("testcase")}
    assert set(cases) == {"orders-db", "users-db", "legacy-db"}
    assert (enc.get("tests"), enc.get("failures"), enc.get("skipped")) == ("3", "2", "0")
    failure = cases["orders-db"].find("failure")
    assert failure is not None and failure.get("type") == "FAIL"
    assert (failure.get("message") or "").startswith("[high] Databases are encrypted at rest")
    assert cases["orders-db"].get("line") == "5"
    assert cases["users-db"].find("failure") is None  # a pass is an empty test case
    unknown = cases["legacy-db"].find("failure")
    assert unknown is not None and unknown.get("type") == "UNKNOWN"
    skipped = suites["team-db-low"].find("testcase[@name='users-db']/skipped")
    assert skipped is not None
    assert skipped.get("message") == "waived until 2030-01-01: fine <b>"
    assert (root.get("tests"), root.get("failures"), root.get("skipped")) == ("6", "4", "1")


def test_junit_unknown_is_skipped_when_allowed(
    files: tuple[str, str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    arch, rules, _ = files
    _, out, _ = run(
        capsys, "check", arch, "--rules", rules, "--rule", "team-db-encrypted",
        "--allow-unknown", "-f", "junit",
    )  # fmt: skip
    case = ET.fromstring(out).find("testsuite/testcase[@name='legacy-db']")
    assert case is not None and case.find("skipped") is not None


def test_markdown_summarises_and_escapes(
    files: tuple[str, str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    arch, rules, waivers = files
    code, out, _ = run(
        capsys, "check", arch, "--rules", rules, "--rule", "team-db-encrypted",
        "--rule", "team-db-low", "--waivers", waivers, "--today", "2026-01-01", "-f", "markdown",
    )  # fmt: skip
    assert code == 1
    assert out.startswith("## archcode check\n")
    assert "❌ **archcode check failed**" in out
    assert "| 🟧 high | 2 |" in out
    assert "| 🟧 high | FAIL | `team-db-encrypted` | orders-db |" in out
    assert "<details><summary>1 waived</summary>" in out
    assert "fine &lt;b&gt;" in out and "<b>" not in out


def test_markdown_escapes_html_mentions_and_table_pipes() -> None:
    assert escape("<img src=x onerror=alert(1)>") == ("&lt;img src=x onerror=alert\\(1\\)&gt;")
    assert escape("a|b @team\nnext") == "a\\|b &#64;team next"


def test_markdown_stays_under_the_comment_limit_and_counts_what_it_left_out(
    tmp_path: Path,
) -> None:
    body = "".join(f"  db-{i:05d}: {{kind: rds, storage_encrypted: false}}\n" for i in range(3000))
    arch = write(tmp_path, "big.yaml", f"name: big\nresources:\n{body}")
    rules = write(tmp_path, "rules.yaml", RULES)
    report = run_check(
        [str(arch)], rules_files=[str(rules)], only=["team-db-encrypted"], today=date(2026, 1, 1)
    )
    text = render_markdown(report)
    assert len(text) < MAX_CHARS
    shown = text.count("| 🟧 high | FAIL |")
    assert 100 < shown < 3000
    assert f"_{3000 - shown} more findings not shown ({3000 - shown} open, 0 waived)" in text
    small = render_markdown(report, max_chars=3000)
    assert len(small) < 3000
