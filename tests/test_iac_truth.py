"""Truth: one architecture written three ways (archcode YAML, CloudFormation, Terraform plan)
gives the same security-relevant facts, and the same rule outcomes where the YAML states them.

The YAML examples leave some facts unknown (the seed does not say); a template always says
something (AWS's defaults apply), so the comparison covers every fact the YAML states.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from archcode.collectors import load_architecture
from archcode.model.architecture import Architecture
from archcode.model.kinds.network import SecurityGroupRule
from archcode.model.refs import iter_refs

ROOT = Path(__file__).resolve().parent.parent
IAC = ROOT / "tests" / "fixtures" / "iac"

# The facts rules read, per kind: encryption, exposure, logging, backups, identity, placement.
FACTS: dict[str, tuple[str, ...]] = {
    "s3_bucket": (
        "encryption",
        "kms_key",
        "block_public_access",
        "tls_only",
        "versioning",
        "acls_disabled",
        "access_logging",
    ),
    "lambda_function": (
        "runtime",
        "memory_mb",
        "timeout_s",
        "role",
        "kms_key",
        "subnets",
        "security_groups",
        "environment",
        "tracing",
        "public_policy",
    ),
    "dynamodb_table": (
        "billing_mode",
        "encryption",
        "kms_key",
        "point_in_time_recovery",
        "deletion_protection",
    ),
    "api_gateway": (
        "api_type",
        "endpoint_type",
        "stage",
        "authorization",
        "execution_logging",
        "access_logging",
        "xray_tracing",
        "web_acl",
        "throttling_rate_limit",
    ),
    "cloudfront_distribution": (
        "viewer_protocol_policy",
        "minimum_protocol_version",
        "logging_enabled",
        "web_acl",
        "origins",
        "price_class",
        "default_root_object",
    ),
    "rds_instance": (
        "engine",
        "storage_encrypted",
        "kms_key",
        "multi_az",
        "backup_retention_days",
        "publicly_accessible",
        "iam_auth",
        "require_tls",
        "deletion_protection",
        "subnets",
        "security_groups",
        "port",
    ),
    "rds_proxy": (
        "engine_family",
        "require_tls",
        "iam_auth",
        "targets",
        "secrets",
        "role",
        "subnets",
        "security_groups",
        "idle_client_timeout_s",
    ),
    "secrets_manager_secret": ("kms_key", "rotation_enabled", "rotation_days"),
    "kms_key": ("rotation_enabled", "aliases"),
    "security_group": ("vpc", "ingress", "egress"),
    "iam_role": ("trust_policy", "managed_policy_arns"),
    "vpc_endpoint": (
        "vpc",
        "service",
        "endpoint_type",
        "private_dns_enabled",
        "subnets",
        "security_groups",
    ),
    "cloudwatch_log_group": ("retention_days", "logs_of", "kms_key"),
    "subnet": ("vpc", "az", "cidr", "public"),
    "vpc": ("cidr",),
}

SEEDS: dict[str, dict[str, tuple[str, str]]] = {
    # yaml id -> (CloudFormation logical id, Terraform address)
    "cloudfront-lambda-dynamodb": {
        "cdn": ("Cdn", "aws_cloudfront_distribution.cdn"),
        "site_bucket": ("SiteBucket", "aws_s3_bucket.site"),
        "api": ("Api", "aws_api_gateway_rest_api.api"),
        "backend": ("Backend", "aws_lambda_function.backend"),
        "backend_role": ("BackendRole", "aws_iam_role.backend"),
        "table": ("Table", "aws_dynamodb_table.table"),
    },
    "serverless-django": {
        "vpc": ("Vpc", "aws_vpc.main"),
        "private_a": ("PrivateA", "aws_subnet.private_a"),
        "private_b": ("PrivateB", "aws_subnet.private_b"),
        "lambda_sg": ("LambdaSg", "aws_security_group.lambda"),
        "proxy_sg": ("ProxySg", "aws_security_group.proxy"),
        "db_sg": ("DbSg", "aws_security_group.db"),
        "endpoints_sg": ("EndpointsSg", "aws_security_group.endpoints"),
        "s3_endpoint": ("S3Endpoint", "aws_vpc_endpoint.s3"),
        "secrets_endpoint": ("SecretsEndpoint", "aws_vpc_endpoint.secretsmanager"),
        "api": ("Api", "aws_api_gateway_rest_api.django"),
        "cdn": ("Cdn", "aws_cloudfront_distribution.cdn"),
        "django": ("Django", "aws_lambda_function.django"),
        "django_role": ("DjangoRole", "aws_iam_role.django"),
        "db_proxy": ("DbProxy", "aws_db_proxy.django"),
        "proxy_role": ("ProxyRole", "aws_iam_role.proxy"),
        "db": ("Db", "aws_db_instance.db"),
        "db_credentials": ("DbCredentials", "aws_secretsmanager_secret.db"),
        "data_key": ("DataKey", "aws_kms_key.data"),
        "static_media": ("StaticMedia", "aws_s3_bucket.static"),
        "django_logs": ("DjangoLogs", "aws_cloudwatch_log_group.django"),
        "django_errors": ("DjangoErrors", "aws_cloudwatch_metric_alarm.django_errors"),
    },
}


# Facts an example states that no template can express, each with the reason.
GAPS = {
    # CloudFront talks to an S3 REST origin with the viewer's protocol (match-viewer); a
    # template has no origin protocol policy for S3 origins, the example writes https-only.
    ("cloudfront-lambda-dynamodb", "cdn", "origins", "site_bucket", "origin_protocol_policy"),
    ("serverless-django", "cdn", "origins", "static_media", "origin_protocol_policy"),
}


# Verdicts the IaC cannot reach, each with the reason: (seed, source) -> {(rule, id): reason}.
RULE_GAPS: dict[tuple[str, str], dict[tuple[str, str], str]] = {
    # A template does not say which region it is deployed to; the example does.
    ("cloudfront-lambda-dynamodb", "cloudformation"): {
        ("data-store-cross-region-backup", "table"): "region unknown",
    },
    ("serverless-django", "cloudformation"): {
        ("data-store-cross-region-backup", "db"): "region unknown",
    },
    # The bucket policy names the new distribution's ARN, known only after apply: the plan
    # does not show the policy (the model cannot say "a policy, unknown" apart from "none").
    ("cloudfront-lambda-dynamodb", "terraform"): {
        ("resource-policy-not-public", "site_bucket"): "policy known after apply",
    },
}


def _normal(value: Any, rename: dict[str, str]) -> Any:
    """A comparable form: ids renamed to the YAML's, lists of rules and refs order-free."""
    if isinstance(value, SecurityGroupRule):  # `port: 443` and 443-443 are the same rule
        low, high = value.port_range
        return {
            "protocol": value.protocol,
            "ports": (low, high),
            "cidr": sorted(value.cidr),
            "ipv6_cidr": sorted(value.ipv6_cidr),
            "security_group": rename.get(value.security_group or "", value.security_group),
            "prefix_list": value.prefix_list,
            "description": value.description,
        }
    if hasattr(value, "model_dump"):
        value = value.model_dump(exclude_none=True, exclude_defaults=True)
    if isinstance(value, str):
        return rename.get(value, value)
    if isinstance(value, list):
        items = [_normal(v, rename) for v in value]
        return sorted(items, key=repr)
    if isinstance(value, dict):
        return {k: _normal(v, rename) for k, v in value.items() if v is not None}
    return value


def _stated(arch: Architecture, rid: str, rename: dict[str, str]) -> dict[str, Any]:
    resource = arch.resources[rid]
    return {
        name: _normal(getattr(resource, name), rename)
        for name in FACTS.get(resource.kind, ())
        if getattr(resource, name) not in (None, [])
    }


def _policy_principals(document: Any) -> set[str]:
    return {p for statement in document.statement for p in statement.principals} | {
        f"{k}:{v}"
        for statement in document.statement
        if isinstance(statement.principal, dict)
        for k, values in statement.principal.items()
        for v in values
    }


def _fields(path: tuple[str | int, ...]) -> tuple[str | int, ...]:
    """A reference's path without list positions: the order of rules is not a fact."""
    return tuple(p for p in path if not isinstance(p, int))


@pytest.fixture(scope="module", params=sorted(SEEDS))
def seed(request: pytest.FixtureRequest) -> tuple[str, dict[str, Architecture]]:
    name = request.param
    return name, {
        "yaml": load_architecture(str(ROOT / "examples" / f"{name}.yaml")),
        "cloudformation": load_architecture(str(IAC / f"{name}.cfn.yaml"), diagnostics=[]),
        "terraform": load_architecture(str(IAC / f"{name}.tfplan.json"), diagnostics=[]),
    }


@pytest.mark.parametrize("source", ["cloudformation", "terraform"])
def test_every_stated_fact_of_the_example_is_read_from_the_iac(
    seed: tuple[str, dict[str, Architecture]], source: str
) -> None:
    name, archs = seed
    ids = SEEDS[name]
    column = 0 if source == "cloudformation" else 1
    rename = {pair[column]: yaml_id for yaml_id, pair in ids.items()}
    iac = archs[source]
    mismatches = []
    for yaml_id, pair in ids.items():
        expected = _stated(archs["yaml"], yaml_id, {})
        resource = iac.resources[pair[column]]
        assert resource.kind == archs["yaml"].resources[yaml_id].kind
        for field, want in expected.items():
            got = _normal(getattr(resource, field), rename)
            if field == "trust_policy":
                want = _policy_principals(getattr(archs["yaml"].resources[yaml_id], field))
                got = _policy_principals(getattr(resource, field))
            if field == "origins":  # what the YAML says of each origin, matched by target
                want = [
                    {
                        k: v
                        for k, v in w.items()
                        if (name, yaml_id, field, w["target"], k) not in GAPS
                    }
                    for w in want
                ]
                stated = {w["target"]: set(w) for w in want}
                got = [
                    {k: v for k, v in o.items() if k in stated.get(o.get("target"), ())}
                    for o in got
                    if o.get("target") in stated
                ]
            if got != want:
                mismatches.append(f"{yaml_id}.{field}: yaml {want!r}, {source} {got!r}")
    assert not mismatches, "\n".join(mismatches)


def test_the_iac_has_the_examples_resources_and_flows(
    seed: tuple[str, dict[str, Architecture]],
) -> None:
    name, archs = seed
    ids = SEEDS[name]
    for source, column in (("cloudformation", 0), ("terraform", 1)):
        iac = archs[source]
        rename = {pair[column]: yaml_id for yaml_id, pair in ids.items()}
        flows = {(rename.get(c.source), rename.get(c.target)) for c in iac.connections}
        expected = {
            (c.source, c.target)
            for c in archs["yaml"].connections
            if c.source in ids and c.target in ids
        }
        assert expected <= flows, f"{source}: missing flows {expected - flows}"
        for yaml_id, pair in ids.items():
            refs = {(_fields(p), t) for p, _m, t in iter_refs(archs["yaml"].resources[yaml_id])}
            got = {
                (_fields(p), rename.get(t, t))
                for p, _m, t in iter_refs(iac.resources[pair[column]])
            }
            assert refs <= got, f"{source} {yaml_id}: references {refs - got} not read"


@pytest.mark.parametrize("source", ["cloudformation", "terraform"])
def test_rules_decide_the_same_where_the_example_states_the_facts(
    seed: tuple[str, dict[str, Architecture]], source: str
) -> None:
    """Every PASS or FAIL on the YAML is the same verdict on the IaC (UNKNOWN on the YAML means
    the example does not say, where a template always does)."""
    from archcode.rules.engine import evaluate

    name, archs = seed
    column = 0 if source == "cloudformation" else 1
    rename = {pair[column]: yaml_id for yaml_id, pair in SEEDS[name].items()}
    decided = {
        (r.rule.id, r.resource): r.outcome.value
        for r in evaluate(archs["yaml"])
        if r.outcome.value in ("PASS", "FAIL") and r.resource in SEEDS[name]
    }
    got = {
        (r.rule.id, rename.get(r.resource or "", r.resource)): r.outcome.value
        for r in evaluate(archs[source])
    }
    differ = {
        key: (want, got.get(key, "absent"))
        for key, want in decided.items()
        if got.get(key) != want and key not in RULE_GAPS.get((name, source), {})
    }
    assert decided, "the comparison must cover some verdicts"
    assert not differ, "\n".join(f"{k}: yaml {w}, {source} {g}" for k, (w, g) in differ.items())
