"""Serverless patterns: Lambda functions reach relational databases through RDS Proxy."""

from __future__ import annotations

from typing import TYPE_CHECKING

from archcode.rules.base import (
    Category,
    Frameworks,
    Remediation,
    Severity,
    Verdict,
    failed,
    not_applicable,
    passed,
)
from archcode.rules.context import Context
from archcode.rules.registry import resource_rule

if TYPE_CHECKING:
    from archcode.model.kinds.lambda_function import LambdaFunction

DATABASES = ("rds_instance", "rds_cluster")


@resource_rule(
    id="lambda-uses-rds-proxy",
    title="Lambda functions reach RDS databases through RDS Proxy",
    severity=Severity.MEDIUM,
    category=Category.AVAILABILITY,
    kinds=("lambda_function",),
    frameworks=Frameworks(well_architected=("REL05-BP02",)),
    relies_on=("rds_proxy",),
    rationale="Every concurrent Lambda environment opens its own database connection; a burst "
    "of invocations exhausts max_connections and takes the database down for every client. RDS "
    "Proxy pools connections and holds them across failovers.",
    remediation=Remediation(
        text="Put an RDS Proxy in front of the database and connect the function to the proxy.",
        yaml="db-proxy:\n  kind: rds_proxy\n  targets: [db]\n  secrets: [db-credentials]\n"
        "  require_tls: true\nconnections:\n  - fn -> db-proxy\n  - db-proxy -> db",
        cloudformation="Type: AWS::RDS::DBProxy\nProperties:\n  EngineFamily: POSTGRESQL\n"
        "  RequireTLS: true\n  Auth:\n    - {AuthScheme: SECRETS, SecretArn: !Ref DbSecret}\n"
        "  RoleArn: !GetAtt ProxyRole.Arn\n  VpcSubnetIds: [!Ref PrivateA, !Ref PrivateB]",
        terraform=(
            'resource "aws_db_proxy" "db" {\n'
            '  name           = "db"\n'
            '  engine_family  = "POSTGRESQL"\n'
            "  require_tls    = true\n"
            "  role_arn       = aws_iam_role.proxy.arn\n"
            "  vpc_subnet_ids = [aws_subnet.private_a.id, aws_subnet.private_b.id]\n"
            "  auth {\n"
            '    auth_scheme = "SECRETS"\n'
            "    secret_arn  = aws_secretsmanager_secret.db.arn\n"
            "  }\n"
            "}"
        ),
    ),
)
def lambda_uses_rds_proxy(fn: LambdaFunction, ctx: Context) -> Verdict:
    rid = ctx.id_of(fn)
    direct = [
        target
        for target in ctx.flows.successors(rid)
        if ctx.graph.nodes[target].get("kind") in DATABASES
    ]
    if direct:
        return failed(f"connects to {', '.join(direct)} directly", path=(rid, direct[0]))
    proxied = [
        t for t in ctx.flows.successors(rid) if ctx.graph.nodes[t].get("kind") == "rds_proxy"
    ]
    if proxied:
        return passed(f"through {', '.join(proxied)}")
    return not_applicable("does not connect to an RDS database")
