"""Read-only by construction: every botocore call discovery makes passes through this guard."""

from __future__ import annotations

import re
from typing import Any

import boto3

# Describe*, List*, Get* and BatchGet* read; nothing else is ever sent.
_READ = re.compile(r"^(Describe|List|Get|BatchGet)[A-Z]")
# The one call that is not a read by name but changes nothing: STS hands out credentials to
# read another account (--role-arn).
READ_ONLY_EXCEPTIONS = frozenset({"AssumeRole"})


class WriteRefused(RuntimeError):
    """Discovery tried an operation that is not a read; a bug, never sent to AWS."""


def is_read_only(operation: str) -> bool:
    """Whether an API operation name (DescribeVpcs) is one discovery may call."""
    return bool(_READ.match(operation)) or operation in READ_ONLY_EXCEPTIONS


def _guard(model: Any, **_: Any) -> None:
    if not is_read_only(model.name):
        raise WriteRefused(
            f"archcode discover refuses {model.service_model.service_name}:"
            f"{model.name}: not a read-only operation"
        )


def guard_session(session: boto3.Session) -> None:
    """Refuse, before it is signed and sent, any call that is not a read."""
    session.events.register("before-call", _guard, unique_id="archcode-read-only")
