"""The member accounts of an AWS Organization, and how discovery reaches each of them.

Listed from the management account or a delegated administrator (``ListAccounts``, every
page); each active member is read through a role assumed in it (by default
``OrganizationAccountAccessRole``, the role Organizations creates in the accounts it makes).
Suspended and closed accounts are skipped: they cannot be read and hold nothing running.
"""

from __future__ import annotations

from dataclasses import dataclass

from botocore.config import Config

from archcode.collectors.aws.reader import Clients, Reader
from archcode.collectors.aws.session import Source, Target

DEFAULT_ROLE = "OrganizationAccountAccessRole"


@dataclass(frozen=True)
class Member:
    account: str
    name: str
    source: Source


def partition(region: str) -> str:
    if region.startswith("cn-"):
        return "aws-cn"
    if region.startswith("us-gov-"):
        return "aws-us-gov"
    return "aws"


def members(
    caller_source: Source, caller: Target, config: Config, role_name: str
) -> tuple[list[Member], list[tuple[str, str]], Reader]:
    """The active accounts to read, the skipped (account, status) pairs, and the reader whose
    gaps say why the organisation could not be listed (then no member is returned)."""
    reader = Reader(caller.account, "global", "organizations", Clients(caller.session, config))
    accounts = reader.items("list_accounts", "Accounts") or []
    found: list[Member] = []
    skipped: list[tuple[str, str]] = []
    for item in sorted(accounts, key=lambda a: str(a.get("Id"))):
        account = str(item.get("Id") or "")
        status = str(item.get("State") or item.get("Status") or "ACTIVE")
        if not account:
            continue
        if status != "ACTIVE" or item.get("Status", "ACTIVE") != "ACTIVE":
            skipped.append((account, status))
            continue
        name = str(item.get("Name") or account)
        if account == caller.account:  # the caller's own account: its credentials, no role
            found.append(Member(account, name, caller_source))
            continue
        arn = f"arn:{partition(caller.default_region)}:iam::{account}:role/{role_name}"
        found.append(Member(account, name, Source(f"account {account}", role_arn=arn)))
    return found, skipped, reader
