"""The JSON Schema of the archcode YAML format, generated from the model and the registry."""

from __future__ import annotations

import json
from typing import Any

from archcode.model.architecture import Architecture
from archcode.model.registry import KINDS

SCHEMA_ID = "https://archcode.dev/schema/archcode.schema.json"


def architecture_schema() -> dict[str, Any]:
    """The schema, with every accepted kind name (aliases, CloudFormation types) spelled out.

    Pydantic would only list canonical kinds; editors using yaml-language-server should accept
    `kind: rds` and `kind: AWS::RDS::DBInstance` as the loader does.
    """
    schema = Architecture.model_json_schema(by_alias=True)
    definitions = schema.get("$defs", {})
    resources = schema["properties"]["resources"]
    # Constrained ids make pydantic emit patternProperties instead of additionalProperties.
    (union,) = (
        resources.get("patternProperties") or {"": resources["additionalProperties"]}
    ).values()
    mapping: dict[str, str] = union["discriminator"]["mapping"]
    for spec in KINDS:
        reference = mapping[spec.kind]
        definition = definitions[reference.rsplit("/", 1)[-1]]
        names = [spec.kind, *spec.aliases, *spec.cfn_types]
        definition["properties"]["kind"] = {
            "enum": names,
            "title": "Kind",
            "description": spec.title,
        }
        definition.setdefault("required", [])
        if "kind" not in definition["required"]:
            definition["required"].insert(0, "kind")
        for name in names[1:]:
            mapping[name] = reference
    # The loader also takes a connection as "a -> b"; pydantic cannot see that shorthand.
    connection = schema["properties"]["connections"]["items"]
    schema["properties"]["connections"]["items"] = {
        "anyOf": [{"type": "string", "pattern": "^.*\\S.*->.*\\S.*$"}, connection]
    }
    schema["patternProperties"] = {"^x-": {"description": "Ignored: a place for YAML anchors."}}
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    schema["title"] = "archcode architecture"
    return schema


def schema_text() -> str:
    """The schema as stable, indented JSON (what `archcode schema` prints and schema/ holds)."""
    return json.dumps(architecture_schema(), indent=2, sort_keys=True) + "\n"
