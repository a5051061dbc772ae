"""Terraform JSON into the model: split S3 resources joined back, references from the
configuration, unknown values, modules and instance keys, waiver tags, diagnostics."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from archcode.collectors import load_architecture
from archcode.errors import InputError, Problem
from archcode.model.architecture import Architecture
from archcode.model.kinds.data import RdsCluster, RdsInstance, S3Bucket
from archcode.model.kinds.network import CloudFrontDistribution, LoadBalancer

IAC = Path(__file__).resolve().parent / "fixtures" / "iac"
AWS = "registry.terraform.io/hashicorp/aws"


def resource(address: str, values: dict[str, Any], index: Any = None) -> dict[str, Any]:
    *_module, rtype, name = address.split(".")
    name = name.split("[")[0]
    found = {
        "address": address,
        "mode": "managed",
        "type": rtype,
        "name": name,
        "provider_name": AWS,
        "schema_version": 0,
        "values": values,
        "sensitive_values": {},
    }
    if index is not None:
        found["index"] = index
    return found


def plan(
    resources: list[dict[str, Any]],
    config: list[dict[str, Any]] | None = None,
    created: bool = True,
    modules: list[dict[str, Any]] | None = None,
    module_calls: dict[str, Any] | None = None,
) -> dict[str, Any]:
    every = resources + [r for m in modules or [] for r in m["resources"]]
    document: dict[str, Any] = {
        "format_version": "1.2",
        "terraform_version": "1.9.8",
        "planned_values": {"root_module": {"resources": resources, "child_modules": modules or []}},
        "configuration": {
            "provider_config": {
                "aws": {"name": "aws", "expressions": {"region": {"constant_value": "eu-west-1"}}}
            },
            "root_module": {"resources": config or [], "module_calls": module_calls or {}},
        },
    }
    if created:
        document["resource_changes"] = [
            {"address": r["address"], "change": {"actions": ["create"]}} for r in every
        ]
    return document


def config(address: str, expressions: dict[str, Any]) -> dict[str, Any]:
    rtype, name = address.split(".")
    return {"address": address, "mode": "managed", "type": rtype, "name": name,
            "expressions": expressions}  # fmt: skip


def ref(*targets: str) -> dict[str, list[str]]:
    return {"references": [t for target in targets for t in (target, target.rsplit(".", 1)[0])]}


def load(tmp_path: Path, document: dict[str, Any], diagnostics: list[Problem] | None = None
         ) -> Architecture:  # fmt: skip
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(document, indent=2))
    return load_architecture(str(path), diagnostics=[] if diagnostics is None else diagnostics)


def test_the_split_bucket_resources_are_joined_onto_their_bucket() -> None:
    diagnostics: list[Problem] = []
    arch = load_architecture(
        str(IAC / "cloudfront-lambda-dynamodb.tfplan.json"), diagnostics=diagnostics
    )
    site = arch.resources["aws_s3_bucket.site"]
    assert isinstance(site, S3Bucket)
    assert (site.encryption, site.block_public_access, site.acls_disabled) == ("sse-s3", True, True)
    assert site.versioning is False  # no versioning resource on a bucket the plan creates
    assert site.tls_only is None  # its policy names the distribution's ARN: known after apply
    assert site.region == "ap-south-1"
    cdn = arch.resources["aws_cloudfront_distribution.cdn"]
    assert isinstance(cdn, CloudFrontDistribution)
    assert {(o.target, o.origin_access) for o in cdn.origins} == {
        ("aws_s3_bucket.site", "oac"),
        ("aws_api_gateway_rest_api.api", None),
    }
    assert arch.resources["aws_lambda_function.backend"].role == "aws_iam_role.backend"
    role = arch.resources["aws_iam_role.backend"]
    assert list(role.inline_policies) == ["table-access"]  # type: ignore[attr-defined]
    assert diagnostics == []
    location = arch.location("aws_dynamodb_table.table")
    assert location is not None
    text = (IAC / "cloudfront-lambda-dynamodb.tfplan.json").read_text().splitlines()
    assert '"address": "aws_dynamodb_table.table"' in text[location.line - 1]


def test_known_values_join_too_and_kms_keys_are_references(tmp_path: Path) -> None:
    arch = load(
        tmp_path,
        plan(
            [
                resource("aws_kms_key.logs", {"enable_key_rotation": False}),
                resource("aws_s3_bucket.logs", {"bucket": "acme-logs", "tags": None}),
                resource(
                    "aws_s3_bucket_server_side_encryption_configuration.logs",
                    {
                        "bucket": "acme-logs",
                        "rule": [
                            {
                                "apply_server_side_encryption_by_default": [
                                    {"sse_algorithm": "aws:kms"}
                                ]
                            }
                        ],
                    },
                ),
                resource(
                    "aws_s3_bucket_versioning.logs",
                    {"bucket": "acme-logs", "versioning_configuration": [{"status": "Enabled"}]},
                ),
                resource(
                    "aws_s3_bucket_public_access_block.logs",
                    {
                        "bucket": "acme-logs",
                        "block_public_acls": True,
                        "block_public_policy": False,
                        "ignore_public_acls": True,
                        "restrict_public_buckets": True,
                    },
                ),
            ],
            [
                config(
                    "aws_s3_bucket_server_side_encryption_configuration.logs",
                    {
                        "rule": [
                            {
                                "apply_server_side_encryption_by_default": [
                                    {"kms_master_key_id": ref("aws_kms_key.logs.arn")}
                                ]
                            }
                        ]
                    },
                )
            ],
        ),
    )
    logs = arch.resources["aws_s3_bucket.logs"]
    assert isinstance(logs, S3Bucket)
    assert (logs.encryption, logs.kms_key, logs.versioning) == ("sse-kms", "aws_kms_key.logs", True)
    assert logs.block_public_access is False


def test_what_terraform_learns_at_apply_is_unknown(tmp_path: Path) -> None:
    document = plan(
        [
            resource("aws_db_instance.db", {"engine": "postgres", "multi_az": True}),
            resource("aws_s3_bucket.old", {"bucket": "acme-old"}),
        ],
        created=False,  # a state: nothing says the bucket is new, so no 2023 defaults apply
    )
    arch = load(tmp_path, document)
    db = arch.resources["aws_db_instance.db"]
    assert isinstance(db, RdsInstance)
    assert (db.multi_az, db.storage_encrypted, db.publicly_accessible) == (True, None, None)
    old = arch.resources["aws_s3_bucket.old"]
    assert isinstance(old, S3Bucket)
    assert (old.block_public_access, old.versioning, old.acls_disabled) == (None, None, None)


def test_a_list_known_only_at_apply_is_unknown_and_null_is_none(tmp_path: Path) -> None:
    document = plan(
        [
            resource("aws_db_instance.later", {"engine": "postgres"}),
            resource("aws_db_instance.none", {"engine": "postgres",
                                              "enabled_cloudwatch_logs_exports": None}),
            resource("aws_rds_cluster.some", {"engine": "aurora-postgresql",
                                              "enabled_cloudwatch_logs_exports": ["postgresql"]}),
        ]
    )  # fmt: skip
    arch = load(tmp_path, document)
    exports = {
        rid: r.log_exports
        for rid, r in arch.resources.items()
        if isinstance(r, RdsInstance | RdsCluster)
    }
    assert exports == {
        "aws_db_instance.later": None,
        "aws_db_instance.none": [],
        "aws_rds_cluster.some": ["postgresql"],
    }


def test_the_v3_inline_bucket_arguments_are_read(tmp_path: Path) -> None:
    # The AWS provider v3 sets versioning, logging, lifecycle, website and the ACL on the
    # bucket itself (Checkov's and TerraGoat's plans): a bucket saying so is not "unversioned".
    document = plan(
        [
            resource("aws_s3_bucket.kept", {
                "bucket": "kept", "acl": "private",
                "versioning": [{"enabled": True, "mfa_delete": False}],
                "logging": [{"target_bucket": "logs", "target_prefix": "log/"}],
                "lifecycle_rule": [{"enabled": True, "id": "expire"}],
                "website": [],
            }),
            resource("aws_s3_bucket.public", {"bucket": "public", "acl": "public-read",
                                              "versioning": None, "logging": []}),
        ]
    )  # fmt: skip
    arch = load(tmp_path, document)
    kept, public = arch.resources["aws_s3_bucket.kept"], arch.resources["aws_s3_bucket.public"]
    assert isinstance(kept, S3Bucket) and isinstance(public, S3Bucket)
    facts = ("versioning", "mfa_delete", "access_logging", "lifecycle_rules", "website_hosting")
    assert [getattr(kept, f) for f in facts] == [True, False, True, True, False]
    assert (kept.block_public_access, kept.acls_disabled) == (True, True)
    assert [getattr(public, f) for f in facts] == [False, False, False, False, False]
    # A public canned ACL works only with Block Public Access off and ACLs enabled.
    assert (public.block_public_access, public.acls_disabled) == (False, False)


def test_a_null_boolean_of_a_created_instance_is_awss_default(tmp_path: Path) -> None:
    # Checkov's TerraGoat plan (Terraform 0.12): deletion_protection and IAM auth are null.
    unset = {"engine": "postgres", "deletion_protection": None,
             "iam_database_authentication_enabled": None}
    document = plan([resource("aws_db_instance.db", unset)])  # fmt: skip
    db = load(tmp_path, document).resources["aws_db_instance.db"]
    assert isinstance(db, RdsInstance)
    assert (db.deletion_protection, db.iam_auth) == (False, False)
    state = plan([resource("aws_db_instance.db", unset)], created=False)
    old = load(tmp_path, state).resources["aws_db_instance.db"]
    assert isinstance(old, RdsInstance)
    assert (old.deletion_protection, old.iam_auth) == (None, None)  # of unknown age


def test_modules_and_instance_keys_become_valid_ids(tmp_path: Path) -> None:
    module = {
        "address": "module.data",
        "resources": [
            resource("module.data.aws_kms_key.main", {"enable_key_rotation": True}),
            resource('module.data.aws_sqs_queue.jobs["eu"]', {"name": "jobs-eu"}, "eu"),
            resource("module.data.aws_sqs_queue.dlq[0]", {"name": "dlq"}, 0),
        ],
    }
    calls = {
        "data": {
            "source": "./modules/data",
            "module": {
                "resources": [
                    config("aws_sqs_queue.jobs", {"kms_master_key_id": ref("aws_kms_key.main.arn")})
                ]
            },
        }
    }
    arch = load(tmp_path, plan([], modules=[module], module_calls=calls))
    assert set(arch.resources) == {
        "module.data.aws_kms_key.main",
        "module.data.aws_sqs_queue.jobs.eu",
        "module.data.aws_sqs_queue.dlq.0",
    }
    jobs = arch.resources["module.data.aws_sqs_queue.jobs.eu"]
    assert jobs.kms_key == "module.data.aws_kms_key.main"  # type: ignore[attr-defined]
    assert jobs.encryption == "sse-kms"  # type: ignore[attr-defined]


def test_unsupported_types_are_warnings_with_lines_and_tags_carry_waivers(
    tmp_path: Path,
) -> None:
    diagnostics: list[Problem] = []
    arch = load(
        tmp_path,
        plan(
            [
                resource("aws_glue_job.etl", {"name": "etl"}),
                resource(
                    "aws_s3_bucket.public",
                    {
                        "bucket": "acme-web",
                        "tags": {
                            "archcode:waive": "s3-bucket-block-public-access",
                            "archcode:waive-reason": "public website, reviewed (SEC-12)",
                            "archcode:waive-expires": "2027-01-31",
                        },
                    },
                ),
            ]
        ),
        diagnostics,
    )
    assert [(p.resource, p.line, p.message) for p in diagnostics] == [
        (None, 8, "resource aws_glue_job.etl: unsupported type aws_glue_job: not in the model")
    ]
    assert [(w.resource, w.rule, str(w.expires)) for w in arch.waivers] == [
        ("aws_s3_bucket.public", "s3-bucket-block-public-access", "2027-01-31")
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"format_version": "1.2", "terraform_version": "1.9.8", "planned_values": ', "JSON"),
        ('{"format_version": "1.2", "terraform_version": "1.9.8"}', "planned_values"),
        (
            '{"format_version": "2.0", "terraform_version": "9.0.0", "planned_values": {}}',
            "format_version 2.0",
        ),
    ],
)
def test_bad_plans_are_one_clear_problem(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "plan.json"
    path.write_text(text)
    with pytest.raises(InputError) as caught:
        load_architecture(str(path))
    assert len(caught.value.problems) == 1
    assert message in caught.value.problems[0].message


def test_the_command_line_reads_every_format_and_warns_on_stderr() -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "archcode", "validate", *args],
            capture_output=True,
            text=True,
            timeout=60,
        )

    plan_path = IAC / "serverless-django.tfplan.json"
    out = run(str(plan_path), str(IAC / "serverless-django.cfn.yaml"))
    assert out.returncode == 0, out.stderr
    assert f"{plan_path}: ok (22 resources" in out.stdout
    assert "unsupported type aws_serverlessapplicationrepository_cloudformation_stack" in out.stderr
    assert "Traceback" not in out.stderr
    wrong = run("--input-format", "terraform", str(IAC / "sam-orders.cfn.yaml"))
    assert wrong.returncode == 2
    assert "not valid JSON" in wrong.stderr
    each = run("--per-file", str(IAC))
    assert each.returncode == 0, each.stderr
    assert len(each.stdout.splitlines()) == len([p for p in IAC.iterdir() if p.is_file()])


def test_a_load_balancer_joins_listeners_attachments_and_waf(tmp_path: Path) -> None:
    arch = load(
        tmp_path,
        plan(
            [
                resource("aws_lb.web", {"load_balancer_type": "application", "internal": False,
                                        "enable_deletion_protection": True}),
                resource("aws_lb_listener.http", {"protocol": "HTTP", "port": 80,
                         "default_action": [{"type": "redirect",
                                             "redirect": [{"protocol": "HTTPS"}]}]}),
                resource("aws_lb_listener.https", {"protocol": "HTTPS", "port": 443,
                         "default_action": [{"type": "forward"}]}),
                resource("aws_lb_target_group.app", {"target_type": "instance"}),
                resource("aws_lb_target_group_attachment.app", {"port": 8080}),
                resource("aws_instance.app", {"instance_type": "t3.micro"}),
                resource("aws_wafv2_web_acl.edge", {"scope": "REGIONAL"}),
                resource("aws_wafv2_web_acl_association.web", {}),
            ],
            [
                config("aws_lb_listener.http", {"load_balancer_arn": ref("aws_lb.web.arn")}),
                config("aws_lb_listener.https", {
                    "load_balancer_arn": ref("aws_lb.web.arn"),
                    "default_action": [{"target_group_arn": ref("aws_lb_target_group.app.arn")}],
                }),
                config("aws_lb_target_group_attachment.app", {
                    "target_group_arn": ref("aws_lb_target_group.app.arn"),
                    "target_id": ref("aws_instance.app.id"),
                }),
                config("aws_wafv2_web_acl_association.web", {
                    "resource_arn": ref("aws_lb.web.arn"),
                    "web_acl_arn": ref("aws_wafv2_web_acl.edge.arn"),
                }),
            ],
        ),
    )  # fmt: skip
    web = arch.resources["aws_lb.web"]
    assert isinstance(web, LoadBalancer)
    assert (web.scheme, web.deletion_protection, web.web_acl, web.targets) == (
        "internet-facing",
        True,
        "aws_wafv2_web_acl.edge",
        ["aws_instance.app"],
    )
    assert {(x.protocol, x.redirect_to_https) for x in web.listeners} == {
        ("HTTP", True),
        ("HTTPS", False),
    }
    assert ("internet", "aws_lb.web") in {(c.source, c.target) for c in arch.connections}


def test_data_stores_trails_and_containers_read_their_security_facts(tmp_path: Path) -> None:
    containers = json.dumps(
        [{"name": "app", "environment": [{"name": "DB_PASSWORD", "value": "hunter2"}]}]
    )
    arch = load(
        tmp_path,
        plan(
            [
                resource("aws_kms_key.data", {"enable_key_rotation": True}),
                resource("aws_efs_file_system.shared", {"encrypted": True,
                         "performance_mode": "generalPurpose", "throughput_mode": "elastic"}),
                resource("aws_efs_backup_policy.shared",
                         {"backup_policy": [{"status": "ENABLED"}]}),
                resource("aws_elasticache_replication_group.cache", {"engine": "redis",
                         "at_rest_encryption_enabled": True, "transit_encryption_enabled": False,
                         "automatic_failover_enabled": True, "multi_az_enabled": True}),
                resource("aws_cloudtrail.main", {"is_multi_region_trail": True,
                         "enable_log_file_validation": False,
                         "include_global_service_events": True}),
                resource("aws_ecs_task_definition.app", {"cpu": "256", "memory": "512",
                         "container_definitions": containers}),
                resource("aws_ecs_service.app", {"launch_type": "FARGATE", "desired_count": 2,
                         "network_configuration": [{"assign_public_ip": True}]}),
            ],
            [
                config("aws_efs_file_system.shared", {"kms_key_id": ref("aws_kms_key.data.arn")}),
                config("aws_efs_backup_policy.shared",
                       {"file_system_id": ref("aws_efs_file_system.shared.id")}),
                config("aws_cloudtrail.main", {"kms_key_id": ref("aws_kms_key.data.arn")}),
                config("aws_ecs_service.app",
                       {"task_definition": ref("aws_ecs_task_definition.app.arn")}),
            ],
        ),
    )  # fmt: skip
    efs = arch.resources["aws_efs_file_system.shared"]
    assert (efs.encrypted, efs.kms_key, efs.automatic_backups) == (  # type: ignore[attr-defined]
        True,
        "aws_kms_key.data",
        True,
    )
    cache = arch.resources["aws_elasticache_replication_group.cache"]
    assert (cache.at_rest_encryption, cache.transit_encryption) == (True, False)  # type: ignore[attr-defined]
    trail = arch.resources["aws_cloudtrail.main"]
    assert (trail.multi_region, trail.log_file_validation, trail.kms_key) == (  # type: ignore[attr-defined]
        True,
        False,
        "aws_kms_key.data",
    )
    service = arch.resources["aws_ecs_service.app"]
    assert (service.cpu, service.assign_public_ip, service.environment) == (  # type: ignore[attr-defined]
        256,
        True,
        ["DB_PASSWORD"],
    )
    assert "hunter2" not in arch.model_dump_json()  # environment values are never kept
