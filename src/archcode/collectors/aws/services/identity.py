"""Cognito user pools, Shield Advanced protections and MSK (Kafka) clusters."""

from __future__ import annotations

from typing import Any

from archcode.collectors.aws.draft import Ctx
from archcode.collectors.aws.services.base import ServiceGroup, api, listing

_POOL, _SHIELD, _MSK = ("cognito_user_pool",), ("shield_protection",), ("msk_cluster",)
_CLASSES = ("Lowercase", "Uppercase", "Numbers", "Symbols")


def collect_cognito(ctx: Ctx) -> None:
    for summary in listing(ctx, "cognito_user_pool", "UserPools", MaxResults=60) or []:
        reply = ctx.reader.call("describe_user_pool", kinds=_POOL, UserPoolId=summary["Id"])
        if not isinstance(reply, dict):  # listed but not read: kept, its facts unknown
            ctx.add("cognito_user_pool", f"userpool/{summary['Id']}", {"name": summary.get("Name")})
            continue
        pool = reply.get("UserPool") or {}
        mode = (pool.get("UserPoolAddOns") or {}).get("AdvancedSecurityMode")
        mfa = pool.get("MfaConfiguration")
        passwords = (pool.get("Policies") or {}).get("PasswordPolicy") or {}
        classes = [passwords.get(f"Require{c}") for c in _CLASSES]
        ctx.add(
            "cognito_user_pool",
            f"userpool/{summary['Id']}",
            {
                "name": pool.get("Name") or summary.get("Name"),
                "arn": pool.get("Arn"),
                "mfa": mfa if mfa in ("OFF", "ON", "OPTIONAL") else None,
                "advanced_security": mode in ("AUDIT", "ENFORCED") if mode else None,
                "advanced_security_enforced": mode == "ENFORCED" if mode else None,
                "password_min_length": passwords.get("MinimumLength"),
                "password_requires_all_classes": False
                if False in classes
                else (True if all(c is True for c in classes) else None),
                "temporary_password_days": passwords.get("TemporaryPasswordValidityDays"),
                "deletion_protection": pool.get("DeletionProtection") == "ACTIVE"
                if pool.get("DeletionProtection")
                else None,
            },
        )


def collect_shield(ctx: Ctx) -> None:
    call = api("shield_protection")
    # Without a Shield Advanced subscription the answer is "not found": no protections.
    reply = ctx.reader.call(call.operation, kinds=_SHIELD, absent=("ResourceNotFoundException",))
    for protection in (reply.get("Protections") or []) if isinstance(reply, dict) else []:
        ctx.add(
            "shield_protection",
            f"shield/{protection.get('Id') or protection['Name']}",
            {
                "name": protection.get("Name"),
                "arn": protection.get("ProtectionArn"),
                "protects": ctx.refs([protection.get("ResourceArn")]),
            },
        )


def _msk_fields(ctx: Ctx, info: dict[str, Any]) -> dict[str, Any]:
    prov = info.get("Provisioned") or {}
    nodes = prov.get("BrokerNodeGroupInfo") or {}
    enc = prov.get("EncryptionInfo") or {}
    transit = enc.get("EncryptionInTransit") or {}
    public = ((nodes.get("ConnectivityInfo") or {}).get("PublicAccess") or {}).get("Type")
    logs = (prov.get("LoggingInfo") or {}).get("BrokerLogs") or {}
    storage = ((nodes.get("StorageInfo") or {}).get("EbsStorageInfo") or {}).get("VolumeSize")
    auth = (prov.get("ClientAuthentication") or {}).get("Unauthenticated") or {}
    client = transit.get("ClientBroker")
    return {
        "kafka_version": (prov.get("CurrentBrokerSoftwareInfo") or {}).get("KafkaVersion"),
        "broker_instance_type": nodes.get("InstanceType"),
        "broker_count": prov.get("NumberOfBrokerNodes"),
        "storage_gb_per_broker": storage,
        "client_broker_encryption": client
        if client in ("TLS", "TLS_PLAINTEXT", "PLAINTEXT")
        else None,
        "in_cluster_encryption": transit.get("InCluster"),
        "kms_key": ctx.ref((enc.get("EncryptionAtRest") or {}).get("DataVolumeKMSKeyId")),
        "public_access": public not in (None, "DISABLED") if public else None,
        "unauthenticated_access": auth.get("Enabled"),
        "broker_logging": any(
            (logs.get(k) or {}).get("Enabled") for k in ("CloudWatchLogs", "Firehose", "S3")
        )
        if logs
        else None,
        "subnets": ctx.refs(nodes.get("ClientSubnets")),
        "security_groups": ctx.refs(nodes.get("SecurityGroups")),
    }


def collect_msk(ctx: Ctx) -> None:
    for info in listing(ctx, "msk_cluster", "ClusterInfoList") or []:
        fields = {"name": info["ClusterName"], "arn": info.get("ClusterArn")}
        if info.get("ClusterType") != "SERVERLESS":
            fields.update(_msk_fields(ctx, info))
        ctx.add("msk_cluster", f"msk/{info['ClusterName']}", fields)


GROUPS = (
    ServiceGroup("cognito", _POOL, collect_cognito),
    ServiceGroup("shield", _SHIELD, collect_shield, global_service=True, home_region="us-east-1"),
    ServiceGroup("kafka", _MSK, collect_msk),
)
