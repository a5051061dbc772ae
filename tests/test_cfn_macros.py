"""A template that names a macro archcode cannot run is read as written, and says so."""

from __future__ import annotations

import textwrap

import pytest

from archcode.collectors.cloudformation import load_cloudformation, parse

BODY = """
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties: {RoleName: r}
"""


def warnings(head: str) -> list[str]:
    draft = load_cloudformation([parse(textwrap.dedent(head) + BODY, "t.yaml")], "t")
    draft.build()
    return [p.message for p in draft.diagnostics if "Transform" in p.message]


@pytest.mark.parametrize(
    ("head", "named"),
    [
        ("Transform: ExecutionRoleBuilder\n", ["ExecutionRoleBuilder"]),
        ("Transform: [AWS::Serverless-2016-10-31, Count]\n", ["Count"]),
        ("Transform: [AWS::LanguageExtensions]\n", ["AWS::LanguageExtensions"]),
        (
            "Transform: {Name: AWS::Include, Parameters: {Location: s3://b/k}}\n",
            ["AWS::Include"],
        ),
        ("Transform: AWS::Serverless-2016-10-31\n", []),
        ("", []),
    ],
)
def test_each_unexpanded_macro_is_one_warning(head: str, named: list[str]) -> None:
    found = warnings(head)
    assert len(found) == len(named)
    for message, name in zip(found, named, strict=True):
        assert message.startswith(f"Transform {name} is not expanded")
