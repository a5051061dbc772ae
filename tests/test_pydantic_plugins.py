"""The stand-in for pydantic's plugin loader (archcode.pydantic_plugins).

Each case runs in a fresh interpreter: whether importlib.metadata gets imported depends on
everything imported before, and the stand-in only goes in before pydantic's own loader.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SRC = str(Path(__file__).resolve().parents[1] / "src")

BUILD_A_MODEL = """
import json, sys
from archcode.pydantic_plugins import skip_plugin_search
installed = skip_plugin_search() if sys.argv[1] == "skip" else None
from pydantic import BaseModel
class Thing(BaseModel):
    name: str
assert Thing(name="x").name == "x"
print(json.dumps({"installed": installed, "metadata": "importlib.metadata" in sys.modules}))
"""


def run(code: str, *args: str, plugins: str | None) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    env["PYTHONPATH"] = os.pathsep.join([SRC, env.get("PYTHONPATH", "")])
    if plugins is not None:
        env["PYDANTIC_DISABLE_PLUGINS"] = plugins
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env, check=True
    )
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_with_plugins_off_building_a_model_reads_no_distribution_metadata() -> None:
    assert run(BUILD_A_MODEL, "skip", plugins="1") == {"installed": True, "metadata": False}
    # The control: pydantic's own loader imports it although it will load no plugin.
    assert run(BUILD_A_MODEL, "no", plugins="1") == {"installed": None, "metadata": True}


def test_plugins_named_or_left_on_keep_pydantic_s_own_loader() -> None:
    assert run(BUILD_A_MODEL, "skip", plugins=None) == {"installed": False, "metadata": True}
    named = run(BUILD_A_MODEL, "skip", plugins="logfire-plugin")
    assert named == {"installed": False, "metadata": True}


def test_the_stand_in_hands_everything_else_to_the_real_loader() -> None:
    code = """
import json, os, sys
from archcode.pydantic_plugins import skip_plugin_search
assert skip_plugin_search()
from pydantic.plugin import _loader
before = list(_loader.get_plugins())
group = _loader.PYDANTIC_ENTRY_POINT_GROUP  # not the stand-in's own: from the real loader
os.environ["PYDANTIC_DISABLE_PLUGINS"] = "some-plugin"  # plugins back on, but one
after = _loader.get_plugins()
print(json.dumps({"before": before, "group": group, "after_iterable": hasattr(after, "__iter__"),
                  "metadata": "importlib.metadata" in sys.modules}))
"""
    result = run(code, plugins="true")
    assert result == {"before": [], "group": "pydantic", "after_iterable": True, "metadata": True}


def test_a_check_from_the_console_entry_point_skips_the_search(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("name: a\nresources:\n  q: {kind: sqs_queue}\n")
    code = """
import atexit, json, sys
atexit.register(lambda: print(json.dumps({"metadata": "importlib.metadata" in sys.modules}),
                              file=sys.stderr))
sys.argv = ["archcode", "check", sys.argv[1], "--fail-on", "never"]
from archcode.cli import run
run()
"""
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    env["PYTHONPATH"] = os.pathsep.join([SRC, env.get("PYTHONPATH", "")])
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "a.yaml")],
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stderr.strip().splitlines()[-1]) == {"metadata": False}
