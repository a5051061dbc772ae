from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from archcode.collectors.yaml_model import load_yaml_model
from archcode.errors import InputError, Problem
from archcode.model import Architecture

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def load(text: str, name: str = "arch.yaml") -> Architecture:
    return load_yaml_model(textwrap.dedent(text), name)


def problems(text: str, name: str = "arch.yaml") -> list[Problem]:
    """The problems the loader reports for a document that must fail."""
    with pytest.raises(InputError) as caught:
        load(text, name)
    return caught.value.problems


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str], Path]:
    def _write(text: str, filename: str = "arch.yaml") -> Path:
        path = tmp_path / filename
        path.write_text(textwrap.dedent(text))
        return path

    return _write


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A real PostgreSQL server for the whole session (store tests run on it and on SQLite)."""
    from tests.postgres import postgres_server

    with postgres_server() as url:
        yield url
