"""Everything the tasks found, made into one valid Architecture.

Handles become ids (or stay the ARN or AWS id they are when they name nothing discovered:
a reference outside the model; other values are dropped), every resource is
validated against its kind's model (a field AWS filled in a way the model refuses is dropped
and noted as a gap, rather than losing the resource), and connections are added for the data
flows the account shows (those the resources' fields imply are derived by collectors.flows,
as for templates and plans), security-group reachability included.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from pydantic import ValidationError

from archcode.collectors.aws.draft import Found, Handle, Link
from archcode.collectors.flows import Flows, derive
from archcode.model.architecture import Architecture, CoverageGap
from archcode.model.partial import null_bad_entries
from archcode.model.refs import is_outside
from archcode.model.registry import BY_KIND


class Index:
    """Every name a discovered resource is known by → its id."""

    def __init__(
        self,
        found: list[Found],
        aliases: list[tuple[Handle, Handle]],
        outside: Sequence[tuple[Handle, str]] = (),
    ) -> None:
        self._global: dict[str, str] = {}
        self._local: dict[tuple[str, str, str], str] = {}
        self._account: dict[tuple[str, str], str | None] = {}
        self.outside = {(h.value, h.account, h.region): value for h, value in outside}
        for item in found:
            for handle in item.handles:
                self._register(handle, item.rid)
        for alias, target in aliases:
            rid = self.get(target)
            if rid is not None:
                self._register(alias, rid)

    def _register(self, handle: Handle, rid: str) -> None:
        if handle.account is None:
            self._global.setdefault(handle.value, rid)
            return
        self._local.setdefault((handle.account, handle.region or "global", handle.value), rid)
        key = (handle.account, handle.value)
        # The same name in two regions is ambiguous without a region: refuse to guess.
        if key in self._account and self._account[key] != rid:
            self._account[key] = None
        else:
            self._account[key] = rid

    def get(self, handle: Handle | str) -> str | None:
        if isinstance(handle, str):
            return handle
        if handle.account is None:
            return self._global.get(handle.value)
        found = self._local.get((handle.account, handle.region or "global", handle.value))
        return found or self._account.get((handle.account, handle.value))


def _resolve(value: Any, index: Index) -> Any:
    if isinstance(value, Handle):
        found = index.get(value)
        known = index.outside.get((value.value, value.account, value.region))
        if found is None and known is not None:
            return known  # read, and kept outside the model on purpose: alias/aws/rds
        if found is None and is_outside(value.value):
            # Not discovered here (another account, a region not read, a read denied): the
            # reference is kept as AWS wrote it, outside the model, so it still counts as set.
            return value.value
        return found
    if isinstance(value, dict):
        return {k: _resolve(v, index) for k, v in value.items()}
    if isinstance(value, list):
        out = [_resolve(v, index) for v in value]
        return [v for v in out if v is not None]
    return value


def _unreadable(item: Found, body: dict[str, Any], name: str) -> CoverageGap:
    return CoverageGap(
        account=body.get("account"),
        region=body.get("region"),
        service="archcode",
        operation=f"model:{item.kind}.{name}",
        error="UnreadableValue",
        message=f"{item.rid}: value of {name} not understood, left unknown",
        kinds=[item.kind],
    )


def _valid_body(item: Found, body: dict[str, Any], gaps: list[CoverageGap]) -> dict[str, Any]:
    """The body, minus any top-level field the kind's model refuses (noted as a gap)."""
    model = BY_KIND[item.kind].model
    for _ in range(5):
        try:
            model.model_validate(body)
            return body
        except ValidationError as exc:
            errors = exc.errors()
        # One refused entry of a map (an inline policy) is unknown; its siblings stay known.
        body, nulled = null_bad_entries(model, body, errors)
        if nulled:
            gaps += [_unreadable(item, body, path) for path in nulled]
            continue
        bad = {str(e["loc"][0]) for e in errors if e["loc"]}
        bad -= {"kind", "account", "region"}
        if not bad:
            model.model_validate(body)  # raises: the kind itself is refused
        for name in sorted(bad):
            body.pop(name, None)
            gaps.append(_unreadable(item, body, name))
    model.model_validate(body)
    return body


def _reachability(resources: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Resource A → resource B when a group of B admits traffic from a group of A."""
    members: dict[str, list[str]] = defaultdict(list)
    for rid, body in resources.items():
        if body["kind"] == "security_group":
            continue
        for group in body.get("security_groups") or []:
            members[group].append(rid)
    flows: dict[tuple[str, str], dict[str, Any]] = {}
    for gid, body in resources.items():
        if body["kind"] != "security_group":
            continue
        for rule in body.get("ingress") or []:
            source_group = rule.get("security_group")
            # A group that admits itself (the default group does) would connect every member
            # to every other: peer traffic inside one group is not drawn.
            if not source_group or source_group == gid:
                continue
            port = rule.get("port")
            if port is None and rule.get("from_port") == rule.get("to_port"):
                port = rule.get("from_port")
            for source in members.get(source_group, []):
                for target in members.get(gid, []):
                    if source != target and (source, target) not in flows:
                        flows[(source, target)] = {
                            "from": source,
                            "to": target,
                            "protocol": "tcp" if rule.get("protocol") == "tcp" else None,
                            "port": port if isinstance(port, int) and port >= 0 else None,
                            "label": "security group allows",
                        }
    return [{k: v for k, v in flow.items() if v is not None} for flow in flows.values()]


def distinct_ids(found: list[Found]) -> list[Found]:
    """Resources of different kinds that share a name (a function and a table both called
    "orders") would share an id: each of those takes its kind into its id instead, so that no
    resource is lost and the choice does not depend on the order the services were read in."""
    kinds: dict[str, set[str]] = defaultdict(set)
    for item in found:
        kinds[item.rid].add(item.kind)
    clashing = {rid for rid, seen in kinds.items() if len(seen) > 1}
    if not clashing:
        return found
    return [
        replace(item, rid=_with_kind(item.rid, item.kind)) if item.rid in clashing else item
        for item in found
    ]


def _with_kind(rid: str, kind: str) -> str:
    account, region, local = rid.split("/", 2)
    return f"{account}/{region}/{kind}/{local}"


def assemble(
    name: str,
    found: list[Found],
    links: list[Link],
    aliases: list[tuple[Handle, Handle]],
    gaps: list[CoverageGap],
    accounts: list[str],
    regions: list[str],
    outside: Sequence[tuple[Handle, str]] = (),
    settings: Sequence[dict[str, Any]] = (),
    names: dict[str, str] | None = None,
) -> Architecture:
    found = distinct_ids(found)
    index = Index(found, aliases, outside)
    gaps = list(gaps)
    resources: dict[str, dict[str, Any]] = {}
    for item in found:
        if item.rid in resources:
            continue
        resources[item.rid] = _valid_body(item, _resolve(item.fields, index), gaps)
    connections: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for link in links:
        source, target = index.get(link.source), index.get(link.target)
        if source and target and source != target and (source, target) not in seen:
            seen.add((source, target))
            flow = {"from": source, "to": target, "protocol": link.protocol, "port": link.port}
            flow["label"] = link.label
            connections.append({k: v for k, v in flow.items() if v is not None})
    for flow in _reachability(resources):
        pair = (str(flow["from"]), str(flow["to"]))
        if pair not in seen:
            seen.add(pair)
            connections.append(flow)
    # Flows the resources' fields imply (a proxy's targets, a distribution's origins, a rule's
    # targets), through VPC endpoints, and the internet in front of entry points: decided once
    # for every source in collectors.flows.
    flows = Flows(resources, {(str(c["from"]), str(c["to"])): c for c in connections})
    derive(flows)
    doc: dict[str, Any] = {
        "name": name,
        "description": "Discovered from live AWS by archcode discover.",
        "resources": resources,
        "actors": flows.actors,
        "connections": list(flows.connections.values()),
        "coverage": [g.model_dump() for g in gaps],
    }
    if settings:  # one item per (account, region): the global reads and each region's
        merged: dict[tuple[Any, Any], dict[str, Any]] = {}
        for setting in settings:
            merged.setdefault((setting.get("account"), setting.get("region")), {}).update(setting)
        doc["account_settings"] = list(merged.values())
    if names:  # an organisation's active accounts, those that could not be read too
        doc["account_names"] = dict(sorted(names.items()))
    if len(accounts) == 1:
        doc["account"] = accounts[0]
    if len(regions) == 1:
        doc["region"] = regions[0]
    return Architecture.model_validate(doc)
