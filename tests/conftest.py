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


# --- A real moto server for the discovery tests (helpers in tests/moto_aws.py) ---------------


@pytest.fixture(scope="session")
def moto_url() -> Iterator[str]:
    """One ThreadedMotoServer over HTTP for the whole session."""
    from tests.moto_aws import moto_server

    with moto_server() as url:
        yield url


@pytest.fixture(scope="module")
def aws_env(moto_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """Fake credentials and AWS_ENDPOINT_URL for one module, starting from an empty moto."""
    from tests.moto_aws import aws_environment

    with aws_environment(moto_url, tmp_path_factory.mktemp("aws-config")) as env:
        yield env
