"""Which format a source is in, from the keys at the top of the parsed document."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal

import yaml

from archcode.collectors.json_text import forget_parsed, parse_for_detection
from archcode.model.architecture import Architecture

Format = Literal["archcode", "cloudformation", "terraform"]
FORMATS: tuple[str, ...] = ("auto", "archcode", "cloudformation", "terraform")

# File names a directory is searched for.
TEMPLATE_SUFFIXES = (".yaml", ".yml", ".json", ".template")

# Top-level keys that decide: CloudFormation's own (SAM's `Transform` included; a template may
# leave out `AWSTemplateFormatVersion`), Terraform's JSON (plan or state), archcode's version.
_CFN_KEYS = frozenset({"AWSTemplateFormatVersion", "Resources", "Transform"})
_TF_KEYS = frozenset({"format_version", "terraform_version"})
# Sections only a Terraform plan has.
_TF_PLAN_SECTIONS = frozenset({"planned_values", "resource_changes"})
# archcode's own top-level keys are lower case, CloudFormation's capitalised: the first key seen
# decides, so a large archcode file is not walked to its end.
_ARCHCODE_KEYS = frozenset(Architecture.model_fields)
# Only for JSON too broken to parse: the loader it goes to reports where it breaks.
_TF_VERSION = re.compile(r'"terraform_version"\s*:')
_CFN_JSON = re.compile(r'"(AWSTemplateFormatVersion|Resources)"\s*:')

_Parser: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def detect_format(text: str) -> Format:
    """archcode YAML, a CloudFormation template (YAML or JSON) or a Terraform plan/state JSON.

    The document is parsed (JSON, or YAML events up to the first deciding top-level key, so a
    large archcode file is not read twice): a Terraform JSON document has ``format_version``
    and ``terraform_version``; a template has ``Resources``, ``AWSTemplateFormatVersion`` or
    ``Transform``; anything else is taken as archcode YAML, whose loader then reports what is
    wrong with it.
    """
    if text.lstrip()[:1] in ("{", "["):
        return _json_format(text)
    for key in _top_level_keys(text):
        if key in _ARCHCODE_KEYS:
            return "archcode"
        if key in _CFN_KEYS:
            return "cloudformation"
    return "archcode"


def _json_format(text: str) -> Format:
    try:
        data = parse_for_detection(text)
    except (ValueError, RecursionError):
        if _TF_VERSION.search(text):
            return "terraform"
        return "cloudformation" if _CFN_JSON.search(text) else "archcode"
    keys = set(data) if isinstance(data, dict) else set()
    if keys >= _TF_KEYS or ("format_version" in keys and keys & {"planned_values", "values"}):
        return "terraform"
    if keys & _TF_PLAN_SECTIONS and not keys & _ARCHCODE_KEYS:
        return "terraform"  # a plan trimmed of its versions (as in test fixtures) is still one
    if keys & _CFN_KEYS and "archcode" not in keys:
        return "cloudformation"
    # The YAML loader reads an archcode document, not load_json: the parsed JSON kept for it
    # would stay alive, unused, as long as the model (a third of a JSON model's memory).
    forget_parsed()
    return "archcode"


def _top_level_keys(text: str) -> Iterator[str]:
    """The keys of the first document's top-level mapping, in order, read lazily.

    Tags such as CloudFormation's ``!Ref`` are events like any other here; a YAML error stops
    the walk (the chosen loader reports it at its line).
    """
    depth = 0
    expect_key = False
    try:
        for event in yaml.parse(text, Loader=_Parser):
            if isinstance(event, yaml.DocumentEndEvent):
                return
            if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                if depth == 0 and not isinstance(event, yaml.MappingStartEvent):
                    return  # a list is no document of ours
                depth += 1
                expect_key = depth == 1 and isinstance(event, yaml.MappingStartEvent)
                continue
            if isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                depth -= 1
                expect_key = depth == 1
                continue
            if depth == 1 and isinstance(event, yaml.ScalarEvent | yaml.AliasEvent):
                if expect_key and isinstance(event, yaml.ScalarEvent):
                    yield event.value
                expect_key = not expect_key
    except yaml.YAMLError:
        return
