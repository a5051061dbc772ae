"""Which resources an AWS Backup selection protects, by id or by tag."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from archcode.rules.analysis.memo import per_context
from archcode.rules.context import Context

if TYPE_CHECKING:
    from archcode.model.kinds.backup_plan import BackupPlan
    from archcode.model.kinds.backup_selection import BackupSelection
    from archcode.model.kinds.rds_instance import RdsInstance
else:
    from archcode.model.kinds.lazy import BackupPlan, BackupSelection, RdsInstance


@per_context
def selections_by_resource(ctx: Context) -> dict[str, list[str]]:
    """Resource id -> ids of the backup selections that select it.

    A selection names resources directly or selects by tag; with several tags, a resource that
    carries any of them is selected (AWS Backup's ``ListOfTags`` are OR-ed).
    """
    by_tag: dict[tuple[str, str], list[str]] = defaultdict(list)
    for rid, resource in ctx.arch.resources.items():
        for key, value in resource.tags.items():
            by_tag[(key, value)].append(rid)
    selected: dict[str, list[str]] = defaultdict(list)
    for sid, selection in ctx.of_kind("backup_selection"):
        assert isinstance(selection, BackupSelection)
        chosen = set(selection.resources)
        for tag in selection.selection_tags.items():
            chosen.update(by_tag.get(tag, ()))
        for rid in chosen:
            selected[rid].append(sid)
    return dict(selected)


def protecting_selections(resource_id: str, ctx: Context) -> list[str]:
    """Selections protecting a resource; an Aurora member is protected through its cluster."""
    found = list(selections_by_resource(ctx).get(resource_id, ()))
    resource = ctx.resource(resource_id)
    if isinstance(resource, RdsInstance) and resource.cluster:
        found += selections_by_resource(ctx).get(resource.cluster, ())
    return found


def copy_regions(resource_id: str, ctx: Context) -> list[str | None]:
    """Regions of the vaults that AWS Backup copies this resource's recovery points to."""
    regions: list[str | None] = []
    for sid in protecting_selections(resource_id, ctx):
        selection = ctx.resource(sid)
        assert isinstance(selection, BackupSelection)
        plan = ctx.resource(selection.plan)
        if not isinstance(plan, BackupPlan):
            continue
        for rule in plan.rules:
            for copy in rule.copy_to:
                vault = ctx.resource(copy.vault)
                regions.append(vault.region if vault is not None else None)
    return regions
