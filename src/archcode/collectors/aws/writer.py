"""The discovered model as an archcode YAML document (what `archcode validate` reads back)."""

from __future__ import annotations

from typing import Any

import yaml

from archcode.model.architecture import Architecture
from archcode.model.base import Resource

_HEADER = (
    "# Discovered by `archcode discover`. Ids are account/region/native-id; `coverage` lists\n"
    "# every read that was denied, failed or is not supported: those facts are UNKNOWN.\n"
)


def _without_defaults(resource: Resource) -> dict[str, Any]:
    """A resource's fields, minus unknowns (None) and values equal to the default."""
    body: dict[str, Any] = resource.model_dump(mode="json", by_alias=True, exclude_none=True)
    fields = type(resource).model_fields
    for name in list(body):
        info = fields.get(name)
        if name == "kind" or info is None or info.is_required():
            continue
        default = info.get_default(call_default_factory=True)
        if default is not None and body[name] == (
            default if not hasattr(default, "model_dump") else default.model_dump(mode="json")
        ):
            del body[name]
    return body


def to_yaml(arch: Architecture) -> str:
    doc: dict[str, Any] = {"archcode": 1, "name": arch.name}
    for key in ("description", "account", "region"):
        if getattr(arch, key) is not None:
            doc[key] = getattr(arch, key)
    doc["resources"] = {}
    for rid, resource in arch.resources.items():
        body = _without_defaults(resource)
        # The document's account and region are the default: say them once.
        for key in ("account", "region"):
            if body.get(key) is not None and body[key] == doc.get(key):
                del body[key]
        doc["resources"][rid] = body
    if arch.actors:  # the internet in front of entry points
        doc["actors"] = {
            aid: actor.model_dump(mode="json", by_alias=True, exclude_none=True)
            for aid, actor in arch.actors.items()
        }
    doc["connections"] = [
        c.model_dump(mode="json", by_alias=True, exclude_none=True) for c in arch.connections
    ]
    if arch.account_names:
        doc["account_names"] = dict(arch.account_names)
    if arch.account_settings:
        doc["account_settings"] = [
            s.model_dump(mode="json", exclude_none=True) for s in arch.account_settings
        ]
    doc["coverage"] = [g.model_dump(mode="json", exclude_none=True) for g in arch.coverage]
    for gap in doc["coverage"]:
        if not gap.get("kinds"):
            gap.pop("kinds", None)
    text = yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100)
    return _HEADER + text
