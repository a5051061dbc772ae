"""KMS: customer managed keys with rotation, aliases and key policy. AWS managed keys are not
resources of the architecture; references to them become their alias (alias/aws/rds), which
says that AWS manages them."""

from __future__ import annotations

from collections import defaultdict

from archcode.collectors.aws.draft import Ctx
from archcode.collectors.aws.services.base import ServiceGroup, listing, policy_json

_KIND = ("kms_key",)


def collect(ctx: Ctx) -> None:
    keys = listing(ctx, "kms_key", "Keys")
    if keys is None:
        return
    aliases: dict[str, list[str]] = defaultdict(list)
    for alias in ctx.reader.items("list_aliases", "Aliases", kinds=_KIND) or []:
        if alias.get("TargetKeyId"):
            aliases[alias["TargetKeyId"]].append(alias["AliasName"])
    for key in keys:
        kid = key["KeyId"]
        reply = ctx.reader.call("describe_key", kinds=_KIND, KeyId=kid)
        if not isinstance(reply, dict):
            continue
        meta = reply.get("KeyMetadata") or {}
        if meta.get("KeyManager") == "AWS":
            _aws_managed(ctx, kid, meta.get("Arn") or key.get("KeyArn"), aliases.get(kid, []))
            continue
        if meta.get("KeyState") == "PendingImport":
            continue
        rotation = None
        if meta.get("KeySpec", "SYMMETRIC_DEFAULT") == "SYMMETRIC_DEFAULT":
            status = ctx.reader.call("get_key_rotation_status", kinds=_KIND, KeyId=kid)
            if isinstance(status, dict):
                rotation = status.get("KeyRotationEnabled")
        policy = ctx.reader.call("get_key_policy", kinds=_KIND, KeyId=kid, PolicyName="default")
        names = aliases.get(kid, [])
        arn = meta.get("Arn") or key.get("KeyArn")
        ctx.add(
            "kms_key",
            kid,
            {
                "name": (names[0].removeprefix("alias/") if names else kid),
                "arn": arn,
                "description": meta.get("Description") or None,
                "manager": "customer",
                "rotation_enabled": rotation,
                "multi_region": meta.get("MultiRegion"),
                "key_spec": meta.get("KeySpec"),
                "aliases": names,
                "pending_deletion": meta.get("KeyState") == "PendingDeletion",
                "policy": policy_json(policy.get("Policy")) if isinstance(policy, dict) else None,
            },
            *names,
            *(f"arn:aws:kms:{ctx.region}:{ctx.account}:{n}" for n in names),
        )


def _aws_managed(ctx: Ctx, kid: str, arn: str | None, names: list[str]) -> None:
    alias = next((n for n in names if n.startswith("alias/aws/")), None)
    if alias is None:
        return  # without its alias, the key's ARN stays: a reference outside the model
    for name in (kid, arn):
        ctx.known_outside(ctx.ref(name), alias)


GROUP = ServiceGroup("kms", ("kms_key",), collect)
