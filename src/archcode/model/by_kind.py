"""Resources validated by their kind: the discriminated union over every kind, built lazily.

A plain pydantic union of every kind's model builds every model's validator before the first
document is read: a third of a second, more than a small `archcode check` should take in all.
Here pydantic-core still dispatches on ``kind`` (same errors, same error locations: the tag is
part of each error's path), but each choice hands the resource to its kind's own model, whose
validator pydantic builds on first use (kind models are ``defer_build``): a document pays only
for the kinds it uses. Each choice holds the kind's registry row, not its class: the class itself
is imported (and built) when a resource of that kind is first validated. The JSON Schema is the
full union's, so `archcode schema` is unchanged.
"""

from __future__ import annotations

from functools import cache, partial, reduce
from operator import or_
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import Field, GetCoreSchemaHandler, GetJsonSchemaHandler, TypeAdapter
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, core_schema

from archcode.model.base import Resource

if TYPE_CHECKING:
    from archcode.model.registry import KindSpec


class ByKind:
    """Annotation of a field holding any registered resource: ``Annotated[Resource, ByKind()]``."""

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        from archcode.model.registry import KINDS

        choices: dict[str, CoreSchema] = {
            spec.kind: core_schema.with_info_plain_validator_function(partial(_validate, spec))
            for spec in KINDS
        }
        return core_schema.tagged_union_schema(choices, discriminator="kind")

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return handler(_full_union().core_schema)


def _validate(spec: KindSpec, value: Any, info: core_schema.ValidationInfo) -> Resource:
    # A ValidationError raised here becomes errors at this choice's location (…, id, kind, …).
    return spec.model.model_validate(value, context=info.context)


@cache
def _full_union() -> TypeAdapter[Any]:
    """The union of every kind's model, as pydantic would build it: for the JSON Schema only."""
    from archcode.model.registry import KINDS

    union = reduce(or_, (spec.model for spec in KINDS))
    annotation: Any = Annotated[union, Field(discriminator="kind")]
    return TypeAdapter(annotation)
