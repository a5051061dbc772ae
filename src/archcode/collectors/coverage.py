"""Which model fields each source reads, and the one place where what it cannot read is said.

The sources are CloudFormation, a Terraform plan and live discovery. What a source *reads* is not
a table kept by hand: it is what its mappers fill. A CloudFormation or Terraform mapper is run on
a resource with no properties and the fields it returns are the ones it decides (a default or an
unknown); a discovery collector's fields are the keys of the dicts it passes to ``ctx.add``. The
fields a rule reads are found by scanning the rules' code for attribute names. Every such field
of every kind is either read by a source or has a reason in ``GAPS``; tests/test_source_coverage.py
fails otherwise, and checks each declared read on templates, plans and recorded API answers that
set it. docs/iac.md carries the table.

Regenerate the table with ``python -m archcode.collectors.coverage docs/iac.md``.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Literal

from archcode.collectors.beanstalk import beanstalk_fields
from archcode.model.account import AccountSettings
from archcode.model.base import RefTo
from archcode.model.registry import KINDS, KindSpec

Source = Literal["cloudformation", "terraform", "discovery"]
SOURCES: tuple[Source, ...] = ("cloudformation", "terraform", "discovery")
_PACKAGE = Path(__file__).resolve().parent.parent

# Fields a collector fills through a table of attribute names or a function shared by every
# source (Beanstalk's option settings), which the scan cannot follow.
TABLE_READS: dict[tuple[str, Source], frozenset[str]] = {
    ("load_balancer", "discovery"): frozenset(
        {"access_logs_enabled", "deletion_protection", "drop_invalid_headers", "cross_zone"}
    ),
    ("elastic_beanstalk_environment", "discovery"): frozenset(beanstalk_fields([], None)[0]),
}

# Fields judged over the model from another field a source stores (model/routing.py): read
# wherever that field is read.
JUDGED_FROM: dict[tuple[str, str], str] = {("subnet", "public"): "routes"}

# Fields an importer fills for every kind, outside the per-type mappers.
COMMON: dict[Source, frozenset[str]] = {
    "cloudformation": frozenset({"name", "description", "tags"}),
    "terraform": frozenset({"name", "tags", "region"}),
    "discovery": frozenset({"account", "region"}),
}

# Fields archcode itself states (never read from AWS): no source decision needed.
AUTHORED = frozenset({"kind", "owner", "usage", "description"})

_ANY = "*"  # a gap of every kind
# Not a kind: the model's account settings (model.account), read by discovery's account groups.
ACCOUNT = "account_settings"
ACCOUNT_FIELDS = tuple(f for f in AccountSettings.model_fields if f not in ("account", "region"))

_NO_ACCOUNT = (
    "a template does not know the account it is deployed to: the document's account applies"
)
_NO_REGION = "a stack is deployed to one region: the document's region applies"
_NO_ARN = "an ARN exists once the resource is deployed"

_CF: Source = "cloudformation"
_TF: Source = "terraform"
_LIVE: Source = "discovery"
_ZONES = (
    "a resource in subnets takes its zones from them; az is stated only for a resource pinned "
    "to one zone (a subnet, a volume)"
)
_ROOT_USER = "no Terraform resource manages the root user: state it with check --assume"
_NO_TAGS = "the calls discovery makes do not return the resource's tags (no tagging API call)"
_NO_LIVE_ARN = "the describe call returns no ARN"
_CUSTOMER = "a template or plan creates customer managed ones only: the model's default holds"
_SECRET_USE = (
    "when a secret was last read is known only to the running account (LastAccessedDate): "
    "SecretsManager.3 is judged on a discovered model"
)
_SECRET_AGE = "a secret a template or plan creates does not exist yet: it has no creation day"

# (kind or "*", field, source) -> why the source does not read the field. The one place.
GAPS: dict[tuple[str, str, Source], str] = {
    (_ANY, "account", _CF): _NO_ACCOUNT,
    (_ANY, "account", _TF): "a plan does not say which account its provider uses: the "
    "document's account applies",
    (_ANY, "region", _CF): _NO_REGION,
    (_ANY, "arn", _CF): _NO_ARN,
    (_ANY, "arn", _TF): _NO_ARN + " (a plan knows it only for resources that exist)",
    (_ANY, "az", _CF): _ZONES,
    (_ANY, "az", _TF): _ZONES,
    (_ANY, "az", _LIVE): _ZONES,
    (_ANY, "tags", _LIVE): _NO_TAGS,
    # whole kinds a source cannot hold
    (ACCOUNT, _ANY, _CF): "a template describes resources, not the account it is deployed "
    "into (most of these settings have no CloudFormation type): state them with check --assume",
    (ACCOUNT, "root_mfa", _TF): _ROOT_USER,
    (ACCOUNT, "root_hardware_mfa", _TF): _ROOT_USER,
    (ACCOUNT, "root_access_keys", _TF): _ROOT_USER,
    ("db_snapshot", _ANY, _CF): "CloudFormation has no DB snapshot, snapshot copy or export "
    "resource type (a snapshot is taken on delete with DeletionPolicy: Snapshot, or replicated "
    "with AutomaticBackupReplicationRegion): not expressible",
    ("ebs_snapshot", _ANY, _CF): "CloudFormation has no EBS snapshot resource type (a volume "
    "is snapshotted on delete with DeletionPolicy: Snapshot, or by Data Lifecycle Manager or "
    "AWS Backup policies): not expressible",
    ("security_group", "default", _CF): "AWS::EC2::SecurityGroup is never a VPC's default "
    "group (the model's false holds); rules added to a VPC's DefaultSecurityGroup attribute "
    "(AWS::EC2::SecurityGroupIngress/Egress) are not read",
    ("security_group", "default", _TF): "aws_security_group is never a VPC's default group "
    "(the model's false holds); aws_default_security_group is not mapped yet",
    # identity and ownership
    ("iam_policy", "tags", _CF): "AWS::IAM::ManagedPolicy and AWS::IAM::Policy have no tags",
    ("backup_selection", "tags", _CF): "AWS::Backup::BackupSelection has no tags",
    ("launch_template", "tags", _CF): "AWS::EC2::LaunchTemplate tags its template through "
    "TagSpecifications (ResourceType launch-template), which is not read",
    ("backup_selection", "tags", _TF): "aws_backup_selection has no tags",
    ("iam_policy", "aws_managed", _CF): _CUSTOMER,
    ("iam_policy", "aws_managed", _TF): _CUSTOMER,
    ("iam_policy", "aws_managed", _LIVE): "discovery reads customer managed policies "
    "(LocalManagedPolicy); AWS managed ones are named by ARN where attached",
    ("kms_key", "manager", _CF): _CUSTOMER,
    ("kms_key", "manager", _TF): _CUSTOMER,
    ("iam_group", "tags", _CF): "AWS::IAM::Group has no tags (IAM groups cannot be tagged)",
    ("iam_group", "tags", _TF): "aws_iam_group has no tags (IAM groups cannot be tagged)",
    # references a source does not express or does not follow
    ("ecs_service", "cluster", _CF): "the cluster is a name in the model (no ECS cluster "
    "kind); the template's reference to an AWS::ECS::Cluster is not read",
    ("ecs_service", "cluster", _TF): "the cluster is a name in the model (no ECS cluster "
    "kind); the plan's cluster ARN is not read",
    ("rds_instance", "cluster", _TF): "Terraform's cluster members are "
    "aws_rds_cluster_instance, read into their cluster (instance_class, instance_count), not "
    "aws_db_instance resources",
    ("codedeploy_application", "deploys_to", _CF): "deployment groups "
    "(AWS::CodeDeploy::DeploymentGroup) are not joined yet",
    ("codedeploy_application", "deploys_to", _TF): "deployment groups "
    "(aws_codedeploy_deployment_group) are not joined yet",
    ("codedeploy_application", "deploys_to", _LIVE): "ListDeploymentGroups is not called",
    ("db_snapshot", "exported_to", _LIVE): "DescribeExportTasks is not called",
    # facts only the running account knows
    ("secrets_manager_secret", "last_accessed_date", _CF): _SECRET_USE,
    ("secrets_manager_secret", "last_accessed_date", _TF): _SECRET_USE,
    ("secrets_manager_secret", "created_date", _CF): _SECRET_AGE,
    ("secrets_manager_secret", "created_date", _TF): _SECRET_AGE,
    ("iam_user", "mfa_enabled", _CF): "a template cannot enable an MFA device: "
    "AWS::IAM::VirtualMFADevice creates one and names its Users, but the device is enabled "
    "(EnableMFADevice, with two codes from it) by the user at run time; only discovery knows",
    ("iam_user", "mfa_enabled", _TF): "a plan cannot enable an MFA device: "
    "aws_iam_virtual_mfa_device creates one, but the device is enabled (EnableMFADevice, with "
    "two codes from it) by the user at run time; only discovery knows",
    # facts discovery does not read yet
    ("vpc", "arn", _LIVE): _NO_LIVE_ARN,
    ("internet_gateway", "arn", _LIVE): _NO_LIVE_ARN,
    ("nat_gateway", "arn", _LIVE): _NO_LIVE_ARN,
    ("vpc_endpoint", "arn", _LIVE): _NO_LIVE_ARN,
    ("ec2_instance", "arn", _LIVE): _NO_LIVE_ARN,
    ("ebs_volume", "arn", _LIVE): _NO_LIVE_ARN,
    ("ebs_snapshot", "arn", _LIVE): _NO_LIVE_ARN,
    ("launch_template", "arn", _LIVE): _NO_LIVE_ARN,
    ("backup_selection", "arn", _LIVE): _NO_LIVE_ARN,
    ("codedeploy_application", "arn", _LIVE): _NO_LIVE_ARN,
    ("s3_bucket", "website_hosting", _LIVE): "GetBucketWebsite is not called",
    ("load_balancer", "web_acl", _LIVE): "a regional web ACL's ListResourcesForWebACL is drawn "
    "as a 'protects' flow from the ACL, not set on the load balancer",
}


def gap(kind: str, field: str, source: Source) -> str | None:
    return GAPS.get((kind, field, source)) or GAPS.get((_ANY, field, source))


# --- what each source reads -------------------------------------------------------------------
def _cfn_fields(spec: KindSpec) -> set[str]:
    from archcode.collectors.cfn_eval import Evaluator
    from archcode.collectors.cfn_kinds import MAPPERS, Props
    from archcode.collectors.cfn_view import CfnResource, TemplateView
    from archcode.model.base import Location

    out: set[str] = set()
    for cfn_type in spec.cfn_types:
        mapper = MAPPERS.get(cfn_type)
        if mapper is not None:
            res = CfnResource("R", cfn_type, {}, {}, Location("coverage", 1))
            view = TemplateView({"R": res}, {"R": spec.kind})
            out |= set(mapper(Props(res, view, Evaluator({"Resources": {}}))))
    return out


def _tf_fields(spec: KindSpec) -> set[str]:
    from archcode.collectors.terraform import TfResource, _Index
    from archcode.collectors.tf_kinds import MAPPERS, TfProps

    out: set[str] = set()
    for tf_type in spec.tf_types:
        mapper = MAPPERS.get(tf_type)
        if mapper is not None:
            res = TfResource(f"{tf_type}.r", f"{tf_type}.r", tf_type, {}, {}, "")
            out |= set(mapper(TfProps(res, _Index({res.address: res}, set()))))
    return out


def _dict_keys(node: ast.AST | None) -> set[str]:
    if not isinstance(node, ast.Dict):
        return set()
    return {k.value for k in node.keys if isinstance(k, ast.Constant) and isinstance(k.value, str)}


def _variable_keys(function: ast.AST, name: str, module: dict[str, ast.FunctionDef]) -> set[str]:
    """Keys a function puts into the dict variable ``name`` (literal, update, item set)."""
    keys: set[str] = set()
    for node in ast.walk(function):
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name) and target.id == name and node.value:
                    keys |= _expr_keys(node.value, function, module)
                if (
                    isinstance(target, ast.Subscript)
                    and isinstance(target.value, ast.Name)
                    and target.value.id == name
                    and isinstance(target.slice, ast.Constant)
                ):
                    keys.add(str(target.slice.value))
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "update"
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == name
            and node.args
        ):
            keys |= _expr_keys(node.args[0], function, module)
    return keys


def _expr_keys(expr: ast.AST, function: ast.AST, module: dict[str, ast.FunctionDef]) -> set[str]:
    """Keys of the dict an expression builds: a literal, a variable, or a helper's return."""
    if isinstance(expr, ast.Dict):
        keys = _dict_keys(expr)
        for value in (v for k, v in zip(expr.keys, expr.values, strict=True) if k is None):
            keys |= _expr_keys(value, function, module)  # **spread
        return keys
    if isinstance(expr, ast.Name):
        return _variable_keys(function, expr.id, module)
    if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name) and expr.func.id in module:
        helper = module.pop(expr.func.id)  # popped: a recursive helper is read once
        try:
            return {
                key
                for node in ast.walk(helper)
                if isinstance(node, ast.Return) and node.value is not None
                for key in _expr_keys(node.value, helper, module)
            }
        finally:
            module[expr.func.id] = helper
    return set()


@cache
def _discovered() -> dict[str, frozenset[str]]:
    """Per kind, the field names the discovery collectors pass to ``ctx.add``."""
    found: dict[str, set[str]] = {}
    for path in sorted((_PACKAGE / "collectors" / "aws" / "services").glob("*.py")):
        tree = ast.parse(path.read_text())
        module = {f.name: f for f in tree.body if isinstance(f, ast.FunctionDef)}
        for function in list(module.values()):
            for call in ast.walk(function):
                if (
                    isinstance(call, ast.Call)
                    and isinstance(call.func, ast.Attribute)
                    and call.func.attr == "add"
                    and len(call.args) >= 3
                    and isinstance(call.args[0], ast.Constant)
                ):
                    keys = _expr_keys(call.args[2], function, dict(module))
                    found.setdefault(str(call.args[0].value), set()).update(keys)
                if (  # ctx.settings.append({...}): the account settings
                    isinstance(call, ast.Call)
                    and isinstance(call.func, ast.Attribute)
                    and call.func.attr == "append"
                    and isinstance(call.func.value, ast.Attribute)
                    and call.func.value.attr == "settings"
                    and call.args
                ):
                    keys = _expr_keys(call.args[0], function, dict(module))
                    found.setdefault(ACCOUNT, set()).update(keys)
    return {kind: frozenset(keys) for kind, keys in found.items()}


@cache
def reads(kind: str, source: Source) -> frozenset[str]:
    """The model fields of ``kind`` that ``source`` fills (a value, a default or unknown)."""
    if kind == ACCOUNT:
        from archcode.collectors.tf_account import READS

        if source == "terraform":
            return READS
        return _discovered().get(ACCOUNT, frozenset()) if source == "discovery" else frozenset()
    spec = next(s for s in KINDS if s.kind == kind)
    if source == "cloudformation":
        own = _cfn_fields(spec) if spec.cfn_types else set()
        common = COMMON[source] if spec.cfn_types else frozenset()
    elif source == "terraform":
        own = _tf_fields(spec) if spec.tf_types else set()
        common = COMMON[source] if spec.tf_types else frozenset()
    else:
        own = set(_discovered().get(kind, ()))
        common = COMMON[source] if spec.api else frozenset()
    # A kind-specific gap overrides the fields every kind gets (a type without tags).
    common = frozenset(f for f in common if (kind, f, source) not in GAPS)
    found = own | common | TABLE_READS.get((kind, source), frozenset())
    judged = {f for (k, f), base in JUDGED_FROM.items() if k == kind and base in found}
    return frozenset(found | judged)


# --- what the rules read ----------------------------------------------------------------------
@cache
def _rule_names() -> frozenset[str]:
    """Attribute names (and getattr names) used anywhere in the rules' code."""
    names: set[str] = set()
    for path in sorted((_PACKAGE / "rules").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Attribute):
                names.add(node.attr)
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "getattr"
                and len(node.args) > 1
                and isinstance(node.args[1], ast.Constant)
            ):
                names.add(str(node.args[1].value))
    return frozenset(names)


def rule_fields(spec: KindSpec) -> tuple[str, ...]:
    """The kind's model fields that a rule may read: by name (a safe over-approximation), and
    every reference, since graph rules follow references whatever their name."""
    names = _rule_names()
    return tuple(
        name
        for name, info in spec.model.model_fields.items()
        if name not in AUTHORED
        and (name in names or any(isinstance(m, RefTo) for m in info.metadata))
    )


Cell = tuple[bool, str | None]  # (read, gap reason)


def matrix() -> Iterator[tuple[str, str, dict[Source, Cell]]]:
    """Every (kind, rule-read field) with, per source, whether it is read and the gap reason."""
    for spec in KINDS:
        for field in rule_fields(spec):
            yield (
                spec.kind,
                field,
                {s: (field in reads(spec.kind, s), gap(spec.kind, field, s)) for s in SOURCES},
            )
    for field in ACCOUNT_FIELDS:  # the account settings the account rules read
        yield (
            ACCOUNT,
            field,
            {s: (field in reads(ACCOUNT, s), gap(ACCOUNT, field, s)) for s in SOURCES},
        )


def undecided() -> list[tuple[str, str, Source]]:
    """Cells neither read nor explained: each is a missing decision."""
    return [
        (kind, field, source)
        for kind, field, cells in matrix()
        for source, (read, reason) in cells.items()
        if not read and reason is None and _exists(kind, source)
    ]


def _exists(kind: str, source: Source) -> bool:
    """The source can hold the kind at all (otherwise the whole kind is the gap)."""
    return gap(kind, _ANY, source) is None


BEGIN = "<!-- coverage:begin (generated by python -m archcode.collectors.coverage) -->"
END = "<!-- coverage:end -->"


def coverage_markdown() -> str:
    """The generated section of docs/iac.md, markers included."""
    lines = [
        BEGIN,
        "",
        "Every model field a rule reads (by name, and every reference), per kind and source:",
        "`read` when the source's mapper or collector decides it (a value, AWS's default, or",
        "unknown when the input does not say), else `no` and the note that says why. The notes",
        "live in `src/archcode/collectors/coverage.py`. `tests/test_source_coverage.py` fails",
        "when a field has no decision, and checks that each `read` comes out of an input that",
        "sets it: CloudFormation templates and Terraform plans for every mapped type, and",
        "recorded API answers (`tests/recorded_answers.py`) for every discovery collector.",
        "",
        "| kind | field | CloudFormation | Terraform | discovery |",
        "| --- | --- | --- | --- | --- |",
    ]
    notes: dict[str, int] = {}

    def cell(kind: str, source: Source, read: bool, reason: str | None) -> str:
        if read:
            return "read"
        if not _exists(kind, source):
            reason = f"no `{kind}` from this source: {gap(kind, _ANY, source)}"
        if reason is None:
            return "**undecided**"
        return f"no [{notes.setdefault(reason, len(notes) + 1)}]"

    for kind, field, cells in matrix():
        row = " | ".join(cell(kind, s, *cells[s]) for s in SOURCES)
        lines.append(f"| `{kind}` | `{field}` | {row} |")
    lines += ["", *(f"{n}. {reason}" for reason, n in notes.items()), "", END]
    return "\n".join(lines) + "\n"


def with_coverage(text: str) -> str:
    """A document with its generated section replaced (or appended when it has none)."""
    start, end = text.find(BEGIN), text.find(END)
    if start < 0 or end < start:
        return text.rstrip("\n") + "\n\n## Source coverage\n\n" + coverage_markdown()
    return text[:start] + coverage_markdown() + text[end + len(END) :].lstrip("\n")


def section(text: str) -> str | None:
    """The generated section a document holds, markers included."""
    start, end = text.find(BEGIN), text.find(END)
    return text[start : end + len(END)] + "\n" if 0 <= start < end else None


if __name__ == "__main__":
    import sys

    if len(sys.argv) > 1:  # python -m archcode.collectors.coverage docs/iac.md
        doc = Path(sys.argv[1])
        doc.write_text(with_coverage(doc.read_text()))
    else:
        print(coverage_markdown(), end="")
