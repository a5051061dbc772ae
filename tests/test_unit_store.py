"""Units' results as JSON in a state directory: the round trip, and what is refused."""

from __future__ import annotations

import pickle
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from archcode.collectors.aws import unitcodec
from archcode.collectors.aws.draft import Found, Handle, Link
from archcode.collectors.aws.session import Source
from archcode.collectors.aws.units import Unit, UnitResult
from archcode.collectors.aws.unitstore import DirStore
from archcode.model.architecture import CoverageGap

ACCOUNT = "111122223333"


def unit(group: str = "messaging") -> Unit:
    return Unit(Source("default"), None, ACCOUNT, "eu-west-1", group, frozenset({"eu-west-1"}))


def result() -> UnitResult:
    key = Handle(f"arn:aws:kms:eu-west-1:{ACCOUNT}:key/k1")
    fields = {
        "kind": "sqs_queue",
        "kms_key": key,
        "subscribers": [Handle("orders", ACCOUNT, "eu-west-1"), "literal"],
        "created": datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
        "expires": date(2027, 1, 1),
        "nested": {"ports": (443, 8443), "on": True, "ratio": 0.5, "none": None},
    }
    return UnitResult(
        unit(),
        found=[Found(f"{ACCOUNT}/eu-west-1/orders", "sqs_queue", fields, [key])],
        links=[Link(key, "plain-id", "https", 443, "reads")],
        aliases=[(Handle("alias/app", ACCOUNT, "eu-west-1"), key)],
        outside=[(Handle("alias/aws/sqs", ACCOUNT, "eu-west-1"), "alias/aws/sqs")],
        gaps=[CoverageGap(account=ACCOUNT, service="sqs", operation="x", error="AccessDenied")],
        calls=7,
        attempts=2,
        failed=True,
        settings=[{"account": ACCOUNT, "ebs_encryption_by_default": True}],
    )


def test_a_result_survives_the_round_trip(tmp_path: Path) -> None:
    store = DirStore(tmp_path)
    store.save(result())
    back = store.load(unit())
    assert back is not None
    expected = result()
    expected.found[0].fields["nested"]["ports"] = [443, 8443]  # JSON has lists only
    assert back == expected
    assert store.done(unit()) is None  # it failed: --resume redoes it
    assert [p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.json")] == [
        f"{ACCOUNT}/eu-west-1/messaging.json"
    ]


def test_another_units_file_a_pickle_or_garbage_is_not_a_result(tmp_path: Path) -> None:
    store = DirStore(tmp_path)
    store.save(result())
    path = tmp_path / ACCOUNT / "eu-west-1" / "messaging.json"
    moved = tmp_path / ACCOUNT / "eu-west-1" / "kms.json"
    moved.write_text(path.read_text())
    assert store.load(unit("kms")) is None  # the file names another unit
    path.write_bytes(pickle.dumps(result()))
    assert store.load(unit()) is None
    path.write_text('{"format": 1, "key": "x"')
    assert store.load(unit()) is None


def test_a_value_json_cannot_keep_is_refused_when_stored() -> None:
    odd = result()
    odd.found[0].fields["ids"] = {"a", "b"}
    with pytest.raises(TypeError, match="set"):
        unitcodec.dumps(odd)
    odd.found[0].fields["ids"] = {1: "a"}
    with pytest.raises(TypeError, match="mapping"):
        unitcodec.dumps(odd)
