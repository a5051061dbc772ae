"""Shared bits of the check tests: small architectures and a way to run the CLI."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import pytest

from archcode.cli import main

ARCH = """\
name: shop
account: "111122223333"
region: eu-west-1
resources:
  orders-db:
    kind: rds_instance
    arn: arn:aws:rds:eu-west-1:111122223333:db:orders
    storage_encrypted: false
  users-db:
    kind: rds_instance
    storage_encrypted: true
  legacy-db:
    kind: rds_instance
  api:
    kind: lambda_function
connections:
  - {from: api, to: orders-db, protocol: postgresql, port: 5432}
"""

# A custom rule set whose outcomes do not move when the built-in catalogue grows.
RULES = """\
rules:
  - id: team-db-encrypted
    title: Databases are encrypted at rest
    severity: high
    category: encryption
    kinds: [rds_instance]
    rationale: Our data policy.
    remediation: Set storage_encrypted.
    require: {field: storage_encrypted, equals: true}
  - id: team-db-low
    title: Databases say their engine
    severity: low
    category: availability
    kinds: [rds_instance]
    require: {field: engine, exists: true}
"""


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(textwrap.dedent(text))
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def check_json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, Any]]:
    code, out, err = run(capsys, "check", "--format", "json", *args)
    assert code in (0, 1), err
    return code, json.loads(out)


def statuses(report: dict[str, Any]) -> dict[tuple[str, str], str]:
    return {(f["rule_id"], f["resource"]["id"]): f["status"] for f in report["findings"]}
