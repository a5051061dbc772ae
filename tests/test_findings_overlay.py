"""Diagrams show the verdicts `check` reached, once: waivers and custom rules included.

`render --with-findings` and the HTML report's diagram colour a node from the CheckReport the
same rules and waivers give `check`, not from a second built-in evaluation. A rule that raises
is an ERROR result; `--debug` shows its traceback.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from archcode.rules.base import Category, Frameworks, Remediation, Rule, Severity
from archcode.rules.registry import RULES as REGISTRY
from checkhelp import check_json, run, write

MODEL = """\
name: overlay
region: eu-west-1
resources:
  db: {kind: rds_instance, engine: postgres, storage_encrypted: false, publicly_accessible: true}
  topic: {kind: sns_topic, kms_key: "arn:aws:kms:eu-west-1:111122223333:alias/aws/sns"}
  queue: {kind: sqs_queue}
connections:
  - topic -> queue
"""
CUSTOM = """\
rules:
  - id: team-topic-encrypted
    title: Topics use the team's KMS key
    severity: critical
    category: encryption
    kinds: [sns_topic]
    rationale: Our data policy.
    remediation: Set kms_key to the team key.
    # the AWS managed key passes the built-in SNS.1 rule, not this one
    require: {field: kms_key, equals: "arn:aws:kms:eu-west-1:111122223333:key/team"}
"""


@pytest.fixture
def files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    """The model, a custom rule failing on `topic`, and waivers for every FAIL on `db`."""
    arch = write(tmp_path, "arch.yaml", MODEL)
    rules = write(tmp_path, "rules.yaml", CUSTOM)
    _, plain = check_json(capsys, str(arch), "--fail-on", "never")
    db_fails = sorted(
        {f["rule_id"] for f in plain["findings"] if f["status"] == "FAIL"}
        & {f["rule_id"] for f in plain["findings"] if f["resource"]["id"] == "db"}
    )
    assert db_fails, "the model must give `db` failed checks to waive"
    assert not [f for f in plain["findings"] if f["resource"]["id"] == "topic"]
    waivers = write(
        tmp_path,
        "waivers.yaml",
        "waivers:\n"
        + "".join(
            f"  - {{rule: {r}, resource: db, reason: accepted, expires: 2099-01-01}}\n"
            for r in db_fails
        ),
    )
    return {"arch": str(arch), "rules": str(rules), "waivers": str(waivers)}


def coloured(mermaid: str) -> dict[str, str]:
    """Mermaid node id -> severity class."""
    return {
        node: severity
        for nodes, severity in re.findall(r"^\s*class ([\w,]+) sev_(\w+)$", mermaid, re.M)
        for node in nodes.split(",")
    }


def test_render_colours_from_the_check_with_its_waivers_and_custom_rules(
    files: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "render", files["arch"], "--with-findings")
    assert code == 0, err
    before = coloured(out)
    assert "n_db" in before and "n_topic" not in before
    code, out, err = run(
        capsys, "render", files["arch"], "--with-findings",
        "--rules", files["rules"], "--waivers", files["waivers"],
    )  # fmt: skip
    assert code == 0, err
    after = coloured(out)
    assert "n_db" not in after  # every failed check on db is waived
    assert after.get("n_topic") == "critical"  # the custom rule's finding
    assert "1 finding: critical" in out
    # The findings view draws the same verdicts.
    code, out, _ = run(
        capsys, "render", files["arch"], "--view", "findings",
        "--rules", files["rules"], "--waivers", files["waivers"],
    )  # fmt: skip
    assert code == 0 and set(coloured(out)) == {"n_topic"}


def test_render_counts_what_check_reports(
    files: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    options = ["--rules", files["rules"], "--waivers", files["waivers"]]
    _, report = check_json(capsys, files["arch"], "--fail-on", "never", *options)
    fails: dict[str, int] = {}
    for f in report["findings"]:
        if f["status"] == "FAIL" and f["resource"]["id"]:
            fails[f["resource"]["id"]] = fails.get(f["resource"]["id"], 0) + 1
    code, out, _ = run(capsys, "render", files["arch"], "--with-findings", *options)
    assert code == 0
    drawn = {
        node: int(count) for node, count in re.findall(r'(n_\w+)\S*\["[^"]*?(\d+) findings?: ', out)
    }
    assert drawn == {f"n_{rid}": n for rid, n in fails.items()}


def test_rules_and_waivers_without_findings_are_a_usage_error(
    files: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "render", files["arch"], "--rules", files["rules"])
    assert code == 2 and "--with-findings" in err


def _svg_nodes(page: str) -> dict[str, str]:
    """Resource id -> the text of its node in the report's diagram."""
    island = re.search(r'<script type="application/json"[^>]*>(.*?)</script>', page, re.S)
    assert island
    node_ids = json.loads(island.group(1))["node_ids"]
    texts: dict[str, str] = {}
    for block in re.findall(r'<g id="[^"]*" class="node">(.*?)</g>', page, re.S):
        title = re.search(r"<title>(.*?)</title>", block, re.S)
        if title and html.unescape(title.group(1)) in node_ids:
            words = re.findall(r"<text[^>]*>(.*?)</text>", block, re.S)
            texts[node_ids[html.unescape(title.group(1))]] = " ".join(words)
    return texts


def test_the_report_diagram_shows_waivers_and_custom_rules(
    files: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "report.html"
    code, _, err = run(capsys, "report", files["arch"], "-o", str(out))
    assert code == 0, err
    plain = _svg_nodes(out.read_text())
    assert "finding" in plain["db"] and "finding" not in plain["topic"]
    code, _, err = run(
        capsys, "report", files["arch"], "-o", str(out),
        "--rules", files["rules"], "--waivers", files["waivers"],
    )  # fmt: skip
    assert code == 0, err
    nodes = _svg_nodes(out.read_text())
    assert "finding" not in nodes["db"]
    assert "1 finding: critical" in nodes["topic"]


def test_in_model_waivers_uncolour_the_node_too(
    files: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    waivers = Path(files["waivers"]).read_text()
    arch = write(tmp_path, "waived.yaml", MODEL + waivers)
    code, out, err = run(capsys, "render", str(arch), "--with-findings")
    assert code == 0, err
    assert "n_db" not in coloured(out)


@pytest.fixture
def broken_rule(monkeypatch: pytest.MonkeyPatch) -> str:
    def broken(resource: object, ctx: object) -> object:
        return {}["deliberately missing key"]

    rule = Rule(
        "test-raises",
        "A rule with a bug",
        Severity.HIGH,
        Category.ENCRYPTION,
        ("sns_topic",),
        Frameworks(),
        "none",
        Remediation("none"),
        resource_check=broken,  # type: ignore[arg-type]
    )
    monkeypatch.setitem(REGISTRY, rule.id, rule)
    return rule.id


def test_a_rule_that_raises_is_an_error_result_with_its_traceback_under_debug(
    files: dict[str, str], broken_rule: str, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["check", files["arch"], "--rule", broken_rule, "-f", "json"]
    code, out, err = run(capsys, *args)
    assert code == 1
    [finding] = json.loads(out)["findings"]
    assert (finding["status"], finding["resource"]["id"]) == ("ERROR", "topic")
    assert "rule raised KeyError" in finding["message"]
    assert f"rule error: {broken_rule} on topic: rule raised KeyError" in err
    assert "Traceback" not in err and "Traceback" not in out
    code, out, err = run(capsys, "--debug", *args)
    assert code == 1
    assert "Traceback (most recent call last)" in err
    assert 'return {}["deliberately missing key"]' in err and "in broken" in err
    assert "Traceback" not in out  # reports never carry it


def test_the_report_verb_shows_the_rule_error_and_its_traceback_under_debug(
    files: dict[str, str], broken_rule: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "report.html"
    code, _, err = run(capsys, "report", files["arch"], "-o", str(out))
    assert code == 0 and f"rule error: {broken_rule} on topic" in err
    assert "Traceback" not in err
    code, _, err = run(capsys, "--debug", "report", files["arch"], "-o", str(out))
    assert code == 0 and "Traceback (most recent call last)" in err and "in broken" in err
    page = out.read_text()
    assert "rule raised KeyError" in page and "Traceback" not in page
