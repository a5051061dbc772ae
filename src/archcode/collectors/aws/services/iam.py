"""IAM: roles, users, groups and customer managed policies from one paginated
GetAccountAuthorizationDetails, plus per-user credential facts (never the keys themselves)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from archcode.collectors.aws.draft import Ctx, tags
from archcode.collectors.aws.reader import ABSENT
from archcode.collectors.aws.services.base import ServiceGroup, api, policy_json

_AWS_POLICY = "arn:aws:iam::aws:policy/"


def _attached(ctx: Ctx, item: dict[str, Any]) -> dict[str, list[Any]]:
    arns = [p["PolicyArn"] for p in item.get("AttachedManagedPolicies") or []]
    return {
        "managed_policies": [ctx.ref(a) for a in arns if not a.startswith(_AWS_POLICY)],
        "managed_policy_arns": [a for a in arns if a.startswith(_AWS_POLICY)],
    }


def _inline(items: list[dict[str, Any]] | None) -> dict[str, Any]:
    # A document that cannot be read is None: the policy exists, its grants are unknown.
    return {p["PolicyName"]: policy_json(p.get("PolicyDocument")) for p in items or []}


def _days(when: Any) -> int | None:
    if not isinstance(when, datetime):
        return None
    return max(0, (datetime.now(UTC) - when.astimezone(UTC)).days)


def _user_credentials(ctx: Ctx, name: str) -> dict[str, Any]:
    kinds = ("iam_user",)
    out: dict[str, Any] = {}
    keys = ctx.reader.items("list_access_keys", "AccessKeyMetadata", kinds=kinds, UserName=name)
    if keys is not None:
        out["access_keys"] = [
            {"active": k.get("Status") == "Active", "age_days": _days(k.get("CreateDate"))}
            for k in keys
        ]
    mfa = ctx.reader.items("list_mfa_devices", "MFADevices", kinds=kinds, UserName=name)
    if mfa is not None:
        out["mfa_enabled"] = bool(mfa)
    login = ctx.reader.call(
        "get_login_profile", kinds=kinds, absent=("NoSuchEntity",), UserName=name
    )
    if login is ABSENT:
        out["console_access"] = False
    elif isinstance(login, dict):
        out["console_access"] = True
    return out


def collect(ctx: Ctx) -> None:
    call = api("iam_role")
    pages = ctx.reader.pages(
        call.operation,
        kinds=("iam_role", "iam_policy", "iam_user", "iam_group"),
        Filter=["User", "Role", "Group", "LocalManagedPolicy"],
    )
    if pages is None:
        return
    for page in pages:
        for role in page.get("RoleDetailList") or []:
            name = role["RoleName"]
            max_session = role.get("MaxSessionDuration")
            ctx.add(
                "iam_role",
                f"role/{name}",
                {
                    "name": name,
                    "arn": role.get("Arn"),
                    "path": role.get("Path") or "/",
                    "description": role.get("Description") or None,
                    "trust_policy": policy_json(role.get("AssumeRolePolicyDocument")),
                    **_attached(ctx, role),
                    "inline_policies": _inline(role.get("RolePolicyList")),
                    "permissions_boundary": (role.get("PermissionsBoundary") or {}).get(
                        "PermissionsBoundaryArn"
                    ),
                    "max_session_hours": max_session / 3600 if max_session else None,
                    "tags": tags(role.get("Tags")),
                },
            )
            # EC2 instances name their instance profile, not the role.
            for profile in role.get("InstanceProfileList") or []:
                ctx.alias(ctx.ref(profile.get("Arn")), ctx.ref(role.get("Arn")))
                # Elastic Beanstalk names the profile by name
                ctx.alias(ctx.ref(profile.get("InstanceProfileName")), ctx.ref(role.get("Arn")))
        for policy in page.get("Policies") or []:
            default = next(
                (v for v in policy.get("PolicyVersionList") or [] if v.get("IsDefaultVersion")),
                None,
            )
            document = policy_json((default or {}).get("Document"))
            if document is None:
                ctx.reader.gap(
                    "get_account_authorization_details",
                    "NoPolicyDocument",
                    f"policy {policy.get('Arn')} has no default version document",
                    ("iam_policy",),
                )
                continue
            name = policy.get("PolicyName") or str(policy.get("Arn", "")).rsplit("/", 1)[-1]
            ctx.add(
                "iam_policy",
                f"policy/{name}",
                {
                    "name": name,
                    "arn": policy.get("Arn"),
                    "description": policy.get("Description") or None,
                    "document": document,
                },
            )
        for group in page.get("GroupDetailList") or []:
            name = group["GroupName"]
            ctx.add(
                "iam_group",
                f"group/{name}",
                {
                    "name": name,
                    "arn": group.get("Arn"),
                    **_attached(ctx, group),
                    "inline_policies": _inline(group.get("GroupPolicyList")),
                },
            )
        for user in page.get("UserDetailList") or []:
            name = user["UserName"]
            ctx.add(
                "iam_user",
                f"user/{name}",
                {
                    "name": name,
                    "arn": user.get("Arn"),
                    **_attached(ctx, user),
                    "inline_policies": _inline(user.get("UserPolicyList")),
                    "groups": user.get("GroupList") or [],
                    **_user_credentials(ctx, name),
                    "tags": tags(user.get("Tags")),
                },
            )


GROUP = ServiceGroup(
    "iam", ("iam_role", "iam_policy", "iam_user", "iam_group"), collect, global_service=True
)
