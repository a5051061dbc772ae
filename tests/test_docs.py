"""The documentation shows what archcode really does: its YAML validates, its outputs are real."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from tests.conftest import ROOT

from archcode.cli import main
from archcode.collectors import load_yaml_model
from archcode.model import Architecture
from archcode.model.base import Usage
from archcode.model.kinds_doc import kinds_markdown
from archcode.model.registry import ACTORS

DOCS = [*sorted((ROOT / "docs").glob("*.md")), ROOT / "README.md"]
FORMAT = ROOT / "docs" / "format.md"
_FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)


@dataclass(frozen=True)
class Block:
    path: Path
    line: int  # 1-based line of the block's first content line
    lang: str
    text: str

    @property
    def where(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}"

    @property
    def is_architecture(self) -> bool:
        """A whole document: its first line that is not blank or a comment is `archcode: 1`."""
        for line in self.text.splitlines():
            if line.strip() and not line.lstrip().startswith("#"):
                return line.strip() == "archcode: 1"
        return False


def blocks(path: Path) -> list[Block]:
    text = path.read_text()
    return [
        Block(path, text.count("\n", 0, m.start(2)) + 1, m.group(1), m.group(2))
        for m in _FENCE.finditer(text)
    ]


ARCHITECTURES = [b for path in DOCS for b in blocks(path) if b.lang == "yaml" and b.is_architecture]


def test_the_docs_hold_architectures_to_check() -> None:
    assert any(b.path == FORMAT for b in ARCHITECTURES), "docs/format.md has a complete example"
    assert any(b.path.name == "README.md" for b in ARCHITECTURES)


@pytest.mark.parametrize("block", ARCHITECTURES, ids=[b.where for b in ARCHITECTURES])
def test_every_architecture_in_the_docs_validates(block: Block) -> None:
    arch = load_yaml_model(block.text, block.where)
    assert arch.name


def test_the_complete_example_reports_what_the_docs_say() -> None:
    example = next(b for b in ARCHITECTURES if b.path == FORMAT)
    arch = load_yaml_model(example.text, "shop.yaml")
    counts = f"ok ({len(arch.resources)} resources, {len(arch.actors)} actors, "
    counts += f"{len(arch.connections)} connections)"
    assert f"`shop.yaml: {counts}`" in FORMAT.read_text()
    # It shows what the format is for: actors, placement, IAM, usage, tags and both flow forms.
    assert arch.actors and arch.of_kind("subnet") and arch.of_kind("security_group")
    assert arch.of_kind("iam_role") and any(r.usage for r in arch.resources.values())
    assert any(r.tags and r.owner for r in arch.resources.values())
    assert "->" in example.text and "from:" in example.text


def test_the_error_example_is_what_validate_prints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    section = FORMAT.read_text().split("## Errors and exit codes", 1)[1].split("\n## ", 1)[0]
    found = [(m.group(1), m.group(2)) for m in _FENCE.finditer(section)]
    (bad,) = [text for lang, text in found if lang == "yaml"]
    (expected,) = [text for lang, text in found if lang == "text"]
    (tmp_path / "shop.yaml").write_text(bad)
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "shop.yaml"]) == 2
    assert capsys.readouterr().err == expected


def test_kinds_doc_is_fresh() -> None:
    assert (ROOT / "docs" / "kinds.md").read_text() == kinds_markdown(), (
        "docs/kinds.md is stale: run `python -m archcode.model.kinds_doc > docs/kinds.md`"
    )


def test_format_doc_links_the_kinds_and_names_every_actor_kind() -> None:
    text = FORMAT.read_text()
    assert "(kinds.md)" in text
    for actor in ACTORS:
        assert f"`{actor.kind}`" in text, actor.kind


def test_format_doc_describes_every_top_level_key_and_usage_field() -> None:
    text = FORMAT.read_text()
    for name, field in Architecture.model_fields.items():
        key = field.alias or name
        assert f"| `{key}` |" in text, f"top-level key {key!r} is not in docs/format.md"
    for name in Usage.model_fields:
        assert f"`{name}`" in text, f"usage field {name!r} is not in docs/format.md"
