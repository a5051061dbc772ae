"""A real moto server over HTTP for the discovery tests, and the AWS environment that reaches it.

The fixtures built on these (`moto_url`, `aws_env`) are registered in tests/conftest.py, so every
discovery test module shares one server and starts from an empty account (`aws_env` resets
moto once per module).
"""

from __future__ import annotations

import io
import socket
import urllib.request
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import boto3
import pytest

ACCOUNT_A = "123456789012"  # moto's default account: plain credentials land here
ACCOUNT_B = "210987654321"  # reached through STS AssumeRole (moto trusts any role ARN)
EXTERNAL_ID = "archcode-test-external-id"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def moto_server() -> Iterator[str]:
    """A ThreadedMotoServer on 127.0.0.1; yields its URL."""
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


def reset(moto_url: str) -> None:
    """Forget every resource the server holds (all accounts, all regions)."""
    request = urllib.request.Request(f"{moto_url}/moto-api/reset", method="POST")
    urllib.request.urlopen(request, timeout=10).close()


@contextmanager
def aws_environment(moto_url: str, config_dir: Path) -> Iterator[dict[str, str]]:
    """Fake credentials and AWS_ENDPOINT_URL: every boto3 client talks to the moto server."""
    empty = config_dir / "none"
    env = {
        "AWS_ENDPOINT_URL": moto_url,
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_MAX_ATTEMPTS": "2",  # moto answers unimplemented calls with a retryable 500
        "AWS_CONFIG_FILE": str(empty),
        "AWS_SHARED_CREDENTIALS_FILE": str(empty),
    }
    with pytest.MonkeyPatch.context() as mp:
        for key in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_REGION"):
            mp.delenv(key, raising=False)
        for key, value in env.items():
            mp.setenv(key, value)
        reset(moto_url)
        yield env


def session_in(account: str, region: str = "us-east-1") -> boto3.Session:
    """Credentials for another moto account, obtained the way discover gets them."""
    creds = boto3.client("sts").assume_role(
        RoleArn=f"arn:aws:iam::{account}:role/seeder", RoleSessionName="seed"
    )["Credentials"]
    return boto3.Session(
        aws_access_key_id=creds["AccessKeyId"],
        aws_secret_access_key=creds["SecretAccessKey"],
        aws_session_token=creds["SessionToken"],
        region_name=region,
    )


def lambda_zip() -> bytes:
    """The smallest deployment package moto accepts."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr("app.py", "def handler(event, context):\n    return 1\n")
    return buf.getvalue()


@contextmanager
def aws_shaped_cloudfront() -> Iterator[None]:
    """Make moto's CloudFront answers carry what AWS's do, for as long as the block runs.

    moto 5.2.1 stores a distribution's whole configuration but serialises ListDistributions'
    summaries without the members AWS always returns (Origins, DefaultCacheBehavior, Comment,
    ViewerCertificate, WebACLId ...), and drops an origin's S3OriginConfig and
    OriginAccessControlId. The server runs in this process, so its model classes are completed
    from what moto stored; the collector is then tested against AWS's documented shape.
    """
    from moto.cloudfront.models import Distribution, Origin

    def summary_member(self: Any, name: str) -> Any:
        config = self.__dict__.get("distribution_config")
        if config is None or name.startswith("__"):
            raise AttributeError(name)
        return getattr(config, name)

    real_init = Origin.__init__

    def origin_init(self: Any, origin: dict[str, Any]) -> None:
        real_init(self, origin)
        self.s3_origin_config = origin.get("S3OriginConfig")
        self.origin_access_control_id = origin.get("OriginAccessControlId") or ""

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(Distribution, "__getattr__", summary_member, raising=False)
        mp.setattr(Origin, "__init__", origin_init)
        yield
