"""The one way collectors call AWS: paginated reads, gaps recorded, raw responses kept.

A reader is bound to one (account, region, service) task. A failed call never raises: it is
recorded as a coverage gap (account, region, service, operation, error code) and the caller
gets None, so the facts it would have given stay UNKNOWN in the model. The exception is a
call botocore refuses before sending it (``ParamValidationError``): that is archcode's own
bug, not something the account did not show, and it propagates (``discover`` exits 3).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError, ParamValidationError
from botocore.parsers import ResponseParserError

from archcode.collectors.aws.redact import redact
from archcode.io import write_output
from archcode.model.architecture import CoverageGap

# Some services answer errors in a shape botocore cannot parse (moto's XML for JSON APIs, a
# proxy's HTML page): botocore then reports the HTTP status as the code.
_STATUS_CODES = {
    "400": "BadRequest",
    "403": "AccessDenied",
    "404": "NotFound",
    "429": "Throttling",
    "500": "InternalError",
    "501": "NotImplemented",
    "503": "ServiceUnavailable",
}


def error_code(exc: ClientError) -> str:
    """The AWS error code of a failed call (AccessDenied, UnauthorizedOperation ...)."""
    code = str(exc.response.get("Error", {}).get("Code") or "ClientError")
    return _STATUS_CODES.get(code, f"HTTP{code}") if code.isdigit() else code


# Raised when an endpoint answers something that is not the API's format (an HTML error page).
_UNREADABLE = (BotoCoreError, ResponseParserError)


class _Absent:
    """A read that succeeded and says the thing is not there (no bucket policy, say)."""

    def __repr__(self) -> str:
        return "ABSENT"


ABSENT = _Absent()


# Clients are thread-safe once made; making them is not (and the accounts' sessions share one
# model loader), so every client is made under this lock.
_CREATE = threading.Lock()


@dataclass
class Clients:
    """boto3 clients of one account, shared by its tasks."""

    session: boto3.Session
    config: Config
    _cache: dict[tuple[str, str], Any] = field(default_factory=dict)

    def get(self, service: str, region: str) -> Any:
        with _CREATE:
            key = (service, region)
            if key not in self._cache:
                self._cache[key] = self.session.client(
                    service, region_name=region, config=self.config
                )
            return self._cache[key]


@dataclass
class Reader:
    account: str
    region: str
    service: str
    clients: Clients
    raw_dir: Path | None = None
    home_region: str | None = None  # where a global service is called (CloudFront WAF: us-east-1)
    gaps: list[CoverageGap] = field(default_factory=list)
    calls: int = 0
    _seq: int = 0

    def client(self, service: str | None = None, region: str | None = None) -> Any:
        return self.clients.get(service or self.service, region or self._call_region)

    @property
    def _call_region(self) -> str:
        if self.region != "global":
            return self.region
        return self.home_region or self.clients.session.region_name or "us-east-1"

    def call(
        self,
        operation: str,
        *,
        kinds: tuple[str, ...] = (),
        absent: tuple[str, ...] = (),
        service: str | None = None,
        region: str | None = None,
        **params: Any,
    ) -> dict[str, Any] | _Absent | None:
        """One read; ABSENT when AWS answers with one of the `absent` error codes."""
        service = service or self.service
        self.calls += 1
        try:
            response: dict[str, Any] = getattr(self.client(service, region), operation)(**params)
        except ParamValidationError:
            raise  # archcode asked wrongly: a bug, never a coverage gap
        except ClientError as exc:
            code = error_code(exc)
            if code in absent:
                return ABSENT
            self.gap(operation, code, str(exc), kinds, service, region)
            return None
        except _UNREADABLE as exc:
            self.gap(operation, type(exc).__name__, str(exc), kinds, service, region)
            return None
        response.pop("ResponseMetadata", None)
        self._dump(service, region, operation, response)
        return response

    def pages(
        self,
        operation: str,
        *,
        kinds: tuple[str, ...] = (),
        service: str | None = None,
        region: str | None = None,
        **params: Any,
    ) -> list[dict[str, Any]] | None:
        """Every page of a paginated read, or None (and a gap) when any page fails."""
        service = service or self.service
        client = self.client(service, region)
        if not client.can_paginate(operation):
            one = self.call(operation, kinds=kinds, service=service, region=region, **params)
            return [one] if isinstance(one, dict) else None
        found: list[dict[str, Any]] = []
        try:
            for page in self._paginate(client, operation, params):
                page.pop("ResponseMetadata", None)
                self._dump(service, region, operation, page)
                found.append(page)
        except ParamValidationError:
            raise  # archcode asked wrongly: a bug, never a coverage gap
        except ClientError as exc:
            code = error_code(exc)
            self.gap(operation, code, str(exc), kinds, service, region)
            return None
        except _UNREADABLE as exc:
            self.gap(operation, type(exc).__name__, str(exc), kinds, service, region)
            return None
        return found

    def items(self, operation: str, key: str, **kwargs: Any) -> list[Any] | None:
        """The `key` list of every page, flattened; None when the read failed."""
        pages = self.pages(operation, **kwargs)
        if pages is None:
            return None
        return [item for page in pages for item in page.get(key) or []]

    def _paginate(self, client: Any, operation: str, params: dict[str, Any]) -> Iterator[Any]:
        for page in client.get_paginator(operation).paginate(**params):
            self.calls += 1
            yield page

    def gap(
        self,
        operation: str,
        error: str,
        message: str = "",
        kinds: tuple[str, ...] = (),
        service: str | None = None,
        region: str | None = None,
    ) -> None:
        self.gaps.append(
            CoverageGap(
                account=self.account,
                region=region or self.region,
                service=service or self.service,
                operation=operation,
                error=error,
                message=" ".join(message.split())[:300] or None,
                kinds=list(kinds),
            )
        )

    def _dump(self, service: str, region: str | None, operation: str, data: Any) -> None:
        if self.raw_dir is None:
            return
        self._seq += 1
        where = self.raw_dir / self.account / (region or self.region) / service
        where.mkdir(parents=True, exist_ok=True)
        text = json.dumps(redact(data), indent=1, default=str, sort_keys=True)
        # Named by the task's own service too: two tasks may read the same API (DynamoDB asks KMS).
        name = f"{operation}-{self.service}-{self._seq:04d}.json"
        write_output(str(where / name), text + "\n")
