"""Pass, fail and unknown fixtures for every built-in rule (test_rules_catalog.py runs them).

Each case gives small architecture documents: in ``passing`` the rule must not fail nor be
unknown and must pass at least once; in ``failing`` exactly the ids in ``fails`` fail (None is
a model-wide finding); in ``unknown`` exactly ``unknowns`` are UNKNOWN (a missing fact is never
a PASS).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

NET = """
  vpc: {kind: vpc}
  a: {kind: subnet, vpc: vpc, az: us-east-1a, public: false}
  b: {kind: subnet, vpc: vpc, az: us-east-1b, public: false}
  pub-a: {kind: subnet, vpc: vpc, az: us-east-1a, public: true}
  pub-b: {kind: subnet, vpc: vpc, az: us-east-1b, public: true}
  nowhere: {kind: subnet, vpc: vpc}
"""

ACCOUNT = "111111111111"
TRUST_LAMBDA = (
    "{Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, "
    "Action: sts:AssumeRole}]}"
)


def doc(body: str, *, region: str | None = "us-east-1") -> str:
    """A whole document around a body that holds `resources:` (and maybe more)."""
    head = f"name: case\naccount: '{ACCOUNT}'\n" + (f"region: {region}\n" if region else "")
    return head + body


def allow(actions: str, resource: str = "'*'") -> str:
    return f"{{Statement: [{{Effect: Allow, Action: {actions}, Resource: {resource}}}]}}"


ADMIN = allow("'*'")
PUT_ONE = allow("['dynamodb:?utItem']")
ADMIN_ARN = "arn:aws:iam::aws:policy/AdministratorAccess"
TABLE_READ = allow("[dynamodb:GetItem]", "'arn:aws:dynamodb:*:*:table/t'")
KEY_DECRYPT = allow("[kms:Decrypt]", "arn:aws:kms:us-east-1:1:key/k")
PASS_CREATE = allow("[iam:PassRole, lambda:CreateFunction]")
# case-insensitive action names and wildcards (IAM matches both that way)
PASS_INVOKE = allow("[iam:passrole, lambda:create*, lambda:InvokeFunction]")
ADMIN_ALT = allow("[s3:GetObject, '*']")


@dataclass(frozen=True)
class Case:
    rule: str
    passing: str
    failing: str
    fails: frozenset[str | None]
    unknown: str = ""
    unknowns: frozenset[str | None] = field(default_factory=frozenset)


def case(
    rule: str,
    passing: str,
    failing: str,
    fails: set[str | None],
    unknown: str = "",
    unknowns: set[str | None] | None = None,
    region: str | None = "us-east-1",
) -> Case:
    return Case(
        rule,
        doc(passing),
        doc(failing),
        frozenset(fails),
        doc(unknown, region=region) if unknown else "",
        frozenset(unknowns or ()),
    )


def one(resource: str) -> str:
    return f"resources:\n  {resource}\n"


CASES: list[Case] = [
    # --- RDS ---------------------------------------------------------------------------
    case(
        "rds-instance-storage-encrypted",
        one("db: {kind: rds, storage_encrypted: true}"),
        one("db: {kind: rds, storage_encrypted: false}"),
        {"db"},
        one("db: {kind: rds}"),
        {"db"},
    ),
    case(
        "rds-instance-not-public",
        one("db: {kind: rds, publicly_accessible: false}"),
        one("db: {kind: rds, publicly_accessible: true}"),
        {"db"},
        one("db: {kind: rds}"),
        {"db"},
    ),
    case(
        "rds-instance-multi-az",
        "resources:\n  db: {kind: rds, multi_az: true}\n"
        "  c: {kind: aurora, multi_az: true}\n  member: {kind: rds, cluster: c, multi_az: false}\n",
        one("db: {kind: rds, multi_az: false}"),
        {"db"},
        one("db: {kind: rds}"),
        {"db"},
    ),
    case(
        "rds-instance-deletion-protection",
        one("db: {kind: rds, deletion_protection: true}"),
        one("db: {kind: rds, deletion_protection: false}"),
        {"db"},
        one("db: {kind: rds}"),
        {"db"},
    ),
    case(
        "rds-instance-automatic-backups",
        "resources:\n  db: {kind: rds, backup_retention_days: 7}\n"
        "  replica: {kind: rds, replica_of: db, backup_retention_days: 0}\n",
        "resources:\n  off: {kind: rds, backup_retention_days: 0}\n"
        "  short: {kind: rds, backup_retention_days: 3}\n"
        "  good: {kind: rds, backup_retention_days: 14}\n",
        {"off", "short"},
        one("db: {kind: rds}"),
        {"db"},
    ),
    case(
        "rds-cluster-multi-az",
        "resources:\n  c1: {kind: aurora, multi_az: true}\n"
        "  c2: {kind: aurora, instance_count: 2, availability_zones: [us-east-1a, us-east-1b]}\n",
        "resources:\n  c1: {kind: aurora, multi_az: false}\n"
        "  c2: {kind: aurora, instance_count: 1}\n",
        {"c1", "c2"},
        one("c: {kind: aurora}"),
        {"c"},
    ),
    case(
        "rds-instance-backup-plan",
        "resources:\n  db: {kind: rds, tags: {backup: daily}}\n"
        "  plan: {kind: backup_plan, rules: [{name: daily}]}\n"
        "  sel: {kind: backup_selection, plan: plan, selection_tags: {backup: daily}}\n",
        "resources:\n  db: {kind: rds, tags: {backup: never}}\n"
        "  plan: {kind: backup_plan, rules: [{name: daily}]}\n"
        "  sel: {kind: backup_selection, plan: plan, selection_tags: {backup: daily}}\n",
        {"db"},
    ),
    case(
        "rds-cluster-storage-encrypted",
        one("c: {kind: aurora, storage_encrypted: true}"),
        one("c: {kind: aurora, storage_encrypted: false}"),
        {"c"},
        one("c: {kind: aurora}"),
        {"c"},
    ),
    # --- S3 ----------------------------------------------------------------------------
    case(
        "s3-bucket-block-public-access",
        one("b: {kind: s3, block_public_access: true}"),
        one("b: {kind: s3, block_public_access: false}"),
        {"b"},
        one("b: {kind: s3}"),
        {"b"},
    ),
    case(
        "s3-bucket-tls-only",
        one("b: {kind: s3, tls_only: true}"),
        one("b: {kind: s3, tls_only: false}"),
        {"b"},
        one("b: {kind: s3}"),
        {"b"},
    ),
    case(
        "s3-bucket-versioning",
        one("b: {kind: s3, versioning: true}"),
        one("b: {kind: s3, versioning: false}"),
        {"b"},
        one("b: {kind: s3}"),
        {"b"},
    ),
    # --- DynamoDB ----------------------------------------------------------------------
    case(
        "dynamodb-table-point-in-time-recovery",
        one("t: {kind: dynamodb, point_in_time_recovery: true}"),
        one("t: {kind: dynamodb, point_in_time_recovery: false}"),
        {"t"},
        one("t: {kind: dynamodb}"),
        {"t"},
    ),
    case(
        "dynamodb-table-backup-plan",
        "resources:\n  t: {kind: dynamodb}\n  plan: {kind: backup_plan}\n"
        "  sel: {kind: backup_selection, plan: plan, resources: [t]}\n",
        "resources:\n  t: {kind: dynamodb}\n  other: {kind: dynamodb}\n"
        "  plan: {kind: backup_plan}\n"
        "  sel: {kind: backup_selection, plan: plan, resources: [other]}\n",
        {"t"},
    ),
    case(
        "dynamodb-table-deletion-protection",
        one("t: {kind: dynamodb, deletion_protection: true}"),
        one("t: {kind: dynamodb, deletion_protection: false}"),
        {"t"},
        one("t: {kind: dynamodb}"),
        {"t"},
    ),
    # --- Lambda ------------------------------------------------------------------------
    case(
        "lambda-function-in-vpc",
        "resources:" + NET + "  fn: {kind: lambda, subnets: [a, b]}\n",
        one("fn: {kind: lambda}"),
        {"fn"},
    ),
    case(
        "lambda-function-multi-az",
        "resources:" + NET + "  fn: {kind: lambda, subnets: [a, b]}\n  out: {kind: lambda}\n",
        "resources:" + NET + "  fn: {kind: lambda, subnets: [a]}\n",
        {"fn"},
        "resources:" + NET + "  fn: {kind: lambda, subnets: [a, nowhere]}\n",
        {"fn"},
    ),
    # --- KMS, Secrets Manager ----------------------------------------------------------
    case(
        "kms-key-rotation",
        "resources:\n  k: {kind: kms, rotation_enabled: true}\n  aws: {kind: kms, manager: aws}\n"
        "  sign: {kind: kms, key_spec: ECC_NIST_P256}\n",
        one("k: {kind: kms, rotation_enabled: false}"),
        {"k"},
        one("k: {kind: kms}"),
        {"k"},
    ),
    case(
        "secretsmanager-secret-rotation",
        one("s: {kind: secret, rotation_enabled: true}"),
        one("s: {kind: secret, rotation_enabled: false}"),
        {"s"},
        one("s: {kind: secret}"),
        {"s"},
    ),
    # --- CloudTrail --------------------------------------------------------------------
    case(
        "cloudtrail-multi-region-trail",
        "resources:\n  local: {kind: cloudtrail, multi_region: false}\n"
        "  all: {kind: cloudtrail, multi_region: true}\n",
        "resources:\n  local: {kind: cloudtrail, multi_region: false}\n"
        "  off: {kind: cloudtrail, multi_region: true, is_logging: false}\n",
        {None},
        one("t: {kind: cloudtrail}"),
        {None},
    ),
    case(
        "cloudtrail-multi-region-trail",
        "resources:\n  all: {kind: cloudtrail, multi_region: true, management_events: true}\n",
        one("b: {kind: s3}"),  # no trail at all
        {None},
    ),
    case(
        "cloudtrail-multi-region-trail",
        "resources:\n"
        "  w: {kind: cloudtrail, multi_region: true, management_read_write: WriteOnly}\n"
        "  rw: {kind: cloudtrail, multi_region: true, management_read_write: All}\n",
        "resources:\n"
        "  w: {kind: cloudtrail, multi_region: true, management_read_write: WriteOnly}\n"
        "  r: {kind: cloudtrail, multi_region: true, management_read_write: ReadOnly}\n",
        {None},
    ),
    case(
        "cloudtrail-trail-kms-encrypted",
        "resources:\n  key: {kind: kms}\n  t: {kind: cloudtrail, kms_key: key}\n",
        one("t: {kind: cloudtrail}"),
        {"t"},
    ),
    # --- CloudFront ----------------------------------------------------------------------
    case(
        "cloudfront-distribution-viewer-https",
        "resources:\n  c1: {kind: cloudfront, viewer_protocol_policy: redirect-to-https}\n"
        "  c2: {kind: cloudfront, viewer_protocol_policy: https-only}\n",
        one("c: {kind: cloudfront, viewer_protocol_policy: allow-all}"),
        {"c"},
        one("c: {kind: cloudfront}"),
        {"c"},
    ),
    case(
        "cloudfront-distribution-waf",
        "resources:\n  acl: {kind: waf, scope: CLOUDFRONT}\n"
        "  c: {kind: cloudfront, web_acl: acl}\n",
        one("c: {kind: cloudfront}"),
        {"c"},
    ),
    # --- API Gateway -------------------------------------------------------------------
    case(
        "apigateway-execution-logging",
        "resources:\n  rest: {kind: rest_api, execution_logging: true}\n"
        "  http: {kind: http_api, execution_logging: false}\n",
        "resources:\n  rest: {kind: rest_api, execution_logging: false}\n"
        "  ws: {kind: websocket_api, execution_logging: false}\n",
        {"rest", "ws"},
        one("rest: {kind: rest_api}"),
        {"rest"},
    ),
    case(
        "apigateway-rest-waf",
        "resources:\n  acl: {kind: waf}\n  rest: {kind: rest_api, web_acl: acl}\n"
        "  http: {kind: http_api}\n",
        one("rest: {kind: rest_api}"),
        {"rest"},
    ),
    # --- EC2 security groups -----------------------------------------------------------
    case(
        "security-group-restricted-common-ports",
        "resources:\n  web: {kind: sg, ingress: [{port: 443, cidr: 0.0.0.0/0}, "
        "{port: 22, cidr: 10.0.0.0/8}, {protocol: icmp, cidr: 0.0.0.0/0}]}\n",
        "resources:\n  ssh: {kind: sg, ingress: [{port: 22, cidr: 0.0.0.0/0}]}\n"
        "  all6: {kind: sg, ingress: [{protocol: all, ipv6_cidr: '::/0'}]}\n"
        "  range: {kind: sg, ingress: [{from_port: 3000, to_port: 3400, cidr: 0.0.0.0/0}]}\n"
        "  fine: {kind: sg, ingress: [{port: 443, cidr: 0.0.0.0/0}]}\n"
        # a known violation beats a rule set at deploy time
        "  both: {kind: sg, ingress: [{port: 22, cidr: null}, {port: 3389, cidr: 0.0.0.0/0}]}\n",
        {"ssh", "all6", "range", "both"},
        # set at deploy time (a template parameter, known after apply): may be open
        "resources:\n  ssh: {kind: sg, ingress: [{port: 22, cidr: null}]}\n"
        "  rdp6: {kind: sg, ingress: [{port: 3389, ipv6_cidr: null}]}\n"
        "  proto: {kind: sg, ingress: [{protocol: null, cidr: 0.0.0.0/0}]}\n"
        "  ports: {kind: sg, ingress: [{ports_known: false, cidr: 0.0.0.0/0}]}\n"
        "  web: {kind: sg, ingress: [{port: 443, cidr: null}]}\n",
        {"ssh", "rdp6", "proto", "ports"},
    ),
    # --- ELB -----------------------------------------------------------------------------
    case(
        "load-balancer-multi-az",
        # Two subnets are two zones even when one's zone is not known: ELB takes one per zone.
        "resources:" + NET + "  lb: {kind: alb, subnets: [pub-a, pub-b]}\n"
        "  lb2: {kind: alb, subnets: [a, nowhere]}\n",
        "resources:" + NET + "  lb: {kind: nlb, subnets: [pub-a, a]}\n",
        {"lb"},
        "resources:" + NET + "  lb: {kind: alb}\n  lb2: {kind: alb, subnets: [nowhere]}\n",
        {"lb", "lb2"},
    ),
    # --- ElastiCache -------------------------------------------------------------------
    case(
        "elasticache-automatic-backups",
        "resources:\n  r: {kind: redis, snapshot_retention_days: 7}\n"
        "  m: {kind: elasticache, engine: memcached}\n",
        one("r: {kind: redis, snapshot_retention_days: 0}"),
        {"r"},
        one("r: {kind: redis}"),
        {"r"},
    ),
    case(
        "elasticache-automatic-failover",
        "resources:\n  r: {kind: redis, automatic_failover: true}\n"
        "  m: {kind: elasticache, engine: memcached}\n",
        one("r: {kind: redis, automatic_failover: false}"),
        {"r"},
        one("r: {kind: redis}"),
        {"r"},
    ),
    # --- EFS -----------------------------------------------------------------------------
    case(
        "efs-file-system-encrypted",
        one("fs: {kind: efs, encrypted: true}"),
        one("fs: {kind: efs, encrypted: false}"),
        {"fs"},
        one("fs: {kind: efs}"),
        {"fs"},
    ),
    case(
        "efs-file-system-backup-plan",
        "resources:\n  auto: {kind: efs, automatic_backups: true}\n  fs: {kind: efs}\n"
        "  plan: {kind: backup_plan}\n  sel: {kind: backup_selection, plan: plan, resources: fs}\n",
        one("fs: {kind: efs, automatic_backups: false}"),
        {"fs"},
    ),
    # --- IAM -----------------------------------------------------------------------------
    case(
        "iam-policy-no-full-admin",
        "resources:\n"
        f"  p: {{kind: policy, document: {allow('[s3:GetObject]')}}}\n"
        f"  aws: {{kind: policy, aws_managed: true, document: {ADMIN}}}\n"
        "  r: {kind: role, managed_policy_arns: [arn:aws:iam::aws:policy/ReadOnlyAccess]}\n",
        "resources:\n"
        f"  p: {{kind: policy, document: {ADMIN}}}\n"
        f"  r: {{kind: role, inline_policies: {{admin: {ADMIN_ALT}}}}}\n"
        f"  u: {{kind: iam_user, managed_policy_arns: [{ADMIN_ARN}]}}\n",
        {"p", "r", "u"},
    ),
    case(
        "iam-policy-no-service-wildcards",
        f"resources:\n  p: {{kind: policy, document: {allow('[s3:GetObject, s3:Get*]')}}}\n",
        "resources:\n"
        f"  p: {{kind: policy, document: {allow('[s3:*]', 'arn:aws:s3:::b/*')}}}\n"
        f"  r: {{kind: role, inline_policies: {{x: {allow('[dynamodb:*]')}}}}}\n",
        {"p", "r"},
    ),
    case(
        "iam-policy-no-partial-action-wildcards",
        f"resources:\n  p: {{kind: policy, document: {allow('[s3:GetObject, sqs:*]')}}}\n",
        "resources:\n"
        f"  p: {{kind: policy, document: {allow('[s3:Get*]')}}}\n"
        f"  u: {{kind: iam_user, inline_policies: {{x: {PUT_ONE}}}}}\n",
        {"p", "u"},
    ),
    case(
        "iam-policy-no-wildcard-resource-data-access",
        "resources:\n"
        f"  p: {{kind: policy, document: {TABLE_READ}}}\n"
        f"  list: {{kind: policy, document: {allow('[s3:ListAllMyBuckets]')}}}\n",
        "resources:\n"
        f"  p: {{kind: policy, document: {allow('[dynamodb:GetItem]')}}}\n"
        f"  r: {{kind: role, inline_policies: {{x: {allow('[s3:*]')}}}}}\n"
        "  n: {kind: policy, document: {Statement: [{Effect: Allow, Action: "
        "secretsmanager:GetSecretValue, NotResource: 'arn:aws:secretsmanager:*:*:secret:x'}]}}\n",
        {"p", "r", "n"},
    ),
    case(
        "iam-policy-no-kms-decrypt-all-keys",
        f"resources:\n  p: {{kind: policy, document: {KEY_DECRYPT}}}\n",
        "resources:\n"
        f"  p: {{kind: policy, document: {allow('[kms:Decrypt]')}}}\n"
        f"  r: {{kind: role, inline_policies: {{x: {allow('[kms:*]')}}}}}\n",
        {"p", "r"},
    ),
    case(
        "iam-policy-no-allow-not-action",
        "resources:\n  p: {kind: policy, document: {Statement: [{Effect: Deny, NotAction: "
        "[iam:*], Resource: '*'}]}}\n",
        "resources:\n  p: {kind: policy, document: {Statement: [{Effect: Allow, NotAction: "
        "[iam:*], Resource: '*'}]}}\n"
        "  q: {kind: policy, document: {Statement: [{Effect: Allow, Action: s3:GetObject, "
        "NotResource: 'arn:aws:s3:::secret/*'}]}}\n",
        {"p", "q"},
    ),
    case(
        "iam-principal-no-privilege-escalation",
        "resources:\n"
        f"  r: {{kind: role, inline_policies: {{x: {PASS_CREATE}}}}}\n"
        "  guarded: {kind: role, inline_policies: {x: {Statement: [{Effect: Allow, Action: "
        "'iam:*', Resource: '*'}, {Effect: Deny, Action: ['iam:*'], Resource: '*'}]}}}\n",
        "resources:\n"
        f"  r: {{kind: role, inline_policies: {{x: {PASS_INVOKE}}}}}\n"
        f"  p: {{kind: policy, document: {allow('[iam:CreatePolicyVersion]')}}}\n"
        "  u: {kind: iam_user, managed_policies: [p]}\n"
        f"  a: {{kind: role, inline_policies: {{x: {allow('[iam:Attach*]')}}}}}\n"
        f"  hop: {{kind: role, inline_policies: {{x: {allow('[sts:AssumeRole]')}}}}}\n"
        f"  admin: {{kind: role, managed_policy_arns: [{ADMIN_ARN}]}}\n",
        {"r", "u", "a", "hop", "admin"},
    ),
    case(
        "iam-role-trust-restricted",
        "resources:\n"
        f"  svc: {{kind: role, trust_policy: {TRUST_LAMBDA}}}\n"
        "  vendor: {kind: role, trust_policy: {Statement: [{Effect: Allow, Principal: {AWS: "
        "'arn:aws:iam::222222222222:root'}, Action: sts:AssumeRole, Condition: {StringEquals: "
        "{sts:ExternalId: abc}}}]}}\n"
        "  own: {kind: role, trust_policy: {Statement: [{Effect: Allow, Principal: {AWS: "
        f"'arn:aws:iam::{ACCOUNT}:root'}}, Action: sts:AssumeRole}}]}}}}\n"
        "  org: {kind: role, trust_policy: {Statement: [{Effect: Allow, Principal: '*', "
        "Action: sts:AssumeRole, Condition: {StringEquals: {aws:PrincipalOrgID: o-1}}}]}}\n",
        "resources:\n"
        "  open: {kind: role, trust_policy: {Statement: [{Effect: Allow, Principal: {AWS: '*'}, "
        "Action: sts:AssumeRole}]}}\n"
        "  vendor: {kind: role, trust_policy: {Statement: [{Effect: Allow, Principal: {AWS: "
        "'222222222222'}, Action: sts:AssumeRole}]}}\n"
        f"  svc: {{kind: role, trust_policy: {TRUST_LAMBDA}}}\n",
        {"open", "vendor"},
        "resources:\n  none: {kind: role}\n"
        "  acct: {kind: role, trust_policy: {Statement: [{Effect: Allow, Principal: {AWS: "
        "'222222222222'}, Action: sts:AssumeRole}]}}\n",
        {"none"},
    ),
    case(
        "iam-no-assume-role-path-to-sensitive-data",
        "resources:\n"
        "  fn: {kind: lambda, role: fn-role}\n"
        f"  fn-role: {{kind: role, trust_policy: {TRUST_LAMBDA}, inline_policies: "
        f"{{x: {allow('[s3:GetObject, secretsmanager:GetSecretValue]')}}}}}\n"
        "  bucket: {kind: s3}\n  secret: {kind: secret}\n",
        "resources:\n"
        f"  dev: {{kind: iam_user, inline_policies: {{x: {allow('[sts:AssumeRole]')}}}}}\n"
        "  ops: {kind: role, trust_policy: {Statement: [{Effect: Allow, Principal: {AWS: "
        f"'arn:aws:iam::{ACCOUNT}:root'}}, Action: sts:AssumeRole}}]}}, inline_policies: "
        f"{{x: {allow('[secretsmanager:GetSecretValue]')}}}}}\n"
        "  vendor: {kind: role, trust_policy: {Statement: [{Effect: Allow, Principal: {AWS: "
        "'222222222222'}, Action: sts:AssumeRole}]}, inline_policies: "
        f"{{x: {allow('[s3:GetObject]', 'arn:aws:s3:::media/*')}}}}}\n"
        "  secret: {kind: secret}\n  media: {kind: s3, bucket_name: media}\n"
        "  other: {kind: s3, bucket_name: other}\n  table: {kind: dynamodb}\n",
        {"secret", "media"},
        "resources:\n"
        "  vendor: {kind: role, trust_policy: {Statement: [{Effect: Allow, Principal: {AWS: "
        "'222222222222'}, Action: sts:AssumeRole}]}, inline_policies: "
        f"{{x: {allow('[s3:GetObject]', 'arn:aws:s3:::media/*')}}}}}\n"
        "  bucket: {kind: s3}\n",
        {"bucket"},
    ),
]

GRAPH_CASES: list[Case] = [
    case(
        "data-store-not-internet-reachable",
        "resources:" + NET + "  open: {kind: sg, ingress: [{port: 5432, cidr: 0.0.0.0/0}]}\n"
        "  app: {kind: sg, ingress: [{port: 5432, security_group: open}]}\n"
        "  private: {kind: rds, engine: postgres, subnets: [a, b], security_groups: [open], "
        "publicly_accessible: true}\n"
        "  closed: {kind: rds, engine: postgres, subnets: [pub-a], security_groups: [app], "
        "publicly_accessible: true}\n"
        "  hidden: {kind: rds, engine: postgres, subnets: [pub-a], security_groups: [open], "
        "publicly_accessible: false}\n",
        "resources:" + NET + "  open: {kind: sg, ingress: [{port: 5432, cidr: 0.0.0.0/0}]}\n"
        "  all: {kind: sg, ingress: [{protocol: all, cidr: 0.0.0.0/0}]}\n"
        "  db: {kind: rds, engine: postgres, subnets: [a, pub-b], security_groups: [open], "
        "publicly_accessible: true}\n"
        "  cache: {kind: redis, subnets: [pub-a], security_groups: [all]}\n"
        "  direct: {kind: aurora, publicly_accessible: false}\n"
        "actors: {internet: {kind: internet}}\nconnections: [internet -> direct]\n",
        {"db", "cache", "direct"},
        "resources:" + NET + "  open: {kind: sg, ingress: [{port: 5432, cidr: 0.0.0.0/0}]}\n"
        "  db: {kind: rds, engine: postgres, subnets: [pub-a], security_groups: [open]}\n"
        "  where: {kind: rds, engine: postgres, subnets: [nowhere], security_groups: [open], "
        "publicly_accessible: true}\n"
        "  param: {kind: sg, ingress: [{port: 5432, cidr: null}]}\n"
        "  deploy: {kind: rds, engine: postgres, subnets: [pub-a], security_groups: [param], "
        "publicly_accessible: true}\n",
        {"db", "where", "deploy"},
    ),
    case(
        "s3-origin-only-through-cloudfront",
        "resources:\n  site: {kind: s3, block_public_access: true}\n  lone: {kind: s3}\n"
        "  cdn: {kind: cloudfront, origins: [{target: site, origin_access: oac}]}\n",
        "resources:\n  nooac: {kind: s3, block_public_access: true}\n"
        "  web: {kind: s3, website_hosting: true, block_public_access: true}\n"
        "  side: {kind: s3, block_public_access: true}\n"
        "  cdn: {kind: cloudfront, origins: [{target: nooac, origin_access: none}, "
        "{target: web, origin_access: oai}, {target: side, origin_access: oac}]}\n"
        "actors: {users: {kind: users}}\nconnections: [users -> side]\n",
        {"nooac", "web", "side"},
        "resources:\n  b: {kind: s3, block_public_access: true}\n  c: {kind: s3}\n"
        "  cdn: {kind: cloudfront, origins: [{target: b}, {target: c, origin_access: oac}]}\n",
        {"b", "c"},
    ),
    case(
        "internet-entry-point-waf",
        "resources:\n  acl: {kind: waf, scope: CLOUDFRONT}\n"
        "  cdn: {kind: cloudfront, web_acl: acl, origins: [{target: api}]}\n"
        "  api: {kind: http_api}\n  inner: {kind: alb, scheme: internal}\n"
        "  private: {kind: rest_api, endpoint_type: private}\n"
        "actors: {users: {kind: users}}\nconnections: [users -> cdn]\n",
        "resources:\n  cdn: {kind: cloudfront, origins: [{target: api}]}\n"
        "  api: {kind: http_api}\n  lb: {kind: alb, scheme: internet-facing}\n"
        "  direct: {kind: rest_api}\n"
        "actors: {users: {kind: users}}\nconnections: [users -> cdn, users -> direct]\n",
        {"cdn", "api", "lb", "direct"},
        one("lb: {kind: alb}"),
        {"lb"},
    ),
    case(
        "no-single-az-tier-on-data-path",
        "resources:" + NET + "  lb: {kind: alb, scheme: internet-facing, subnets: [pub-a, pub-b], "
        "targets: [app]}\n  app: {kind: asg, subnets: [a, b]}\n"
        "  db: {kind: rds, multi_az: true}\n  batch: {kind: ec2, subnets: [a]}\n"
        "actors: {users: {kind: users}}\nconnections: [users -> lb, app -> db]\n",
        "resources:" + NET + "  lb: {kind: alb, scheme: internet-facing, subnets: [pub-a, pub-b], "
        "targets: [vm]}\n  vm: {kind: ec2, subnets: [a]}\n"
        "  cache: {kind: redis, multi_az: false}\n  db: {kind: rds, multi_az: true}\n"
        "actors: {users: {kind: users}}\nconnections: [users -> lb, vm -> cache, vm -> db]\n",
        {"vm", "cache"},
        "resources:"
        + NET
        + "  api: {kind: rest_api}\n  fn: {kind: lambda, subnets: [a, nowhere]}\n"
        "  t: {kind: dynamodb}\nconnections: [api -> fn, fn -> t]\n",
        {"fn"},
    ),
    case(
        "data-store-cross-region-backup",
        "resources:\n  db: {kind: rds}\n  dr: {kind: backup_vault, region: us-west-2}\n"
        "  main: {kind: backup_vault}\n"
        "  plan: {kind: backup_plan, rules: [{name: d, vault: main, copy_to: [{vault: dr}]}]}\n"
        "  sel: {kind: backup_selection, plan: plan, resources: [db]}\n"
        "  global: {kind: dynamodb, global_table_regions: [us-east-1, eu-west-1]}\n"
        "  src: {kind: rds}\n  snap: {kind: snapshot, source: src}\n"
        "  copy: {kind: snapshot, copy_of: snap, region: eu-central-1}\n"
        "  member: {kind: rds, cluster: c}\n  c: {kind: aurora}\n"
        "  c-dr: {kind: aurora, replica_of: c, region: us-west-2}\n",
        "resources:\n  db: {kind: rds}\n  main: {kind: backup_vault}\n"
        "  plan: {kind: backup_plan, rules: [{name: d, vault: main, copy_to: [{vault: main}]}]}\n"
        "  sel: {kind: backup_selection, plan: plan, resources: [db]}\n"
        "  t: {kind: dynamodb, global_table_regions: [us-east-1]}\n  fs: {kind: efs}\n",
        {"db", "t", "fs"},
        "resources:\n  db: {kind: rds}\n",
        {"db"},
        region=None,
    ),
    case(
        "backup-customer-managed-key",
        "resources:\n  cmk: {kind: kms, manager: customer}\n"
        "  vault: {kind: backup_vault, kms_key: cmk}\n  snap: {kind: snapshot, kms_key: cmk}\n"
        "  db: {kind: rds, kms_key: cmk}\n  auto: {kind: snapshot, source: db, automated: true}\n",
        "resources:\n  awskey: {kind: kms, manager: aws}\n"
        "  vault: {kind: backup_vault}\n  plain: {kind: snapshot, encrypted: false}\n"
        "  default: {kind: snapshot, encrypted: true}\n  aws: {kind: snapshot, kms_key: awskey}\n",
        {"vault", "plain", "default", "aws"},
        one("snap: {kind: snapshot}"),
        {"snap"},
    ),
    case(
        "data-path-encrypted-in-transit",
        "resources:\n  api: {kind: rest_api}\n  fn: {kind: lambda}\n  t: {kind: dynamodb}\n"
        "  db: {kind: rds, require_tls: true}\n"
        "actors: {users: {kind: users}}\n"
        "connections: [users -> api, {from: api, to: fn, encrypted: true}, "
        "{from: fn, to: t, protocol: https}, {from: fn, to: db, protocol: postgresql}]\n",
        "resources:\n  lb: {kind: alb, listeners: [{protocol: HTTP, port: 80}]}\n"
        "  app: {kind: ecs}\n  db: {kind: rds}\n  cdn: {kind: cloudfront, "
        "viewer_protocol_policy: https-only, origins: [{target: site, origin_protocol_policy: "
        "http-only}]}\n  site: {kind: s3}\n"
        "actors: {users: {kind: users}}\n"
        "connections: [users -> lb, {from: lb, to: app, protocol: https}, "
        "{from: app, to: db, protocol: tcp, encrypted: false}, users -> cdn]\n",
        {"lb", "db", "site"},
        "resources:\n  api: {kind: rest_api}\n  fn: {kind: lambda}\n  db: {kind: rds}\n"
        "actors: {users: {kind: users}}\n"
        "connections: [users -> api, {from: api, to: fn, protocol: https}, "
        "{from: fn, to: db, protocol: postgresql}]\n",
        {"db"},
    ),
    case(
        "lambda-uses-rds-proxy",
        "resources:\n  fn: {kind: lambda}\n  proxy: {kind: rds_proxy, targets: [db]}\n"
        "  db: {kind: rds}\n  other: {kind: lambda}\nconnections: [fn -> proxy, proxy -> db]\n",
        "resources:\n  fn: {kind: lambda}\n  db: {kind: aurora}\n  ok: {kind: lambda}\n"
        "  proxy: {kind: rds_proxy, targets: [db]}\nconnections: [fn -> db, ok -> proxy]\n",
        {"fn"},
    ),
    case(
        "no-secrets-in-environment-variables",
        "resources:\n  fn: {kind: lambda, environment: {DB_SECRET_ARN: x, TOKEN_URL: y, "
        "PASSWORD_PARAMETER: z, LOG_LEVEL: info}}\n"
        "  svc: {kind: ecs, environment: [API_KEY_SECRET_NAME]}\n",
        "resources:\n  fn: {kind: lambda, environment: {DB_PASSWORD: x, LOG_LEVEL: y}}\n"
        "  svc: {kind: ecs, environment: [stripe-api-key]}\n"
        "  build: {kind: codebuild, plaintext_environment: [AWS_SECRET_ACCESS_KEY]}\n"
        "  eb: {kind: beanstalk, environment: [GITHUB_TOKEN]}\n",
        {"fn", "svc", "build", "eb"},
    ),
]

MONITORING_CASES: list[Case] = [
    case(
        "cloudfront-distribution-logging",
        one("c: {kind: cloudfront, logging_enabled: true}"),
        one("c: {kind: cloudfront, logging_enabled: false}"),
        {"c"},
        one("c: {kind: cloudfront}"),
        {"c"},
    ),
    case(
        "compute-monitored-by-alarm",
        "resources:\n  fn: {kind: lambda}\n  vm: {kind: ec2}\n"
        "  errors: {kind: alarm, monitors: [fn, vm]}\n",
        "resources:\n  fn: {kind: lambda}\n  svc: {kind: ecs}\n  watched: {kind: lambda}\n"
        "  errors: {kind: alarm, monitors: [watched]}\n",
        {"fn", "svc"},
    ),
    case(
        "cloudwatch-alarm-notifies",
        "resources:\n  page: {kind: sns}\n  a: {kind: alarm, actions: [page]}\n",
        one("a: {kind: alarm}"),
        {"a"},
        one("a: {kind: alarm, actions: null}"),
        {"a"},
    ),
    case(
        "vpc-nat-gateway-per-az",
        "resources:"
        + NET
        + "  nat-a: {kind: nat, subnet: pub-a}\n  nat-b: {kind: nat, subnet: pub-b}\n"
        "  other: {kind: vpc}\n",
        "resources:"
        + NET.replace("  nowhere: {kind: subnet, vpc: vpc}\n", "")
        + "  nat-a: {kind: nat, subnet: pub-a}\n",
        {"vpc"},
        "resources:" + NET + "  nat-a: {kind: nat, subnet: pub-a}\n"
        "  somewhere: {kind: subnet, vpc: vpc, public: false}\n",
        {"vpc"},
    ),
    case(
        "iam-user-access-keys-rotated",
        "resources:\n  u: {kind: iam_user, access_keys: [{age_days: 30}, "
        "{active: false, age_days: 900}]}\n"
        "  none: {kind: iam_user}\n",
        one("u: {kind: iam_user, access_keys: [{age_days: 91}]}"),
        {"u"},
        one("u: {kind: iam_user, access_keys: [{active: true}]}"),
        {"u"},
    ),
]

POLICY_CASES: list[Case] = [
    case(
        "resource-policy-not-public",
        "resources:\n"
        "  b: {kind: s3, policy: {Statement: [{Effect: Deny, Principal: '*', Action: 's3:*', "
        "Resource: '*', Condition: {Bool: {aws:SecureTransport: 'false'}}}]}}\n"
        "  q: {kind: sqs, policy: {Statement: [{Effect: Allow, Principal: '*', "
        "Action: sqs:SendMessage, Resource: '*', Condition: {ArnEquals: {aws:SourceArn: x}}}]}}\n"
        "  k: {kind: kms, policy: {Statement: [{Effect: Allow, Principal: {AWS: "
        "'arn:aws:iam::111111111111:root'}, Action: 'kms:*', Resource: '*'}]}}\n"
        "  nopolicy: {kind: sns}\n",
        "resources:\n"
        "  b: {kind: s3, policy: {Statement: [{Sid: PublicRead, Effect: Allow, Principal: '*', "
        "Action: s3:GetObject, Resource: '*'}]}}\n"
        "  t: {kind: sns, policy: {Statement: [{Effect: Allow, Principal: {AWS: '*'}, "
        "Action: sns:Publish, Resource: '*', "
        "Condition: {Bool: {aws:SecureTransport: 'true'}}}]}}\n",
        {"b", "t"},
    ),
    case(
        "lambda-function-not-public",
        one("fn: {kind: lambda, public_policy: false, function_url_auth: AWS_IAM}"),
        "resources:\n  fn: {kind: lambda, public_policy: true}\n"
        "  url: {kind: lambda, function_url_auth: NONE}\n",
        {"fn", "url"},
        one("fn: {kind: lambda}"),
        {"fn"},
    ),
]

# Issue 14: the FSBP rules of rules/catalog/fsbp_*.py (one block, appended last).
KEY = "  k: {kind: kms_key}\n"
PLAN = "  plan: {kind: backup_plan, rules: [{name: daily}]}\n"


def _days_ago(days: int) -> str:
    """An ISO day relative to today (the rule compares with the current date)."""
    return (datetime.now(UTC).date() - timedelta(days=days)).isoformat()


def many(*resources: str) -> str:
    return "resources:\n" + "".join(f"  {r}\n" for r in resources)


FSBP_CASES: list[Case] = [
    case(
        "apigateway-v2-access-logging",
        many(
            "h: {kind: api_gateway, api_type: http, access_logging: true}",
            "w: {kind: api_gateway, api_type: websocket, access_logging: true}",
            "r: {kind: api_gateway, api_type: rest}",
        ),
        one("h: {kind: api_gateway, api_type: http, access_logging: false}"),
        {"h"},
        one("h: {kind: api_gateway, api_type: http}"),
        {"h"},
    ),
    case(
        "apigateway-rest-xray-tracing",
        many(
            "r: {kind: api_gateway, xray_tracing: true}", "h: {kind: api_gateway, api_type: http}"
        ),
        one("r: {kind: api_gateway, xray_tracing: false}"),
        {"r"},
        one("r: {kind: api_gateway}"),
        {"r"},
    ),
    case(
        "load-balancer-access-logging",
        many(
            "alb: {kind: load_balancer, access_logs_enabled: true}",
            "nlb: {kind: load_balancer, type: network}",
        ),
        one("alb: {kind: load_balancer, access_logs_enabled: false}"),
        {"alb"},
        one("alb: {kind: load_balancer}"),
        {"alb"},
    ),
    case(
        "opensearch-domain-audit-logging",
        one("s: {kind: opensearch_domain, audit_logging: true}"),
        one("s: {kind: opensearch_domain, audit_logging: false}"),
        {"s"},
        one("s: {kind: opensearch_domain}"),
        {"s"},
    ),
    case(
        "rds-log-exports",
        many(
            "pg: {kind: rds_instance, engine: postgres, log_exports: [postgresql, upgrade]}",
            "am: {kind: rds_cluster, engine: aurora-mysql, log_exports: [audit, error]}",
            "apg: {kind: rds_cluster, engine: aurora-postgresql, log_exports: [postgresql]}",
            "member: {kind: rds_instance, engine: aurora-mysql, cluster: am}",
        ),
        many(
            "my: {kind: rds_instance, engine: mysql, log_exports: [error]}",
            "apg: {kind: rds_cluster, engine: aurora-postgresql}",
            "ok: {kind: rds_instance, engine: sqlserver-se, log_exports: [error, agent]}",
        ),
        {"my", "apg"},
        many(
            "db: {kind: rds_instance}",
            "by_param: {kind: rds_instance, engine: postgres, log_exports: null}",
        ),
        {"db", "by_param"},
    ),
    case(
        "rds-instance-enhanced-monitoring",
        one("db: {kind: rds_instance, enhanced_monitoring: true}"),
        one("db: {kind: rds_instance, enhanced_monitoring: false}"),
        {"db"},
        one("db: {kind: rds_instance}"),
        {"db"},
    ),
    case(
        "waf-web-acl-logging",
        one("acl: {kind: waf_web_acl, logging_enabled: true}"),
        one("acl: {kind: waf_web_acl, logging_enabled: false}"),
        {"acl"},
        one("acl: {kind: waf_web_acl}"),
        {"acl"},
    ),
    case(
        "waf-web-acl-metrics",
        one("acl: {kind: waf_web_acl, metrics_enabled: true}"),
        one("acl: {kind: waf_web_acl, metrics_enabled: false}"),
        {"acl"},
        one("acl: {kind: waf_web_acl}"),
        {"acl"},
    ),
    case(
        "s3-bucket-access-logging",
        one("b: {kind: s3_bucket, access_logging: true}"),
        one("b: {kind: s3_bucket, access_logging: false}"),
        {"b"},
        one("b: {kind: s3_bucket}"),
        {"b"},
    ),
    case(
        "stepfunctions-state-machine-logging",
        many(
            "sm: {kind: step_functions_state_machine, logging_level: ERROR}",
            "all: {kind: step_functions_state_machine, logging_level: ALL}",
        ),
        one("sm: {kind: step_functions_state_machine, logging_level: 'OFF'}"),
        {"sm"},
        one("sm: {kind: step_functions_state_machine}"),
        {"sm"},
    ),
    case(
        "codebuild-project-logging",
        one("p: {kind: codebuild_project, logging_enabled: true}"),
        one("p: {kind: codebuild_project, logging_enabled: false}"),
        {"p"},
        one("p: {kind: codebuild_project}"),
        {"p"},
    ),
    case(
        "cloudtrail-log-file-validation",
        one("t: {kind: cloudtrail_trail, log_file_validation: true}"),
        one("t: {kind: cloudtrail_trail, log_file_validation: false}"),
        {"t"},
        one("t: {kind: cloudtrail_trail}"),
        {"t"},
    ),
    case(
        "cloudtrail-cloudwatch-logs",
        many("lg: {kind: cloudwatch_log_group}", "t: {kind: cloudtrail_trail, log_group: lg}"),
        one("t: {kind: cloudtrail_trail}"),
        {"t"},
    ),
    case(
        "vpc-flow-logs",
        one("v: {kind: vpc, flow_logs_enabled: true}"),
        one("v: {kind: vpc, flow_logs_enabled: false}"),
        {"v"},
        one("v: {kind: vpc}"),
        {"v"},
    ),
    case(
        "route53-public-zone-query-logging",
        many(
            "z: {kind: route53_zone, domain: example.com, query_logging_enabled: true}",
            "internal: {kind: route53_zone, domain: corp.internal, private: true}",
        ),
        one("z: {kind: route53_zone, domain: example.com, query_logging_enabled: false}"),
        {"z"},
        one("z: {kind: route53_zone, domain: example.com}"),
        {"z"},
    ),
    case(
        "elastic-beanstalk-enhanced-health",
        one("eb: {kind: elastic_beanstalk_environment, enhanced_health: true}"),
        one("eb: {kind: elastic_beanstalk_environment, enhanced_health: false}"),
        {"eb"},
        one("eb: {kind: elastic_beanstalk_environment}"),
        {"eb"},
    ),
    case(
        "data-encrypted-at-rest",
        many(
            "k: {kind: kms_key}",
            "q: {kind: sqs_queue, encryption: sse-sqs}",
            "t: {kind: sns_topic, kms_key: k}",
            "s: {kind: kinesis_stream, encryption: KMS}",
            "redis: {kind: elasticache_cluster, engine: redis, at_rest_encryption: true}",
            "mc: {kind: elasticache_cluster, engine: memcached}",
            "os: {kind: opensearch_domain, encryption_at_rest: true}",
            "vol: {kind: ebs_volume, encrypted: true}",
            "db: {kind: rds_instance, storage_encrypted: true}",
            "snap: {kind: db_snapshot, source: db}",
        ),
        many(
            "q: {kind: sqs_queue, encryption: none}",
            "t: {kind: sns_topic}",
            "s: {kind: kinesis_stream, encryption: NONE}",
            "redis: {kind: elasticache_cluster, engine: redis, at_rest_encryption: false}",
            "os: {kind: opensearch_domain, encryption_at_rest: false}",
            "vol: {kind: ebs_volume, encrypted: false}",
            "snap: {kind: db_snapshot, encrypted: false}",
        ),
        {"q", "t", "s", "redis", "os", "vol", "snap"},
        many(
            "q: {kind: sqs_queue}",
            "s: {kind: kinesis_stream}",
            "redis: {kind: elasticache_cluster}",
            "os: {kind: opensearch_domain}",
            "vol: {kind: ebs_volume}",
            "db: {kind: rds_instance}",
            "snap: {kind: db_snapshot, source: db}",
        ),
        {"q", "s", "redis", "os", "vol", "snap"},
    ),
    case(
        "s3-bucket-kms-encryption",
        many(
            "b: {kind: s3_bucket, encryption: sse-kms}",
            "d: {kind: s3_bucket, encryption: dsse-kms}",
        ),
        one("b: {kind: s3_bucket, encryption: sse-s3}"),
        {"b"},
        one("b: {kind: s3_bucket}"),
        {"b"},
    ),
    case(
        "eks-cluster-secrets-encrypted",
        "resources:\n" + KEY + "  eks: {kind: eks_cluster, secrets_kms_key: k}\n",
        one("eks: {kind: eks_cluster}"),
        {"eks"},
    ),
    case(
        "kms-key-not-pending-deletion",
        many("k: {kind: kms_key, pending_deletion: false}", "aws: {kind: kms_key, manager: aws}"),
        one("k: {kind: kms_key, pending_deletion: true}"),
        {"k"},
        one("k: {kind: kms_key}"),
        {"k"},
    ),
    case(
        "service-encrypted-in-transit",
        many(
            "redis: {kind: elasticache_cluster, engine: redis, transit_encryption: true}",
            "os: {kind: opensearch_domain, node_to_node_encryption: true, enforce_https: true, "
            "tls_policy: Policy-Min-TLS-1-2-PFS-2023-10}",
            "msk: {kind: msk_cluster, client_broker_encryption: TLS, in_cluster_encryption: true}",
            "pg: {kind: rds_instance, engine: postgres, require_tls: true}",
            "ora: {kind: rds_instance, engine: oracle-ee}",
            "proxy: {kind: rds_proxy, require_tls: true}",
            "alb: {kind: load_balancer, listeners: [{protocol: HTTPS, port: 443}, "
            "{protocol: HTTP, port: 80, redirect_to_https: true}]}",
            "nlb: {kind: load_balancer, type: network}",
        ),
        many(
            "redis: {kind: elasticache_cluster, engine: redis, transit_encryption: false}",
            "os: {kind: opensearch_domain, node_to_node_encryption: true, enforce_https: true, "
            "tls_policy: Policy-Min-TLS-1-0-2019-07}",
            "msk: {kind: msk_cluster, client_broker_encryption: TLS_PLAINTEXT, "
            "in_cluster_encryption: true}",
            "my: {kind: rds_instance, engine: mysql, require_tls: false}",
            "proxy: {kind: rds_proxy, require_tls: false}",
            "alb: {kind: load_balancer, listeners: [{protocol: HTTP, port: 8080}, "
            "{protocol: HTTP, port: 80, redirect_to_https: false}]}",
        ),
        {"redis", "os", "msk", "my", "proxy", "alb"},
        many(
            "redis: {kind: elasticache_cluster, engine: valkey}",
            "os: {kind: opensearch_domain, node_to_node_encryption: true}",
            "msk: {kind: msk_cluster}",
            "db: {kind: rds_instance, engine: postgres}",
            "proxy: {kind: rds_proxy}",
            "alb: {kind: load_balancer}",
        ),
        {"redis", "os", "msk", "db", "proxy", "alb"},
    ),
    case(
        "apigateway-cache-encrypted",
        many(
            "r: {kind: api_gateway, cache_enabled: true, cache_encrypted: true}",
            "nocache: {kind: api_gateway, cache_enabled: false}",
        ),
        one("r: {kind: api_gateway, cache_enabled: true, cache_encrypted: false}"),
        {"r"},
        many("r: {kind: api_gateway}", "maybe: {kind: api_gateway, cache_encrypted: false}"),
        {"r", "maybe"},
    ),
    case(
        "cloudfront-custom-origin-https",
        many(
            "alb: {kind: load_balancer}",
            "site: {kind: s3_bucket}",
            "c: {kind: cloudfront_distribution, origins: [{target: alb, origin_protocol_policy: "
            "https-only}, {target: site}]}",
        ),
        many(
            "alb: {kind: load_balancer}",
            "c: {kind: cloudfront_distribution, origins: [{target: alb, origin_protocol_policy: "
            "http-only}]}",
            "m: {kind: cloudfront_distribution, viewer_protocol_policy: allow-all, "
            "origins: [{domain: api.example.com, origin_protocol_policy: match-viewer}]}",
            "ssl3: {kind: cloudfront_distribution, origins: [{domain: old.example.com, "
            "origin_protocol_policy: https-only, minimum_origin_ssl_protocol: SSLv3}]}",
        ),
        {"c", "m", "ssl3"},
        one("c: {kind: cloudfront_distribution, origins: [{domain: api.example.com}]}"),
        {"c"},
    ),
    case(
        "cloudfront-viewer-tls-policy",
        one(
            "c: {kind: cloudfront_distribution, uses_default_certificate: false, "
            "minimum_protocol_version: TLSv1.2_2021}"
        ),
        many(
            "c: {kind: cloudfront_distribution, uses_default_certificate: true}",
            "old: {kind: cloudfront_distribution, uses_default_certificate: false, "
            "minimum_protocol_version: TLSv1.1_2016}",
        ),
        {"c", "old"},
        one("c: {kind: cloudfront_distribution}"),
        {"c"},
    ),
    case(
        "ec2-instance-imdsv2",
        one("vm: {kind: ec2_instance, imdsv2_required: true}"),
        one("vm: {kind: ec2_instance, imdsv2_required: false}"),
        {"vm"},
        one("vm: {kind: ec2_instance}"),
        {"vm"},
    ),
    case(
        "ec2-instance-no-public-ip",
        one("vm: {kind: ec2_instance, public_ip: false}"),
        one("vm: {kind: ec2_instance, public_ip: true}"),
        {"vm"},
        one("vm: {kind: ec2_instance}"),
        {"vm"},
    ),
    case(
        "subnet-no-auto-public-ip",
        many("v: {kind: vpc}", "s: {kind: subnet, vpc: v, map_public_ip_on_launch: false}"),
        many("v: {kind: vpc}", "s: {kind: subnet, vpc: v, map_public_ip_on_launch: true}"),
        {"s"},
        many("v: {kind: vpc}", "s: {kind: subnet, vpc: v}"),
        {"s"},
    ),
    case(
        "ecs-service-no-public-ip",
        one("svc: {kind: ecs_service, assign_public_ip: false}"),
        one("svc: {kind: ecs_service, assign_public_ip: true}"),
        {"svc"},
        one("svc: {kind: ecs_service}"),
        {"svc"},
    ),
    case(
        "eks-cluster-endpoint-not-public",
        one("eks: {kind: eks_cluster, endpoint_public_access: false}"),
        one(
            "eks: {kind: eks_cluster, endpoint_public_access: true, "
            "public_access_cidrs: [1.2.3.4/32]}"
        ),
        {"eks"},
        one("eks: {kind: eks_cluster}"),
        {"eks"},
    ),
    case(
        "opensearch-domain-in-vpc",
        "resources:" + NET + "  s: {kind: opensearch_domain, subnets: [a, b]}\n",
        one("s: {kind: opensearch_domain}"),
        {"s"},
    ),
    case(
        "opensearch-fine-grained-access-control",
        one("s: {kind: opensearch_domain, fine_grained_access_control: true}"),
        one("s: {kind: opensearch_domain, fine_grained_access_control: false}"),
        {"s"},
        one("s: {kind: opensearch_domain}"),
        {"s"},
    ),
    case(
        "msk-cluster-no-public-access",
        one("m: {kind: msk_cluster, public_access: false}"),
        one("m: {kind: msk_cluster, public_access: true}"),
        {"m"},
        one("m: {kind: msk_cluster}"),
        {"m"},
    ),
    case(
        "msk-cluster-authenticated-access",
        one("m: {kind: msk_cluster, unauthenticated_access: false}"),
        one("m: {kind: msk_cluster, unauthenticated_access: true}"),
        {"m"},
        one("m: {kind: msk_cluster}"),
        {"m"},
    ),
    case(
        "rds-snapshot-not-public",
        one("snap: {kind: db_snapshot, public: false}"),
        one("snap: {kind: db_snapshot, public: true}"),
        {"snap"},
        one("snap: {kind: db_snapshot}"),
        {"snap"},
    ),
    case(
        "s3-bucket-no-public-read",
        many(
            "blocked: {kind: s3, block_public_access: true, acl_public_read: true}",
            "owner: {kind: s3, block_public_access: false, acls_disabled: true, "
            "acl_public_read: true}",
            "private: {kind: s3, block_public_access: false, acl_public_read: false, "
            "policy: {Statement: [{Effect: Allow, Principal: '*', Action: 's3:PutObject', "
            "Resource: '*'}]}}",
        ),
        many(
            "acl: {kind: s3, block_public_access: false, acl_public_read: true}",
            "policy: {kind: s3, block_public_access: false, acl_public_read: false, "
            "policy: {Statement: [{Effect: Allow, Principal: '*', Action: 's3:Get*', "
            "Resource: '*'}]}}",
        ),
        {"acl", "policy"},
        one("b: {kind: s3, block_public_access: false}"),
        {"b"},
    ),
    case(
        "s3-bucket-no-public-read",
        # the account's IgnorePublicAcls and RestrictPublicBuckets neutralise both
        "account_settings:\n  s3_public_access_block: {ignore_public_acls: true, "
        "restrict_public_buckets: true}\n"
        + one("b: {kind: s3, block_public_access: false, acl_public_read: true}"),
        "account_settings:\n  s3_public_access_block: {ignore_public_acls: true}\n"
        + one(
            "b: {kind: s3, block_public_access: false, acl_public_read: true, "
            "policy: {Statement: [{Effect: Allow, Principal: {AWS: '*'}, Action: 's3:*', "
            "Resource: '*'}]}}"
        ),
        {"b"},
    ),
    case(
        "s3-bucket-no-public-write",
        many(
            "reads: {kind: s3, block_public_access: false, acl_public_read: true, "
            "acl_public_write: false}",
            "blocked: {kind: s3, block_public_access: true, acl_public_write: true}",
        ),
        many(
            "acl: {kind: s3, block_public_access: false, acl_public_write: true}",
            "policy: {kind: s3, block_public_access: false, acl_public_write: false, "
            "policy: {Statement: [{Effect: Allow, Principal: '*', Action: 's3:PutObject', "
            "Resource: '*'}]}}",
        ),
        {"acl", "policy"},
        one("b: {kind: s3, block_public_access: false, acl_public_read: false}"),
        {"b"},
    ),
    case(
        "secretsmanager-secret-used",
        many(
            f"recent: {{kind: secret, last_accessed_date: {_days_ago(3)}, "
            f"created_date: {_days_ago(900)}}}",
            f"new: {{kind: secret, created_date: {_days_ago(10)}}}",  # never read, but new
        ),
        many(
            f"stale: {{kind: secret, last_accessed_date: {_days_ago(91)}}}",
            f"never: {{kind: secret, created_date: {_days_ago(400)}}}",
            f"ok: {{kind: secret, last_accessed_date: {_days_ago(90)}}}",
        ),
        {"stale", "never"},
        one("s: {kind: secret, rotation_enabled: true}"),  # a template: not known
        {"s"},
    ),
    case(
        "launch-template-imdsv2",
        one("lt: {kind: launch_template, imdsv2_required: true}"),
        one("lt: {kind: launch_template, imdsv2_required: false}"),
        {"lt"},
        one("lt: {kind: launch_template}"),
        {"lt"},
    ),
    case(
        "launch-template-no-public-ip",
        one("lt: {kind: launch_template, public_ip: false}"),
        one("lt: {kind: launch_template, public_ip: true}"),
        {"lt"},
        one("lt: {kind: launch_template}"),
        {"lt"},
    ),
    case(
        "launch-template-ebs-encrypted",
        "account_settings:\n  - {region: us-east-1, ebs_encryption_by_default: true}\n"
        + many(
            "enc: {kind: launch_template, ebs_encryption: encrypted}",
            "dflt: {kind: launch_template, ebs_encryption: unstated}",  # encrypted by default
            "none: {kind: launch_template, ebs_encryption: no_volumes}",  # not applicable
        ),
        many(
            "off: {kind: launch_template, ebs_encryption: unencrypted}",
            "ok: {kind: launch_template, ebs_encryption: encrypted}",
        ),
        {"off"},
        "account_settings:\n  - {region: eu-west-1, ebs_encryption_by_default: true}\n"
        + many(
            "lt: {kind: launch_template, ebs_encryption: unstated}",  # another region's default
            "blank: {kind: launch_template}",
        ),
        {"lt", "blank"},
    ),
    case(
        "ebs-snapshot-not-public",
        # shared with 'all' in us-east-1, where block-all-sharing keeps it private
        "account_settings:\n  - {region: us-east-1, ebs_snapshot_block_public_access: "
        "block-all-sharing}\n"
        + many(
            "private: {kind: ebs_snapshot, public: false, shared_with_accounts: ['444455556666']}",
            "blocked: {kind: ebs_snapshot, public: true}",
        ),
        "account_settings:\n  - {region: us-east-1, ebs_snapshot_block_public_access: "
        "block-new-sharing}\n  - {region: eu-west-1, ebs_snapshot_block_public_access: "
        "block-all-sharing}\n"
        + many(
            "new: {kind: ebs_snapshot, public: true}",
            "other: {kind: ebs_snapshot, region: us-west-2, public: true}",
        ),
        {"new", "other"},
        one("snap: {kind: ebs_snapshot, shared_with_accounts: ['444455556666']}"),
        {"snap"},
    ),
    case(
        "security-group-only-authorized-ports-open",
        many(
            "web: {kind: security_group, ingress: [{port: 443, cidr: [0.0.0.0/0]}, "
            "{port: 80, ipv6_cidr: ['::/0']}, {port: 8080, cidr: [10.0.0.0/8]}]}",
        ),
        many(
            "app: {kind: security_group, ingress: [{port: 8080, cidr: [0.0.0.0/0]}]}",
            "range: {kind: security_group, ingress: [{from_port: 80, to_port: 443, "
            "cidr: [0.0.0.0/0]}]}",
            "web: {kind: security_group, ingress: [{port: 443, cidr: [0.0.0.0/0]}]}",
            "both: {kind: security_group, ingress: [{port: 443, cidr: null}, "
            "{port: 8080, cidr: [0.0.0.0/0]}]}",
        ),
        {"app", "range", "both"},
        many(
            "app: {kind: security_group, ingress: [{port: 8080, cidr: null}]}",
            "ports: {kind: security_group, ingress: [{ports_known: false, cidr: [0.0.0.0/0]}]}",
            "proto: {kind: security_group, ingress: [{protocol: null, ipv6_cidr: ['::/0']}]}",
            "web: {kind: security_group, ingress: [{port: 443, cidr: null}]}",
        ),
        {"app", "ports", "proto"},
    ),
    case(
        "apigateway-v2-route-authorization",
        many(
            "h: {kind: api_gateway, api_type: http, authorization: jwt}", "r: {kind: api_gateway}"
        ),
        one("h: {kind: api_gateway, api_type: websocket, authorization: none}"),
        {"h"},
        one("h: {kind: api_gateway, api_type: http}"),
        {"h"},
    ),
    case(
        "cloudfront-s3-origin-access-control",
        many(
            "site: {kind: s3_bucket}",
            "c: {kind: cloudfront_distribution, origins: [{target: site, origin_access: oac}]}",
        ),
        many(
            "site: {kind: s3_bucket}",
            "c: {kind: cloudfront_distribution, origins: [{target: site, origin_access: oai}]}",
        ),
        {"c"},
        many(
            "site: {kind: s3_bucket}",
            "c: {kind: cloudfront_distribution, origins: [{target: site}]}",
        ),
        {"c"},
    ),
    case(
        "cloudfront-default-root-object",
        one("c: {kind: cloudfront_distribution, default_root_object: index.html}"),
        # CloudFront.1 judges S3 origins: a distribution in front of a load balancer or a
        # website endpoint alone is not judged (the Gitea and GitLab samples of
        # aws-cloudformation-templates were FAILed).
        "resources:\n  lb: {kind: alb}\n  b: {kind: s3}\n"
        "  c: {kind: cloudfront_distribution}\n"
        "  s3: {kind: cloudfront_distribution, origins: [{target: b}, {target: lb}]}\n"
        "  rest: {kind: cloudfront_distribution,"
        " origins: [{domain: b.s3.us-east-1.amazonaws.com}]}\n"
        "  custom: {kind: cloudfront_distribution, origins: [{target: lb}]}\n"
        "  site: {kind: cloudfront_distribution,"
        " origins: [{domain: b.s3-website-us-east-1.amazonaws.com}]}\n",
        {"c", "s3", "rest"},
        one("c: {kind: cloudfront_distribution, origins: [{origin_protocol_policy: https-only}]}"),
        {"c"},
    ),
    case(
        "codebuild-project-not-privileged",
        one("p: {kind: codebuild_project, privileged_mode: false}"),
        one("p: {kind: codebuild_project, privileged_mode: true}"),
        {"p"},
        one("p: {kind: codebuild_project}"),
        {"p"},
    ),
    case(
        "codebuild-no-plaintext-aws-credentials",
        one("p: {kind: codebuild_project, plaintext_environment: [STAGE, AWS_REGION]}"),
        one("p: {kind: codebuild_project, plaintext_environment: [AWS_SECRET_ACCESS_KEY]}"),
        {"p"},
    ),
    case(
        "iam-user-mfa",
        many(
            "u: {kind: iam_user, console_access: true, mfa_enabled: true}",
            "bot: {kind: iam_user, console_access: false, mfa_enabled: true}",
        ),
        many(
            "u: {kind: iam_user, console_access: true, mfa_enabled: false}",
            "bot: {kind: iam_user, console_access: false, mfa_enabled: false}",
        ),
        {"u", "bot"},
        one("u: {kind: iam_user, console_access: true}"),
        {"u"},
    ),
    case(
        "iam-user-no-direct-policies",
        one("u: {kind: iam_user, groups: [developers]}"),
        one("u: {kind: iam_user, managed_policy_arns: ['arn:aws:iam::aws:policy/ReadOnlyAccess']}"),
        {"u"},
    ),
    case(
        "iam-user-unused-access-keys",
        many(
            "u: {kind: iam_user, access_keys: [{last_used_days: 3}, "
            "{active: false, last_used_days: 400}]}",
            "new: {kind: iam_user, access_keys: [{age_days: 10}]}",
            "nokeys: {kind: iam_user}",
        ),
        one("u: {kind: iam_user, access_keys: [{last_used_days: 60}]}"),
        {"u"},
        many(
            "u: {kind: iam_user, access_keys: [{age_days: 100}]}",
            "v: {kind: iam_user, access_keys: [{age_days: 10}, {}]}",
        ),
        {"u", "v"},
    ),
    case(
        "rds-iam-authentication",
        many(
            "db: {kind: rds_instance, iam_auth: true}",
            "cl: {kind: rds_cluster, iam_auth: true}",
            "member: {kind: rds_instance, cluster: cl}",
        ),
        many(
            "db: {kind: rds_instance, iam_auth: false}", "cl: {kind: rds_cluster, iam_auth: false}"
        ),
        {"db", "cl"},
        many("db: {kind: rds_instance}", "cl: {kind: rds_cluster}"),
        {"db", "cl"},
    ),
    case(
        "s3-bucket-acls-disabled",
        one("b: {kind: s3_bucket, acls_disabled: true}"),
        one("b: {kind: s3_bucket, acls_disabled: false}"),
        {"b"},
        one("b: {kind: s3_bucket}"),
        {"b"},
    ),
    case(
        "elasticache-redis-auth",
        many(
            "old: {kind: elasticache_cluster, engine: redis, engine_version: '5.0.6', "
            "auth_token_enabled: true}",
            "new: {kind: elasticache_cluster, engine: redis, engine_version: '7.1'}",
        ),
        one(
            "old: {kind: elasticache_cluster, engine: redis, engine_version: '4.0.10', "
            "auth_token_enabled: false}"
        ),
        {"old"},
        one("c: {kind: elasticache_cluster, engine: redis}"),
        {"c"},
    ),
    case(
        "load-balancer-drop-invalid-headers",
        many(
            "alb: {kind: load_balancer, drop_invalid_headers: true}",
            "nlb: {kind: load_balancer, type: network}",
        ),
        one("alb: {kind: load_balancer, drop_invalid_headers: false}"),
        {"alb"},
        one("alb: {kind: load_balancer}"),
        {"alb"},
    ),
    case(
        "waf-web-acl-has-rules",
        one("acl: {kind: waf_web_acl, rules: [AWSManagedRulesCommonRuleSet]}"),
        one("acl: {kind: waf_web_acl}"),
        {"acl"},
    ),
    case(
        "rds-cluster-deletion-protection",
        one("cl: {kind: rds_cluster, deletion_protection: true}"),
        one("cl: {kind: rds_cluster, deletion_protection: false}"),
        {"cl"},
        one("cl: {kind: rds_cluster}"),
        {"cl"},
    ),
    case(
        "rds-copy-tags-to-snapshots",
        many(
            "db: {kind: rds_instance, copy_tags_to_snapshot: true}",
            "cl: {kind: rds_cluster, copy_tags_to_snapshot: true}",
            "member: {kind: rds_instance, cluster: cl}",
        ),
        many(
            "db: {kind: rds_instance, copy_tags_to_snapshot: false}",
            "cl: {kind: rds_cluster, copy_tags_to_snapshot: false}",
        ),
        {"db", "cl"},
        one("db: {kind: rds_instance}"),
        {"db"},
    ),
    case(
        "rds-cluster-backup-retention",
        one("cl: {kind: rds_cluster, backup_retention_days: 7}"),
        one("cl: {kind: rds_cluster, backup_retention_days: 1}"),
        {"cl"},
        one("cl: {kind: rds_cluster}"),
        {"cl"},
    ),
    case(
        "dynamodb-table-scales-with-demand",
        many(
            "od: {kind: dynamodb_table, billing_mode: PAY_PER_REQUEST}",
            "pr: {kind: dynamodb_table, billing_mode: PROVISIONED, autoscaling: true}",
        ),
        one("pr: {kind: dynamodb_table, billing_mode: PROVISIONED, autoscaling: false}"),
        {"pr"},
        one("t: {kind: dynamodb_table}"),
        {"t"},
    ),
    case(
        "opensearch-domain-three-data-nodes",
        one("s: {kind: opensearch_domain, instance_count: 3, zone_awareness: true}"),
        many(
            "two: {kind: opensearch_domain, instance_count: 2, zone_awareness: true}",
            "onezone: {kind: opensearch_domain, instance_count: 3, zone_awareness: false}",
        ),
        {"two", "onezone"},
        one("s: {kind: opensearch_domain, zone_awareness: true}"),
        {"s"},
    ),
    case(
        "autoscaling-group-multi-az",
        "resources:" + NET + "  asg: {kind: autoscaling_group, subnets: [a, b]}\n",
        "resources:" + NET + "  asg: {kind: autoscaling_group, subnets: [a]}\n",
        {"asg"},
        "resources:" + NET + "  asg: {kind: autoscaling_group, subnets: [a, nowhere]}\n",
        {"asg"},
    ),
    case(
        "autoscaling-group-elb-health-check",
        many(
            "asg: {kind: autoscaling_group, health_check_type: ELB}",
            "alb: {kind: load_balancer, targets: [asg]}",
            "alone: {kind: autoscaling_group}",
        ),
        many(
            "asg: {kind: autoscaling_group, health_check_type: EC2}",
            "alb: {kind: load_balancer, targets: [asg]}",
        ),
        {"asg"},
        many("asg: {kind: autoscaling_group}", "alb: {kind: load_balancer, targets: [asg]}"),
        {"asg"},
    ),
    case(
        "load-balancer-deletion-protection",
        one("lb: {kind: load_balancer, deletion_protection: true}"),
        one("lb: {kind: load_balancer, deletion_protection: false}"),
        {"lb"},
        one("lb: {kind: load_balancer}"),
        {"lb"},
    ),
    case(
        "efs-file-system-automatic-backups",
        one("fs: {kind: efs_file_system, automatic_backups: true}"),
        one("fs: {kind: efs_file_system, automatic_backups: false}"),
        {"fs"},
        one("fs: {kind: efs_file_system}"),
        {"fs"},
    ),
    case(
        "ebs-volume-backup-plan",
        "resources:\n  vol: {kind: ebs_volume}\n"
        + PLAN
        + "  sel: {kind: backup_selection, plan: plan, resources: [vol]}\n",
        "resources:\n  vol: {kind: ebs_volume}\n  other: {kind: ebs_volume}\n"
        + PLAN
        + "  sel: {kind: backup_selection, plan: plan, resources: [other]}\n",
        {"vol"},
    ),
    case(
        "s3-bucket-object-lock",
        one("b: {kind: s3_bucket, object_lock: true}"),
        one("b: {kind: s3_bucket, object_lock: false}"),
        {"b"},
        one("b: {kind: s3_bucket}"),
        {"b"},
    ),
    case(
        "s3-bucket-mfa-delete",
        one("b: {kind: s3_bucket, mfa_delete: true}"),
        one("b: {kind: s3_bucket, mfa_delete: false}"),
        {"b"},
        one("b: {kind: s3_bucket}"),
        {"b"},
    ),
    case(
        "s3-bucket-lifecycle",
        one("b: {kind: s3_bucket, lifecycle_rules: true}"),
        one("b: {kind: s3_bucket, lifecycle_rules: false}"),
        {"b"},
        one("b: {kind: s3_bucket}"),
        {"b"},
    ),
    case(
        "s3-bucket-cross-region-replication",
        many(
            "b: {kind: s3_bucket, replicates_to: [dr]}", "dr: {kind: s3_bucket, region: us-west-2}"
        ),
        many(
            "b: {kind: s3_bucket}",
            "same: {kind: s3_bucket, replicates_to: [copy]}",
            "copy: {kind: s3_bucket}",
        ),
        {"b", "same"},
        many("b: {kind: s3_bucket, replicates_to: [dr]}", "dr: {kind: s3_bucket}"),
        {"b"},
        region=None,
    ),
    case(
        "cloudfront-origin-failover",
        one("c: {kind: cloudfront_distribution, origin_failover: true}"),
        one("c: {kind: cloudfront_distribution, origin_failover: false}"),
        {"c"},
        one("c: {kind: cloudfront_distribution}"),
        {"c"},
    ),
    case(
        "apigateway-backend-client-certificate",
        many(
            "r: {kind: api_gateway, client_certificate: true}",
            "h: {kind: api_gateway, api_type: http}",
        ),
        one("r: {kind: api_gateway, client_certificate: false}"),
        {"r"},
        one("r: {kind: api_gateway}"),
        {"r"},
    ),
    case(
        "cloudtrail-bucket-not-public",
        many(
            "logs: {kind: s3_bucket, block_public_access: true}",
            "t: {kind: cloudtrail_trail, bucket: logs}",
        ),
        many(
            "logs: {kind: s3_bucket, block_public_access: false}",
            "t: {kind: cloudtrail_trail, bucket: logs}",
            "elsewhere: {kind: cloudtrail_trail}",
        ),
        {"t"},
        many("logs: {kind: s3_bucket}", "t: {kind: cloudtrail_trail, bucket: logs}"),
        {"t"},
    ),
    case(
        "cloudtrail-bucket-access-logging",
        many(
            "logs: {kind: s3_bucket, access_logging: true}",
            "t: {kind: cloudtrail_trail, bucket: logs}",
        ),
        many(
            "logs: {kind: s3_bucket, access_logging: false}",
            "t: {kind: cloudtrail_trail, bucket: logs}",
        ),
        {"t"},
        many("logs: {kind: s3_bucket}", "t: {kind: cloudtrail_trail, bucket: logs}"),
        {"t"},
    ),
    case(
        "rds-instance-non-default-port",
        many(
            "pg: {kind: rds_instance, engine: postgres, port: 15432}",
            "cl: {kind: rds_cluster}",
            "member: {kind: rds_instance, engine: aurora-mysql, cluster: cl}",
        ),
        many(
            "pg: {kind: rds_instance, engine: postgres, port: 5432}",
            "ms: {kind: rds_instance, engine: sqlserver-ex, port: 1433}",
        ),
        {"pg", "ms"},
        one("pg: {kind: rds_instance, engine: postgres}"),
        {"pg"},
    ),
    case(
        "cognito-user-pool-mfa",
        one("p: {kind: cognito_user_pool, mfa: 'ON'}"),
        many(
            "p: {kind: cognito_user_pool, mfa: OPTIONAL}",
            "off: {kind: cognito_user_pool, mfa: 'OFF'}",
        ),
        {"p", "off"},
        one("p: {kind: cognito_user_pool}"),
        {"p"},
    ),
    case(
        "vpc-service-endpoints",
        "resources:"
        + NET
        + "".join(
            f"  e{i}: {{kind: vpc_endpoint, vpc: vpc, service: {svc}}}\n"
            for i, svc in enumerate(
                [
                    "com.amazonaws.us-east-1.ec2",
                    "ecr.api",
                    "com.amazonaws.us-east-1.ecr.dkr",
                    "ssm",
                    "ssm-contacts",
                    "ssm-incidents",
                ]
            )
        ),
        "resources:"
        + NET
        + "  s3: {kind: vpc_endpoint, vpc: vpc, service: s3, endpoint_type: gateway}\n"
        "  ec2-api: {kind: vpc_endpoint, vpc: vpc, service: ec2}\n"
        "  other: {kind: vpc}\n",
        {"vpc", "other"},
    ),
    case(
        "cognito-user-pool-deletion-protection",
        one("p: {kind: cognito_user_pool, deletion_protection: true}"),
        one("p: {kind: cognito_user_pool, deletion_protection: false}"),
        {"p"},
        one("p: {kind: cognito_user_pool}"),
        {"p"},
    ),
    case(
        "load-balancer-waf",
        many(
            "acl: {kind: waf_web_acl}",
            "alb: {kind: load_balancer, scheme: internal, web_acl: acl}",
            "nlb: {kind: load_balancer, type: network}",
        ),
        one("alb: {kind: load_balancer, scheme: internal}"),
        {"alb"},
    ),
    case(
        "s3-bucket-policy-no-cross-account-admin",
        many(
            "own: {kind: s3_bucket, policy: {Statement: [{Effect: Allow, Principal: {AWS: "
            "'arn:aws:iam::111111111111:role/admin'}, Action: 's3:*', Resource: '*'}]}}",
            "shared: {kind: s3_bucket, policy: {Statement: [{Effect: Allow, Principal: {AWS: "
            "'444455556666'}, Action: [s3:GetObject], Resource: '*'}]}}",
            "nopolicy: {kind: s3_bucket}",
        ),
        many(
            "b: {kind: s3_bucket, policy: {Statement: [{Sid: Partner, Effect: Allow, "
            "Principal: {AWS: 'arn:aws:iam::444455556666:root'}, Action: 's3:Put*', "
            "Resource: '*'}]}}",
            "anyone: {kind: s3_bucket, policy: {Statement: [{Effect: Allow, Principal: '*', "
            "Action: s3:putobjectacl, Resource: '*'}]}}",
        ),
        {"b", "anyone"},
    ),
    case(
        "secretsmanager-secret-rotation-period",
        one("s: {kind: secrets_manager_secret, rotation_enabled: true, rotation_days: 30}"),
        many(
            "s: {kind: secrets_manager_secret, rotation_enabled: true, rotation_days: 180}",
            "off: {kind: secrets_manager_secret, rotation_enabled: false}",
        ),
        {"s", "off"},
        many(
            "s: {kind: secrets_manager_secret, rotation_enabled: true}",
            "t: {kind: secrets_manager_secret}",
        ),
        {"s", "t"},
    ),
    case(
        "kinesis-stream-retention",
        one("s: {kind: kinesis_stream, retention_hours: 168}"),
        one("s: {kind: kinesis_stream, retention_hours: 24}"),
        {"s"},
        one("s: {kind: kinesis_stream}"),
        {"s"},
    ),
    case(
        "rds-instance-private-subnets",
        "resources:" + NET + "  db: {kind: rds_instance, subnets: [a, b]}\n"
        "  cl: {kind: rds_cluster, subnets: [a, b]}\n"
        "  member: {kind: rds_instance, cluster: cl}\n",
        "resources:" + NET + "  db: {kind: rds_instance, subnets: [a, pub-b]}\n",
        {"db"},
        "resources:"
        + NET
        + "  db: {kind: rds_instance}\n  db2: {kind: rds_instance, subnets: [a, nowhere]}\n",
        {"db", "db2"},
    ),
    case(
        "load-balancer-listeners-tls",
        many(
            "alb: {kind: load_balancer, listeners: [{protocol: HTTPS, port: 443, "
            "ssl_policy: ELBSecurityPolicy-TLS13-1-2-2021-06}, "
            "{protocol: HTTP, port: 80, redirect_to_https: true}]}",
            "gwlb: {kind: load_balancer, type: gateway}",
        ),
        many(
            "alb: {kind: load_balancer, listeners: [{protocol: HTTPS, port: 443, "
            "ssl_policy: ELBSecurityPolicy-2016-08}]}",
            "nlb: {kind: load_balancer, type: network, listeners: [{protocol: TCP, port: 5432}]}",
        ),
        {"alb", "nlb"},
        many(
            "alb: {kind: load_balancer}",
            "nopolicy: {kind: load_balancer, listeners: [{protocol: HTTPS, port: 443}]}",
        ),
        {"alb", "nopolicy"},
    ),
    case(
        "efs-mount-targets-private-subnets",
        "resources:\n  v: {kind: vpc}\n"
        "  a: {kind: subnet, vpc: v, map_public_ip_on_launch: false}\n"
        "  fs: {kind: efs_file_system, subnets: [a]}\n",
        "resources:\n  v: {kind: vpc}\n"
        "  a: {kind: subnet, vpc: v, map_public_ip_on_launch: false}\n"
        "  p: {kind: subnet, vpc: v, map_public_ip_on_launch: true}\n"
        "  fs: {kind: efs_file_system, subnets: [a, p]}\n",
        {"fs"},
        "resources:\n  v: {kind: vpc}\n  a: {kind: subnet, vpc: v}\n"
        "  fs: {kind: efs_file_system, subnets: [a]}\n  nomounts: {kind: efs_file_system}\n",
        {"fs", "nomounts"},
    ),
    # hB: resource-level facts for EKS.8, OpenSearch.4/ES.4 and ES.7.
    case(
        "eks-cluster-audit-logging",
        one("k: {kind: eks_cluster, audit_logging: true}"),
        one("k: {kind: eks_cluster, control_plane_logging: true, audit_logging: false}"),
        {"k"},
        one("k: {kind: eks_cluster, control_plane_logging: true}"),
        {"k"},
    ),
    case(
        "opensearch-domain-error-logging",
        one("s: {kind: opensearch_domain, error_logging: true}"),
        one("s: {kind: opensearch_domain, audit_logging: true, error_logging: false}"),
        {"s"},
        one("s: {kind: opensearch_domain, audit_logging: true}"),
        {"s"},
    ),
    case(
        "opensearch-domain-three-dedicated-masters",
        one("s: {kind: opensearch_domain, dedicated_master: true, dedicated_master_count: 3}"),
        many(
            "s: {kind: opensearch_domain, dedicated_master: false}",
            "two: {kind: opensearch_domain, dedicated_master: true, dedicated_master_count: 2}",
        ),
        {"s", "two"},
        one("s: {kind: opensearch_domain, dedicated_master: true}"),
        {"s"},
    ),
    case(
        "autoscaling-group-imdsv2",
        one("g: {kind: autoscaling_group, imdsv2_required: true}"),
        one("g: {kind: autoscaling_group, imdsv2_required: false}"),
        {"g"},
        one("g: {kind: autoscaling_group, public_ip: false}"),
        {"g"},
    ),
    case(
        "autoscaling-group-no-public-ip",
        one("g: {kind: autoscaling_group, public_ip: false}"),
        one("g: {kind: autoscaling_group, imdsv2_required: true, public_ip: true}"),
        {"g"},
        one("g: {kind: autoscaling_group, imdsv2_required: true}"),
        {"g"},
    ),
    case(
        "eventbridge-bus-resource-policy",
        many(
            "b: {kind: eventbridge_bus, has_policy: true}",
            "p: {kind: eventbridge_bus, policy: {Statement: [{Effect: Allow, "
            "Principal: {AWS: 'arn:aws:iam::111122223333:root'}, Action: 'events:PutEvents', "
            "Resource: '*'}]}}",
        ),
        one("b: {kind: eventbridge_bus, has_policy: false}"),
        {"b"},
        one("b: {kind: eventbridge_bus, archive_enabled: true}"),
        {"b"},
    ),
    case(
        "cognito-user-pool-strong-passwords",
        one(
            "u: {kind: cognito_user_pool, password_min_length: 8, "
            "password_requires_all_classes: true, temporary_password_days: 7}"
        ),
        many(
            "u: {kind: cognito_user_pool, password_min_length: 6, "
            "password_requires_all_classes: true, temporary_password_days: 7}",
            "c: {kind: cognito_user_pool, password_requires_all_classes: false}",
            "t: {kind: cognito_user_pool, password_min_length: 12, temporary_password_days: 30}",
        ),
        {"u", "c", "t"},
        one(
            "u: {kind: cognito_user_pool, password_min_length: 12, "
            "temporary_password_days: 7}"
        ),
        {"u"},
    ),
    case(
        "elastic-beanstalk-stream-logs",
        one("e: {kind: elastic_beanstalk_environment, stream_logs: true}"),
        one("e: {kind: elastic_beanstalk_environment, stream_logs: false}"),
        {"e"},
        one("e: {kind: elastic_beanstalk_environment, enhanced_health: true}"),
        {"e"},
    ),
    case(
        "cognito-user-pool-threat-protection-enforced",
        one("u: {kind: cognito_user_pool, advanced_security_enforced: true}"),
        many(
            "u: {kind: cognito_user_pool, advanced_security: true, "
            "advanced_security_enforced: false}",
            "off: {kind: cognito_user_pool, advanced_security: false}",
        ),
        {"u", "off"},
        one("u: {kind: cognito_user_pool, advanced_security: true}"),
        {"u"},
    ),
    # --- issue 14: RDS.14, RDS.45, AutoScaling.6, CodeBuild.3, CloudFront.8, ElastiCache.7,
    # CloudFront.16, EC2.17
    case(
        "rds-aurora-mysql-backtracking",
        many(
            "c: {kind: rds_cluster, engine: aurora-mysql, backtrack_window_s: 86400}",
            "pg: {kind: rds_cluster, engine: aurora-postgresql, backtrack_window_s: 0}",
        ),
        many(
            "c: {kind: rds_cluster, engine: aurora-mysql, backtrack_window_s: 0}",
            "old: {kind: rds_cluster, engine: aurora, backtrack_window_s: 0}",
        ),
        {"c", "old"},
        many(
            "c: {kind: rds_cluster, engine: aurora-mysql}",
            "e: {kind: rds_cluster, backtrack_window_s: 0}",
        ),
        {"c", "e"},
    ),
    case(
        "rds-aurora-mysql-audit-logging",
        many(
            "c: {kind: rds_cluster, engine: aurora-mysql, audit_logging: true}",
            "pg: {kind: rds_cluster, engine: aurora-postgresql, audit_logging: false}",
        ),
        one("c: {kind: rds_cluster, engine: aurora-mysql, audit_logging: false}"),
        {"c"},
        many(
            "c: {kind: rds_cluster, engine: aurora-mysql, log_exports: [audit]}",
            "e: {kind: rds_cluster, audit_logging: true}",
        ),
        {"c", "e"},
    ),
    case(
        "autoscaling-group-multiple-instance-types",
        one("g: {kind: autoscaling_group, multiple_instance_types: true}"),
        one("g: {kind: autoscaling_group, instance_type: m6i.large, "
            "multiple_instance_types: false}"),
        {"g"},
        one("g: {kind: autoscaling_group, instance_type: m6i.large}"),
        {"g"},
    ),
    case(
        "codebuild-s3-logs-encrypted",
        one("p: {kind: codebuild_project, s3_logs_encrypted: true}"),
        one("p: {kind: codebuild_project, s3_logs_encrypted: false}"),
        {"p"},
        one("p: {kind: codebuild_project, logging_enabled: true}"),
        {"p"},
    ),
    case(
        "cloudfront-sni",
        many(
            "d: {kind: cloudfront_distribution, uses_default_certificate: false, "
            "ssl_support_method: sni-only}",
            "dflt: {kind: cloudfront_distribution, uses_default_certificate: true}",
        ),
        many(
            "d: {kind: cloudfront_distribution, uses_default_certificate: false, "
            "ssl_support_method: vip}",
            "s: {kind: cloudfront_distribution, ssl_support_method: static-ip}",
        ),
        {"d", "s"},
        one("d: {kind: cloudfront_distribution, uses_default_certificate: false}"),
        {"d"},
    ),
    case(
        "elasticache-custom-subnet-group",
        one("c: {kind: elasticache_cluster, default_subnet_group: false}"),
        one("c: {kind: elasticache_cluster, default_subnet_group: true}"),
        {"c"},
        one("c: {kind: elasticache_cluster, engine: redis}"),
        {"c"},
    ),
    case(
        "cloudfront-lambda-url-origin-access-control",
        many(
            "fn: {kind: lambda_function}",
            "d: {kind: cloudfront_distribution, origins: [{target: fn, origin_access: oac}]}",
            "s3only: {kind: cloudfront_distribution, origins: [{domain: b.s3.amazonaws.com}]}",
        ),
        many(
            "fn: {kind: lambda_function}",
            "d: {kind: cloudfront_distribution, origins: [{target: fn, origin_access: none}]}",
            "u: {kind: cloudfront_distribution, origins: [{domain: "
            "abc123.lambda-url.eu-west-1.on.aws, origin_access: none}]}",
        ),
        {"d", "u"},
        many(
            "fn: {kind: lambda_function}",
            "d: {kind: cloudfront_distribution, origins: [{target: fn}]}",
        ),
        {"d"},
    ),
    case(
        "ec2-instance-single-eni",
        one("i: {kind: ec2_instance, network_interface_count: 1}"),
        one("i: {kind: ec2_instance, network_interface_count: 2}"),
        {"i"},
        one("i: {kind: ec2_instance, instance_type: t3.micro}"),
        {"i"},
    ),
]

# --- account settings (issue 14: EC2.7, S3.1, IAM.4, IAM.6, IAM.7, IAM.9) --------------------
S3_BLOCK_ALL = (
    "{block_public_acls: true, ignore_public_acls: true, block_public_policy: true, "
    "restrict_public_buckets: true}"
)
STRONG_POLICY = (
    "{minimum_length: 14, require_uppercase: true, require_lowercase: true, "
    "require_symbols: true, require_numbers: true}"
)
ACCOUNT_CASES: list[Case] = [
    case(
        "account-ebs-encryption-by-default",
        "account_settings:\n  - {region: us-east-1, ebs_encryption_by_default: true}\n"
        "  - {region: eu-west-1, ebs_encryption_by_default: true}\n",
        "account_settings:\n  - {region: us-east-1, ebs_encryption_by_default: true}\n"
        "  - {region: eu-west-1, ebs_encryption_by_default: false}\n",
        {None},
        "account_settings:\n  - {region: us-east-1}\n",
        {None},
    ),
    case(
        "account-s3-block-public-access",
        f"account_settings:\n  s3_public_access_block: {S3_BLOCK_ALL}\n",
        "account_settings:\n  s3_public_access_block: {block_public_acls: true, "
        "ignore_public_acls: true, block_public_policy: false, restrict_public_buckets: true}\n",
        {None},
        "account_settings:\n  s3_public_access_block: {block_public_acls: true}\n",
        {None},
    ),
    case(
        "account-iam-password-policy-strong",
        f"account_settings:\n  password_policy: {STRONG_POLICY}\n",
        "account_settings:\n  password_policy: {minimum_length: 6, require_uppercase: true, "
        "require_lowercase: true, require_symbols: false, require_numbers: true}\n",
        {None},
        "account_settings:\n  password_policy: {minimum_length: 14}\n",
        {None},
    ),
    case(
        "account-iam-password-policy-strong",
        f"account_settings:\n  password_policy: {STRONG_POLICY}\n  has_password_policy: true\n",
        "account_settings:\n  has_password_policy: false\n",  # no policy at all
        {None},
        one("b: {kind: s3}"),  # a template: the policy is not stated
        {None},
    ),
    case(
        "account-root-no-access-keys",
        "account_settings:\n  root_access_keys: false\n",
        "account_settings:\n  root_access_keys: true\n",
        {None},
        "account_settings:\n  root_mfa: true\n",
        {None},
    ),
    case(
        "account-root-mfa",
        "account_settings:\n  root_mfa: true\n",
        "account_settings:\n  root_mfa: false\n",
        {None},
        one("u: {kind: iam_user}"),
        {None},
    ),
    case(
        "account-root-hardware-mfa",
        "account_settings:\n  {root_mfa: true, root_hardware_mfa: true}\n",
        "account_settings:\n  {root_mfa: true, root_hardware_mfa: false}\n",
        {None},
        "account_settings:\n  root_mfa: true\n",
        {None},
    ),
    case(
        "account-root-hardware-mfa",
        "account_settings:\n"
        "  - {account: '111111111111', root_mfa: true, root_hardware_mfa: true}\n"
        "  - {account: '222222222222', root_mfa: true, root_hardware_mfa: true}\n",
        "account_settings:\n"
        "  - {account: '111111111111', root_mfa: true, root_hardware_mfa: true}\n"
        "  - {account: '222222222222', root_mfa: false}\n",
        {None},
    ),
]
ACCOUNT_CASES += [
    case(
        "account-ssm-documents-block-public-sharing",
        "account_settings:\n  - {region: us-east-1, ssm_documents_block_public_sharing: true}\n"
        "  - {region: eu-west-1, ssm_documents_block_public_sharing: true}\n",
        "account_settings:\n  - {region: us-east-1, ssm_documents_block_public_sharing: true}\n"
        "  - {region: eu-west-1, ssm_documents_block_public_sharing: false}\n",
        {None},
        "account_settings:\n  - {region: us-east-1, ssm_automation_cloudwatch_logging: true}\n",
        {None},
    ),
    case(
        "account-ssm-automation-cloudwatch-logging",
        "account_settings:\n  - {region: us-east-1, ssm_automation_cloudwatch_logging: true}\n",
        "account_settings:\n  - {region: us-east-1, ssm_automation_cloudwatch_logging: false}\n",
        {None},
        "account_settings:\n  - {region: us-east-1, ssm_documents_block_public_sharing: true}\n",
        {None},
    ),
    case(
        "account-emr-block-public-access",
        "account_settings:\n  - region: us-east-1\n    emr_block_public_access:\n"
        "      {enabled: true, permitted_ports: [{from_port: 22}, {from_port: 22, to_port: 22}]}\n"
        "  - {region: eu-west-1, emr_block_public_access: {enabled: true, permitted_ports: []}}\n",
        "account_settings:\n  - region: us-east-1\n    emr_block_public_access:\n"
        "      {enabled: true, permitted_ports: [{from_port: 22},\n"
        "                                        {from_port: 8080, to_port: 8090}]}\n",
        {None},
        "account_settings:\n  - {region: us-east-1, emr_block_public_access: {enabled: true}}\n",
        {None},
    ),
    case(
        "account-emr-block-public-access",
        "account_settings:\n  - {region: us-east-1, emr_block_public_access: {enabled: true, "
        "permitted_ports: []}}\n",
        "account_settings:\n  - {region: us-east-1, emr_block_public_access: {enabled: true, "
        "permitted_ports: []}}\n  - {region: eu-west-1, emr_block_public_access: "
        "{enabled: false}}\n",
        {None},
    ),
]
ACCOUNT_CASES.append(
    case(
        "ec2-default-security-group-closed",
        many(
            "d: {kind: security_group, default: true, ingress: [], egress: []}",
            "own: {kind: security_group, ingress: [{port: 443, cidr: [0.0.0.0/0]}]}",
        ),
        many(
            "d: {kind: security_group, default: true, "
            "egress: [{protocol: all, cidr: [0.0.0.0/0]}]}",
            "d2: {kind: security_group, default: true, ingress: [{protocol: all, "
            "security_group: d2}], egress: []}",
        ),
        {"d", "d2"},
        one("d: {kind: security_group, default: true}"),  # egress not read
        {"d"},
    )
)
