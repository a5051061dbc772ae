"""Context.of_kind: resources of several kinds come from the kind index, in document order."""

from __future__ import annotations

from tests.conftest import load

from archcode.rules.context import Context

DOC = """
archcode: 1
name: order
resources:
  q1: {kind: sqs_queue}
  b1: {kind: s3_bucket}
  t1: {kind: sns_topic}
  q2: {kind: sqs_queue}
  b2: {kind: s3_bucket}
"""


def test_several_kinds_keep_document_order() -> None:
    ctx = Context(load(DOC))
    assert [rid for rid, _ in ctx.of_kind("s3_bucket", "sqs_queue")] == ["q1", "b1", "q2", "b2"]
    assert [rid for rid, _ in ctx.of_kind("sqs_queue", "sqs_queue")] == ["q1", "q2"]
    assert [rid for rid, _ in ctx.of_kind("sns_topic")] == ["t1"]
    assert ctx.of_kind("kms_key", "vpc") == []
