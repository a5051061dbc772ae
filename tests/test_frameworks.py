"""Standards the rules map to (Security Hub FSBP, CIS v3.0): the control lists, the coverage
that `archcode rules --framework` prints and docs/rules.md holds, and every rule's documentation
(docs anchor as SARIF helpUri, remediation for archcode YAML, CloudFormation and Terraform)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import hcl2
import jsonschema
import pytest
import yaml
from tests.conftest import ROOT

from archcode.model.registry import BY_KIND, KINDS
from archcode.rules.base import Rule
from archcode.rules.doc import RULES_DOC_URL, help_uri
from archcode.rules.frameworks import (
    ACCOUNT,
    IN_SCOPE_CATEGORIES,
    STANDARDS,
    StandardName,
    claimed,
    controls,
    coverage,
    coverage_markdown,
    notes,
    security_hub_controls,
)
from archcode.rules.registry import builtin_rules
from checkhelp import ARCH, RULES, run, write

RULES_MD = ROOT / "docs" / "rules.md"
SARIF_SCHEMA = Path(__file__).resolve().parent / "vendor" / "sarif" / "sarif-schema-2.1.0.json"
BUILTIN = list(builtin_rules().values())


# --- the control lists --------------------------------------------------------------------


@pytest.mark.parametrize("standard", STANDARDS)
def test_each_standard_is_a_list_of_unique_controls_with_types(standard: StandardName) -> None:
    listed = controls(standard)
    ids = [c.id for c in listed]
    assert len(ids) == len(set(ids)) and len(ids) > 50
    for c in listed:
        assert c.title and c.resource_types, c.id
        assert all(t.startswith("AWS::") for t in c.resource_types), c.id
        assert c.category in IN_SCOPE_CATEGORIES | {""}, c.id


def test_fsbp_controls_carry_severity_and_cis_names_real_fsbp_controls() -> None:
    fsbp = {c.id: c for c in controls("fsbp")}
    every = security_hub_controls().values()
    assert all(c.severity in {"critical", "high", "medium", "low"} for c in every), [
        (c.id, c.severity) for c in every if c.severity not in {"critical", "high", "medium", "low"}
    ]
    assert "KMS.4" not in fsbp and "kms.4" in security_hub_controls()  # NIST and CIS, not FSBP
    assert fsbp["RDS.3"].resource_types == ("AWS::RDS::DBInstance",)
    # CIS recommendations Security Hub implements with a Security Hub control: those that are
    # FSBP controls judge the same resources in both files.
    for rec in controls("cis"):
        for sh in rec.security_hub:
            if sh in fsbp:
                assert set(fsbp[sh].resource_types) <= set(rec.resource_types), (rec.id, sh)


def test_kinds_come_from_the_registry_resource_types() -> None:
    fsbp = {c.id: c for c in controls("fsbp")}
    assert fsbp["RDS.3"].kinds == ("rds_instance",)
    # a stage is a CloudFormation resource of its own but fields of api_gateway in the model
    assert "AWS::ApiGateway::Stage" in BY_KIND["api_gateway"].resource_types
    assert fsbp["APIGateway.1"].kinds == ("api_gateway",)
    assert fsbp["IAM.6"].kinds == (ACCOUNT,)
    assert fsbp["Redshift.1"].kinds == ()  # Redshift is not modelled
    every_type = {t for spec in KINDS for t in spec.resource_types}
    for c in fsbp.values():
        assert bool(c.kinds) == bool(
            set(c.resource_types) & (every_type | {"AWS::::Account", "AWS::S3::Account"})
        ), c.id


# --- the rules' framework ids -------------------------------------------------------------


def test_every_security_hub_id_a_rule_claims_is_a_real_control() -> None:
    """An FSBP control, or one of another Security Hub standard (CIS: EC2.53; NIST: KMS.4)."""
    known = security_hub_controls()
    wrong = {
        r.id: [c for c in r.frameworks.security_hub if c.casefold() not in known] for r in BUILTIN
    }
    assert {k: v for k, v in wrong.items() if v} == {}
    assert all(sh.casefold() in known for c in controls("cis") for sh in c.security_hub)


def test_every_cis_id_a_rule_claims_is_a_v3_recommendation() -> None:
    known = {c.id for c in controls("cis")}
    wrong = {r.id: sorted(set(r.frameworks.cis) - known) for r in BUILTIN}
    assert {k: v for k, v in wrong.items() if v} == {}


def test_cis_ids_and_their_security_hub_controls_go_together() -> None:
    """A rule that claims the Security Hub control implementing a CIS recommendation claims the
    recommendation too, and the other way round (Security Hub's CIS v3.0 mapping)."""
    implements = {rec.id: set(rec.security_hub) for rec in controls("cis") if rec.security_hub}
    missing = []
    for rule in BUILTIN:
        sh = set(rule.frameworks.security_hub)
        for rec, controls_of in implements.items():
            if rec in rule.frameworks.cis and not controls_of & sh:
                missing.append(f"{rule.id}: CIS {rec} without {sorted(controls_of)}")
            if controls_of <= sh and rec not in rule.frameworks.cis:
                missing.append(f"{rule.id}: {sorted(controls_of)} without CIS {rec}")
    assert missing == []


# --- coverage -----------------------------------------------------------------------------


@pytest.mark.parametrize("standard", STANDARDS)
def test_coverage_rows_follow_the_rules_metadata(standard: StandardName) -> None:
    cov = coverage(standard, BUILTIN)
    claimers: dict[str, set[str]] = {}
    for rule in BUILTIN:
        for cid in claimed(rule, standard):
            claimers.setdefault(cid.casefold(), set()).add(rule.id)
    for row in cov.rows:
        assert set(row.rules) == claimers.get(row.control.id.casefold(), set()), row.control.id
        assert row.control.kinds or row.rules, row.control.id
        if row.status in ("full", "partly"):
            assert row.rules and row.control.category in IN_SCOPE_CATEGORIES
        if row.status == "none":
            assert not row.rules and row.note
    listed = {row.control.id for row in cov.rows}
    in_standard = {c.id.casefold() for c in controls(standard)}
    listed = {cid.casefold() for cid in listed}
    assert set(claimers) & in_standard <= listed, "every claimed control is in the table"
    assert cov.in_scope == sum(
        cov.count(s) for s in ("full", "partly", "none")  # type: ignore[arg-type]
    )


@pytest.mark.parametrize("standard", STANDARDS)
def test_coverage_notes_are_in_step_with_the_rules(standard: StandardName) -> None:
    """coverage.csv: 'partly' only where a rule claims the control, 'none' only where none does
    (a new rule for the control makes its 'none' row stale)."""
    known = {c.id.casefold() for c in controls(standard)}
    claimed_ids = {cid.casefold() for rule in BUILTIN for cid in claimed(rule, standard)}
    for cid, (status, note) in notes(standard).items():
        assert cid.casefold() in known, cid
        assert status in ("partly", "none") and note, cid
        assert (status == "partly") == (cid.casefold() in claimed_ids), f"{standard} {cid}"


def test_the_docs_hold_the_coverage_of_each_standard() -> None:
    text = RULES_MD.read_text()
    for standard in STANDARDS:
        start = text.index(f"<!-- coverage:{standard}:start -->")
        end = text.index(f"<!-- coverage:{standard}:end -->") + len(
            f"<!-- coverage:{standard}:end -->"
        )
        assert text[start:end].splitlines() == coverage_markdown(coverage(standard, BUILTIN)), (
            "docs/rules.md is stale: python -m archcode.rules.doc > docs/rules.md"
        )


def test_rules_framework_prints_the_coverage(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "rules", "--framework", "fsbp")
    assert code == 0
    cov = coverage("fsbp", BUILTIN)
    first = out.splitlines()[0]
    numbers = [int(n) for n in re.findall(r"\d+", first)]
    assert numbers == [
        cov.total, len(cov.rows), cov.in_scope,
        cov.count("full"), cov.count("partly"), cov.count("none"),
    ]  # fmt: skip
    table = out.split("\n\n", 1)[1].splitlines()
    lines = {line.split()[0]: line for line in table}
    assert "KMS.4" in out.splitlines()[1]  # claimed, but a CIS and NIST control, not FSBP
    assert "KMS.4" not in lines
    assert "rds-instance-storage-encrypted" in lines["RDS.3"] and " full " in lines["RDS.3"]
    assert "Redshift.1" not in lines  # judges nothing the model holds
    code, out, _ = run(capsys, "rules", "--framework", "cis", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["standard"] == "cis"
    rows = {r["control"]: r for r in data["rows"]}
    assert rows["2.3.1"]["rules"] == ["rds-instance-storage-encrypted"]
    assert data["covered_fully"] == sum(1 for r in data["rows"] if r["status"] == "full")


def test_a_custom_rule_counts_toward_coverage(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(
        tmp_path,
        "team.yaml",
        "rules:\n"
        "  - id: team-queue-encrypted\n    title: Queues are encrypted\n    severity: medium\n"
        "    category: encryption\n    kinds: [sqs_queue]\n"
        "    frameworks: {security_hub: [SQS.1]}\n"
        "    require: {field: kms_key, exists: true}\n",
    )
    code, out, err = run(
        capsys, "rules", "--framework", "fsbp", "--format", "json", "--rules",
        str(tmp_path / "team.yaml"),
    )  # fmt: skip
    assert code == 0, err
    rows = {r["control"]: r for r in json.loads(out)["rows"]}
    assert "team-queue-encrypted" in rows["SQS.1"]["rules"]


# --- documentation of every rule ----------------------------------------------------------


@pytest.mark.parametrize("rule", BUILTIN, ids=lambda r: r.id)
def test_every_rule_has_a_docs_anchor_and_three_remediations(rule: Rule) -> None:
    remedy = rule.remediation
    assert remedy.text and remedy.yaml and remedy.cloudformation and remedy.terraform
    assert help_uri(rule) == f"{RULES_DOC_URL}#{rule.id}"
    assert f'<a id="{rule.id}"></a>' in RULES_MD.read_text()
    yaml.safe_load(remedy.yaml)
    yaml.load(remedy.cloudformation, _CfnLoader)  # a SafeLoader


class _CfnLoader(yaml.SafeLoader):
    """YAML with CloudFormation's short-form tags (!Ref, !GetAtt, !Sub ...)."""


_CfnLoader.add_multi_constructor("!", lambda loader, suffix, node: suffix)


@pytest.fixture(scope="module")
def terraform_fmt(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], str] | None:
    """`terraform fmt` where the binary is installed (no provider or network needed)."""
    binary = shutil.which("terraform")
    if binary is None:
        return None
    config = tmp_path_factory.mktemp("tf") / "terraformrc"
    config.write_text("")
    env = {**os.environ, "TF_CLI_CONFIG_FILE": str(config)}

    def fmt(text: str) -> str:
        done = subprocess.run(
            [binary, "fmt", "-"], input=text, capture_output=True, text=True, env=env,
            timeout=60, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        return done.stdout

    return fmt


@pytest.mark.parametrize("rule", BUILTIN, ids=lambda r: r.id)
def test_terraform_remediation_is_hcl(
    rule: Rule, terraform_fmt: Callable[[str], str] | None
) -> None:
    """The snippet parses as HCL2 (python-hcl2, on every machine); where terraform is
    installed, `terraform fmt` also leaves it unchanged."""
    text = rule.remediation.terraform
    parsed = hcl2.loads(text if text.endswith("\n") else text + "\n")
    assert parsed, text  # a block or the attributes to set in one
    if terraform_fmt is not None:
        assert terraform_fmt(text).rstrip("\n") == text


def test_sarif_rules_link_their_docs_and_validate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, "arch.yaml", ARCH)
    write(tmp_path, "rules.yaml", RULES)
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "check", "--format", "sarif", "arch.yaml", "--rules", "rules.yaml")
    assert code in (0, 1), err
    log: dict[str, Any] = json.loads(out)
    schema = json.loads(SARIF_SCHEMA.read_text())
    errors = list(jsonschema.validators.validator_for(schema)(schema).iter_errors(log))
    assert errors == []
    descriptors = {r["id"]: r for r in log["runs"][0]["tool"]["driver"]["rules"]}
    builtin = {r.id for r in BUILTIN}
    assert builtin <= set(descriptors)
    for rid, d in descriptors.items():
        if rid in builtin:
            assert d["helpUri"] == f"{RULES_DOC_URL}#{rid}"
            assert "Terraform:" in d["help"]["text"] and "```hcl" in d["help"]["markdown"]
        else:
            assert "helpUri" not in d  # a custom rule has no section in docs/rules.md


def test_findings_and_the_html_report_carry_the_terraform_remediation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, "arch.yaml", ARCH)  # orders-db: storage_encrypted false
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "check", "--format", "json", "arch.yaml")
    assert code == 1, err
    findings = json.loads(out)["findings"]
    encrypted = next(f for f in findings if f["rule_id"] == "rds-instance-storage-encrypted")
    expected = builtin_rules()["rds-instance-storage-encrypted"].remediation.terraform
    assert encrypted["remediation"]["terraform"] == expected
    code, _, err = run(capsys, "report", "arch.yaml", "-o", "report.html")
    assert code == 0, err
    assert "storage_encrypted = true" in (tmp_path / "report.html").read_text()
