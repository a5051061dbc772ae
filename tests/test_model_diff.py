"""Resources and connections added, removed and changed between two models."""

from __future__ import annotations

from tests.conftest import load

from archcode.reports.model_diff import diff_models

BASE = """
archcode: 1
name: base
resources:
  db: {kind: rds_instance, multi_az: false, storage_encrypted: true}
  old: {kind: sqs_queue}
  fn: {kind: lambda_function, runtime: python3.12}
  thing: {kind: sns_topic}
connections:
  - fn -> db
"""

HEAD = """
archcode: 1
name: head
resources:
  db: {kind: rds_instance, multi_az: true, storage_encrypted: true}
  new: {kind: dynamodb_table}
  fn: {kind: lambda_function, runtime: python3.12}
  thing: {kind: sqs_queue}
connections:
  - fn -> new
"""


def test_added_removed_and_changed_resources() -> None:
    diff = diff_models(load(BASE), load(HEAD))
    assert diff.added == ["new", "thing"]  # a kind change is a replacement
    assert diff.removed == ["old", "thing"]
    assert [(c.id, [(f.field, f.before, f.after) for f in c.changes]) for c in diff.changed] == [
        ("db", [("multi_az", False, True)])
    ]
    assert diff.connections_added == [("fn", "new", None, None)]
    assert diff.connections_removed == [("fn", "db", None, None)]
    assert not diff.empty


def test_a_model_against_itself_has_no_changes() -> None:
    assert diff_models(load(BASE), load(BASE)).empty
