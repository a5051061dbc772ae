"""Which format a source is in, from a cheap look at its text (no full parse)."""

from __future__ import annotations

import re
from typing import Literal

Format = Literal["archcode", "cloudformation", "terraform"]
FORMATS: tuple[str, ...] = ("auto", "archcode", "cloudformation", "terraform")

# File names a directory is searched for.
TEMPLATE_SUFFIXES = (".yaml", ".yml", ".json", ".template")

_HEAD = 64 * 1024  # the markers sit near the top of real files
_CFN_YAML = re.compile(r"^(AWSTemplateFormatVersion|Transform|Resources)\s*:", re.MULTILINE)
_CFN_JSON = re.compile(r'"(AWSTemplateFormatVersion|Resources)"\s*:')
_TF_VERSION = re.compile(r'"terraform_version"\s*:')
_TF_FORMAT = re.compile(r'"format_version"\s*:')


def detect_format(text: str) -> Format:
    """archcode YAML, a CloudFormation template (YAML or JSON) or a Terraform plan/state JSON.

    A Terraform JSON document says ``format_version`` and ``terraform_version``; a template has
    a top-level ``Resources`` (capitalised) or ``AWSTemplateFormatVersion``; anything else is
    taken as archcode YAML, whose loader then reports what is wrong with it.
    """
    head = text[:_HEAD]
    if head.lstrip().startswith("{"):
        if _TF_VERSION.search(head) and _TF_FORMAT.search(head):
            return "terraform"
        if _CFN_JSON.search(head) or _CFN_JSON.search(text):
            return "cloudformation"
        return "archcode"
    if _CFN_YAML.search(head) or (len(text) > _HEAD and _CFN_YAML.search(text)):
        return "cloudformation"
    return "archcode"
