"""docs/iac.md says what the importers do: every mapped type and every joined S3 resource."""

from __future__ import annotations

from pathlib import Path

from archcode.collectors.cfn_kinds import MAPPERS as CFN_MAPPERS
from archcode.collectors.tf_kinds import AUXILIARY as TF_JOINED
from archcode.collectors.tf_kinds import MAPPERS as TF_MAPPERS

DOC = (Path(__file__).resolve().parent.parent / "docs" / "iac.md").read_text()


def test_every_mapped_type_is_documented() -> None:
    missing = [t for t in [*CFN_MAPPERS, *TF_MAPPERS] if f"`{t}`" not in DOC]
    assert not missing, f"docs/iac.md does not name {missing}"


def test_the_split_s3_resources_are_documented() -> None:
    split = sorted(t for t in TF_JOINED if t.startswith("aws_s3_bucket_"))
    assert len(split) >= 10
    assert [t for t in split if f"`{t}`" not in DOC] == []
