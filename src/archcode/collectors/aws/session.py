"""Who discovery reads as: one boto3 session per account (profile, role ARN or environment).

Standard AWS configuration is honoured because boto3 does it: environment credentials,
shared config and credentials files, AWS_ENDPOINT_URL (and per-service endpoint variables),
the default region. Role ARNs are assumed through STS with an optional ExternalId.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import boto3
import botocore.session
from botocore.config import Config
from botocore.loaders import Loader, create_loader

from archcode.collectors.aws.readonly import guard_session

DEFAULT_REGION = "us-east-1"
SESSION_NAME = "archcode-discover"


@dataclass(frozen=True)
class Source:
    """How to get credentials for one account, before any call is made."""

    label: str
    profile: str | None = None
    role_arn: str | None = None


@dataclass(frozen=True)
class Target:
    """An account discovery can read: a session, its account id and default region."""

    label: str
    session: boto3.Session
    account: str
    default_region: str


# Parsing botocore's service models (EC2's is megabytes of JSON) is most of a small run's time;
# one loader, whose cache every account's session shares, parses each model once.
_LOADER: Loader = create_loader()


def _session(profile: str | None = None, **credentials: str) -> boto3.Session:
    core = botocore.session.get_session()
    core.register_component("data_loader", _LOADER)
    session = boto3.Session(botocore_session=core, profile_name=profile, **credentials)
    guard_session(session)
    return session


def retry_config(workers: int, default_mode: str = "standard") -> Config:
    """Retries on throttling: `default_mode` (standard; adaptive for an organisation, where
    many units share each account's request rates) unless AWS_RETRY_MODE says otherwise, six
    attempts unless AWS_MAX_ATTEMPTS says otherwise."""
    mode = os.environ.get("AWS_RETRY_MODE", default_mode)
    if mode not in ("standard", "adaptive"):
        mode = default_mode
    attempts = os.environ.get("AWS_MAX_ATTEMPTS", "")
    return Config(
        retries={"mode": mode, "max_attempts": int(attempts) if attempts.isdigit() else 6},
        max_pool_connections=max(10, workers * 2),
        user_agent_extra="archcode-discover",
    )


def sources(profiles: list[str], role_arns: list[str]) -> list[Source]:
    """Every account to read; the environment's own credentials when nothing is named."""
    found = [Source(f"profile {p}", profile=p) for p in profiles]
    found += [Source(f"role {arn}", role_arn=arn) for arn in role_arns]
    return found or [Source("default credentials")]


def open_target(source: Source, external_id: str | None, config: Config) -> Target:
    """A session for the source, with its account id (raises ClientError/BotoCoreError)."""
    base = _session(source.profile)
    region = base.region_name or DEFAULT_REGION
    session = base
    if source.role_arn:
        params = {"RoleArn": source.role_arn, "RoleSessionName": SESSION_NAME}
        if external_id:
            params["ExternalId"] = external_id
        creds = base.client("sts", region_name=region, config=config).assume_role(**params)
        c = creds["Credentials"]
        session = _session(
            aws_access_key_id=c["AccessKeyId"],
            aws_secret_access_key=c["SecretAccessKey"],
            aws_session_token=c["SessionToken"],
            region_name=region,
        )
        # The assumed role's ARN names its account: no GetCallerIdentity per account (an
        # organisation has hundreds).
        assumed = str(creds.get("AssumedRoleUser", {}).get("Arn", "")).split(":")
        if len(assumed) > 4 and assumed[4].isdigit():
            return Target(source.label, session, assumed[4], region)
    identity = session.client("sts", region_name=region, config=config).get_caller_identity()
    return Target(source.label, session, str(identity["Account"]), region)
