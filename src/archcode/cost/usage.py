"""Usage assumptions: what the model or a usage file says, else documented defaults per kind.

Precedence, field by field: the usage file's entry for the resource, the resource's own
``usage:`` in the model, the usage file's defaults for the kind, then archcode's defaults below.
Only the last are *assumed*: every output marks them.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from pydantic import ValidationError

from archcode.collectors.yaml_model import parse_yaml
from archcode.cost.regions import cloudfront_price_region
from archcode.errors import InputError, Problem
from archcode.io import read_text
from archcode.model.architecture import Architecture
from archcode.model.base import Usage
from archcode.model.registry import resolve_kind

HOURS_PER_MONTH = 730  # AWS prices a month as 730 hours

# archcode's defaults per kind (per month). Documented in docs/cost.md; marked "assumed".
DEFAULTS: dict[str, dict[str, Any]] = {
    "lambda_function": {"monthly_requests": 1_000_000, "avg_duration_ms": 100},
    "api_gateway": {"monthly_requests": 1_000_000, "cache_size_gb": 0.5},
    "cloudfront_distribution": {
        "gb_out": 100,
        "monthly_requests": 1_000_000,
        "viewer_region": "us",
        "mb_per_visit": 1,
        "visits_per_user": 1,
    },
    "s3_bucket": {"gb_stored": 100, "read_request_units": 100_000, "write_request_units": 10_000},
    "dynamodb_table": {
        "gb_stored": 1,
        "read_request_units": 1_000_000,
        "write_request_units": 1_000_000,
    },
    "nat_gateway": {"hours_per_month": HOURS_PER_MONTH, "gb_processed": 10},
    "load_balancer": {"hours_per_month": HOURS_PER_MONTH, "capacity_units": 1},
    "vpc_endpoint": {"hours_per_month": HOURS_PER_MONTH, "gb_processed": 10},
    "route53_zone": {"monthly_requests": 1_000_000},
    "ec2_instance": {"hours_per_month": HOURS_PER_MONTH},
    "autoscaling_group": {"hours_per_month": HOURS_PER_MONTH},
    "ecs_service": {"hours_per_month": HOURS_PER_MONTH},
    "eks_cluster": {"hours_per_month": HOURS_PER_MONTH},
    "elastic_beanstalk_environment": {"hours_per_month": HOURS_PER_MONTH, "capacity_units": 1},
    "rds_instance": {"hours_per_month": HOURS_PER_MONTH},
    "rds_cluster": {
        "hours_per_month": HOURS_PER_MONTH,
        "gb_stored": 10,
        "monthly_requests": 10_000_000,
    },
    "rds_proxy": {"hours_per_month": HOURS_PER_MONTH},
    "db_snapshot": {"gb_stored": 20},
    "elasticache_cluster": {"hours_per_month": HOURS_PER_MONTH},
    "opensearch_domain": {"hours_per_month": HOURS_PER_MONTH},
    "efs_file_system": {"gb_stored": 10},
    "ebs_volume": {},
    "ebs_snapshot": {"gb_stored": 20},
    "backup_vault": {"gb_stored": 50},
    "sqs_queue": {"monthly_requests": 1_000_000},
    "sns_topic": {"monthly_requests": 1_000_000},
    "eventbridge_bus": {"monthly_requests": 1_000_000},
    "step_functions_state_machine": {"monthly_requests": 100_000, "avg_duration_ms": 1000},
    "msk_cluster": {"hours_per_month": HOURS_PER_MONTH},
    "kinesis_stream": {
        "hours_per_month": HOURS_PER_MONTH,
        "gb_processed": 10,
        "monthly_requests": 1_000_000,
    },
    "kms_key": {"monthly_requests": 10_000},
    "secrets_manager_secret": {"monthly_requests": 10_000},
    "waf_web_acl": {"monthly_requests": 1_000_000},
    "shield_protection": {},
    "cognito_user_pool": {"users": 1_000},
    "cloudtrail_trail": {"monthly_requests": 0},
    "cloudwatch_log_group": {"gb_processed": 5, "gb_stored": 10},
    "cloudwatch_alarm": {},
    "xray_group": {"monthly_requests": 100_000},
    "codepipeline_pipeline": {},
    "codebuild_project": {"monthly_requests": 100, "avg_duration_ms": 300_000},
}


def defaults_markdown() -> str:
    """The table of defaults that docs/cost.md shows (a test keeps the two equal)."""
    rows = ["| kind | assumed when not given |", "|---|---|"]
    for kind, values in DEFAULTS.items():
        shown = ", ".join(
            f"`{k}: {v:,}`" if isinstance(v, int | float) else f"`{k}: {v}`"
            for k, v in values.items()
        )
        rows.append(f"| `{kind}` | {shown or 'none: priced from the model alone'} |")
    return "\n".join(rows) + "\n"


@dataclass
class ResolvedUsage:
    """The usage of one component; remembers which values were assumed."""

    kind: str
    given: Mapping[str, Any]
    assumptions: list[str] = field(default_factory=list)
    assumed_fields: set[str] = field(default_factory=set)

    def has(self, name: str) -> bool:
        return self.given.get(name) is not None

    def get(self, name: str) -> Any:
        """The given value, else the kind's default (recorded as assumed), else None."""
        value = self.given.get(name)
        if value is not None:
            return value
        default = DEFAULTS.get(self.kind, {}).get(name)
        if default is not None:
            self._assume(name, default, f"default for {self.kind}")
        return default

    def number(self, name: str, fallback: float | int = 0) -> Decimal:
        value = self.get(name)
        if value is None:
            self._assume(name, fallback, "no default")
            value = fallback
        return Decimal(str(value))

    def assume(self, name: str, value: Any, why: str) -> Any:
        """Record a value archcode chose because the model leaves it unknown (memory size ...)."""
        self._assume(name, value, why)
        return value

    def _assume(self, name: str, value: Any, why: str) -> None:
        if name not in self.assumed_fields:
            self.assumed_fields.add(name)
            shown = f"{value:,}" if isinstance(value, int | float) else str(value)
            self.assumptions.append(f"{name} = {shown} ({why})")


@dataclass(frozen=True)
class UsageFile:
    """A usage file: per-resource usage and per-kind defaults."""

    resources: dict[str, dict[str, Any]] = field(default_factory=dict)
    kinds: dict[str, dict[str, Any]] = field(default_factory=dict)
    positions: dict[str, tuple[int, int]] = field(default_factory=dict)
    name: str = ""


def resolve(
    arch: Architecture, resource_id: str, usage_file: UsageFile | None = None
) -> ResolvedUsage:
    resource = arch.resources[resource_id]
    given: dict[str, Any] = {}
    if usage_file is not None:
        given.update(usage_file.kinds.get(resource.kind, {}))
    if resource.usage is not None:
        given.update(resource.usage.model_dump(exclude_none=True))
    if usage_file is not None:
        given.update(usage_file.resources.get(resource_id, {}))
    return ResolvedUsage(resource.kind, given)


def load_usage_file(path: str, arch: Architecture) -> UsageFile:
    """Read and check a usage file against the architecture; every problem on its own line."""
    name, text = read_text(path)
    parsed = parse_yaml(text, name)
    problems = list(parsed.problems)
    data = parsed.data
    positions = parsed.positions

    def where(*path: str | int) -> tuple[int | None, int | None]:
        probe: tuple[str | int, ...] = path
        while probe and probe not in positions:
            probe = probe[:-1]
        return positions.get(probe, (1, 1)) if probe else (1, 1)

    if not isinstance(data, dict):
        raise InputError(
            [*problems, Problem(name, "a usage file is a mapping (resources, kinds)", 1, 1)]
        )
    resources: dict[str, dict[str, Any]] = {}
    kinds: dict[str, dict[str, Any]] = {}
    for key in data:
        if key not in ("resources", "kinds"):
            line, col = where(key)
            problems.append(
                Problem(
                    name, "unknown section (expected resources or kinds)", line, col, field=str(key)
                )
            )
    for section, target in (("resources", resources), ("kinds", kinds)):
        entries = data.get(section) or {}
        if not isinstance(entries, dict):
            line, col = where(section)
            problems.append(Problem(name, "must be a mapping", line, col, field=section))
            continue
        for entry, body in entries.items():
            line, col = where(section, entry)
            resource = entry if section == "resources" else None
            if section == "resources" and entry not in arch.resources:
                close = difflib.get_close_matches(str(entry), list(arch.resources), n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                problems.append(
                    Problem(name, f"no resource {entry!r} in the architecture{hint}", line, col)
                )
                continue
            key = str(entry)
            if section == "kinds":
                found = resolve_kind(key)
                if found is None:
                    problems.append(
                        Problem(name, f"unknown kind {key!r}", line, col, field="kinds")
                    )
                    continue
                key = found[0]
            if not isinstance(body, dict):
                problems.append(Problem(name, "usage is a mapping of fields", line, col, resource))
                continue
            try:
                usage = Usage.model_validate(body)
            except ValidationError as exc:
                for error in exc.errors(include_url=False):
                    loc = tuple(error["loc"])
                    fline, fcol = where(section, entry, *loc)
                    message = (
                        "unknown field" if error["type"] == "extra_forbidden" else error["msg"]
                    )
                    if error["type"] != "extra_forbidden" and "input" in error:
                        message += f" (got {str(error['input'])[:40]!r})"
                    problems.append(
                        Problem(name, message, fline, fcol, resource, ".".join(map(str, loc)))
                    )
                continue
            for message in usage_problems(usage):
                fline, fcol = where(section, entry, "gb_out_by_region")
                problems.append(Problem(name, message, fline, fcol, resource, "gb_out_by_region"))
            target[key] = usage.model_dump(exclude_none=True)
    if problems:
        raise InputError(sorted(problems, key=lambda p: (p.line or 0, p.column or 0)))
    return UsageFile(resources, kinds, {}, name)


def usage_problems(usage: Usage) -> list[str]:
    """Problems pydantic cannot see: CloudFront price-region names."""
    problems = []
    for region in [*(usage.gb_out_by_region or {})] + (
        [usage.viewer_region] if usage.viewer_region else []
    ):
        if cloudfront_price_region(region) is None:
            problems.append(
                f"unknown CloudFront price region {region!r} (us, europe, india, japan, australia, "
                "asia, south_america, south_africa, middle_east)"
            )
    return problems
