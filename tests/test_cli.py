import subprocess
import sys

from archcode import __version__


def test_version_is_printed() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "archcode", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == f"archcode {__version__}"
