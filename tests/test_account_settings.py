"""Account settings (issue 14): unknown from a template, stated with `check --assume`, read
by discovery; a denied read stays unknown."""

from __future__ import annotations

from pathlib import Path

import pytest

from checkhelp import check_json, run, write

HERE = Path(__file__).parent
TEMPLATE = str(HERE / "fixtures" / "iac" / "alb-lambda.cfn.yaml")
PLAN = str(HERE / "fixtures" / "iac" / "serverless-django.tfplan.json")
ACCOUNT_RULES = (
    "account-ebs-encryption-by-default",
    "account-s3-block-public-access",
    "account-iam-password-policy-strong",
    "account-root-no-access-keys",
    "account-root-mfa",
    "account-root-hardware-mfa",
    "account-ssm-documents-block-public-sharing",
    "account-ssm-automation-cloudwatch-logging",
    "account-emr-block-public-access",
)
ONLY = tuple(a for rule in ACCOUNT_RULES for a in ("--rule", rule))


def _outcomes(report: dict[str, object]) -> dict[str, str]:
    findings = report["findings"]
    assert isinstance(findings, list)
    return {f["rule_id"]: f["status"] for f in findings}


@pytest.mark.parametrize("source", [TEMPLATE, PLAN])
def test_a_template_or_plan_leaves_account_settings_unknown(
    source: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, report = check_json(capsys, source, *ONLY)
    assert _outcomes(report) == dict.fromkeys(ACCOUNT_RULES, "UNKNOWN")
    assert code == 1  # UNKNOWN gates at the rule's severity (root MFA is critical)


def test_assumptions_state_the_account_settings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assumed = write(
        tmp_path,
        "account.yaml",
        """\
        account_settings:
          ebs_encryption_by_default: true
          s3_public_access_block: {block_public_acls: true, ignore_public_acls: true,
                                   block_public_policy: true, restrict_public_buckets: false}
          has_password_policy: false
          root_mfa: true
          root_access_keys: false
          ssm_documents_block_public_sharing: true
          ssm_automation_cloudwatch_logging: false
          emr_block_public_access: {enabled: true, permitted_ports: [{from_port: 22}]}
        """,
    )
    _code, report = check_json(
        capsys, TEMPLATE, *ONLY, "--assume", str(assumed), "--include-passed"
    )
    assert _outcomes(report) == {
        "account-ebs-encryption-by-default": "PASS",
        "account-s3-block-public-access": "FAIL",
        "account-iam-password-policy-strong": "FAIL",
        "account-root-no-access-keys": "PASS",
        "account-root-mfa": "PASS",
        "account-root-hardware-mfa": "UNKNOWN",
        "account-ssm-documents-block-public-sharing": "PASS",
        "account-ssm-automation-cloudwatch-logging": "FAIL",
        "account-emr-block-public-access": "PASS",
    }


def test_a_bad_assumptions_file_is_one_located_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assumed = write(tmp_path, "account.yaml", "account_settings:\n  root_mfa: yes-ish\n")
    code, _out, err = run(capsys, "check", TEMPLATE, "--assume", str(assumed))
    assert code == 2
    assert f"{assumed}:2:" in err and "root_mfa" in err
    assert "Traceback" not in err


def test_the_model_s_own_settings_win_over_an_assumption(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    arch = write(
        tmp_path,
        "arch.yaml",
        "name: a\naccount_settings:\n  root_access_keys: true\nresources: {}\n",
    )
    assumed = write(tmp_path, "account.yaml", "account_settings:\n  root_access_keys: false\n")
    _code, report = check_json(
        capsys, str(arch), "--rule", "account-root-no-access-keys", "--assume", str(assumed)
    )
    assert _outcomes(report) == {"account-root-no-access-keys": "FAIL"}


def _plan(tmp_path: Path, *resources: tuple[str, dict[str, object]]) -> str:
    """A `terraform show -json` plan of account-setting resources in eu-west-1."""
    import json

    planned = [
        {"address": a, "mode": "managed", "type": a.split(".")[0], "name": a.split(".")[1],
         "provider_name": "registry.terraform.io/hashicorp/aws", "values": v}
        for a, v in resources
    ]  # fmt: skip
    doc = {
        "format_version": "1.2",
        "planned_values": {"root_module": {"resources": planned}},
        "configuration": {
            "provider_config": {
                "aws": {"name": "aws", "expressions": {"region": {"constant_value": "eu-west-1"}}}
            },
            "root_module": {"resources": []},
        },
    }
    path = tmp_path / "settings.tfplan.json"
    path.write_text(json.dumps(doc))
    return str(path)


def test_a_plan_states_the_regional_settings_it_manages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = _plan(
        tmp_path,
        (
            "aws_ssm_service_setting.sharing",
            {
                "setting_id": "arn:aws:ssm:eu-west-1:111122223333:servicesetting"
                "/ssm/documents/console/public-sharing-permission",
                "setting_value": "Enable",
            },
        ),
        (
            "aws_ssm_service_setting.logs",
            {
                "setting_id": "/ssm/automation/customer-script-log-destination",
                "setting_value": "CloudWatch",
            },
        ),
        (
            "aws_ssm_service_setting.other",  # a setting no rule reads
            {"setting_id": "/ssm/parameter-store/high-throughput-enabled", "setting_value": "true"},
        ),
        (
            "aws_emr_block_public_access_configuration.this",
            {
                "block_public_security_group_rules": True,
                "permitted_public_security_group_rule_range": [],
            },
        ),
    )
    _code, report = check_json(capsys, plan, *ONLY, "--include-passed")
    outcomes = _outcomes(report)
    assert outcomes["account-ssm-documents-block-public-sharing"] == "FAIL"  # Enable: sharing
    assert outcomes["account-ssm-automation-cloudwatch-logging"] == "PASS"
    assert outcomes["account-emr-block-public-access"] == "PASS"  # no port permitted
    assert outcomes["account-root-mfa"] == "UNKNOWN"
