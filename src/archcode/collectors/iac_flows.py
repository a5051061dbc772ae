"""Data flows an IaC source implies but does not write down as connections.

Importers add the flows their format shows (a function's environment naming a table, an API
integration naming a function); ``derive_flows`` then adds, as discovery does, those that
follow from the model's own fields, through VPC endpoints, and the internet in front of entry
points (collectors.flows decides them for every source).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from archcode.collectors.flows import FLOW_SOURCES, FLOW_TARGETS, derive, https

if TYPE_CHECKING:
    from archcode.collectors.iac_draft import Draft

__all__ = ["FLOW_SOURCES", "FLOW_TARGETS", "derive_flows", "https"]


def derive_flows(draft: Draft) -> None:
    derive(draft)
