"""Models loaded from a document share their fields sets, and stay the same models."""

from __future__ import annotations

from archcode.collectors.yaml_model import load_yaml_model
from archcode.model.compact import share_fields_sets

DOC = """name: shared
resources:
  a: {kind: sqs_queue, encryption: sse-sqs}
  b: {kind: sqs_queue, encryption: sse-sqs}
  c: {kind: sqs_queue}
  f: {kind: lambda_function, runtime: python3.12, usage: {monthly_requests: 1}}
  g: {kind: lambda_function, runtime: python3.12, usage: {monthly_requests: 2}}
"""


def test_resources_given_the_same_fields_share_one_set() -> None:
    arch = load_yaml_model(DOC, "shared.yaml")
    r = arch.resources
    assert r["a"].model_fields_set is r["b"].model_fields_set
    assert r["a"].model_fields_set is not r["c"].model_fields_set
    assert r["c"].model_fields_set == {"kind"}
    usage_f, usage_g = r["f"].usage, r["g"].usage
    assert usage_f is not None and usage_g is not None
    assert usage_f.model_fields_set is usage_g.model_fields_set  # nested models too


def test_sharing_changes_neither_dumps_nor_copies() -> None:
    arch = load_yaml_model(DOC, "shared.yaml")
    before = arch.model_dump(exclude_unset=True)
    share_fields_sets(arch)
    assert arch.model_dump(exclude_unset=True) == before
    a, b = arch.resources["a"], arch.resources["b"]
    copied = a.model_copy(update={"name": "renamed"})
    assert "name" in copied.model_fields_set
    assert "name" not in b.model_fields_set  # the shared set was not changed by the copy
    assert b.model_dump(exclude_unset=True) == {"kind": "sqs_queue", "encryption": "sse-sqs"}
