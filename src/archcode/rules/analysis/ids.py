"""Resource objects back to their ids: per-resource rules receive the object only."""

from __future__ import annotations

from archcode.rules.analysis.memo import per_context
from archcode.rules.context import Context


@per_context
def ids_by_object(ctx: Context) -> dict[int, str]:
    """``id(resource) -> resource id``; the model is frozen, so objects are stable in a run."""
    return {id(resource): rid for rid, resource in ctx.arch.resources.items()}


def id_of(resource: object, ctx: Context) -> str:
    return ids_by_object(ctx)[id(resource)]
