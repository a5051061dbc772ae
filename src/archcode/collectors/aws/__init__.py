"""Live AWS discovery into the typed model: read-only, paginated, honest about gaps.

`discover(Options(...), progress)` reads every chosen account, region and service group and
returns one Architecture whose `coverage` lists every read that was denied, failed or is not
supported; `to_yaml` writes it in the archcode format; `policy_document` is the least-privilege
read-only IAM policy discovery needs.
"""

from __future__ import annotations

from archcode.collectors.aws.policy import policy_document
from archcode.collectors.aws.progress import DiscoverProgress, summary
from archcode.collectors.aws.run import Options, Result, discover, groups_for
from archcode.collectors.aws.writer import to_yaml

__all__ = [
    "DiscoverProgress",
    "Options",
    "Result",
    "discover",
    "groups_for",
    "policy_document",
    "summary",
    "to_yaml",
]
