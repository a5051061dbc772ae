"""Reading inputs with a size bound and writing outputs atomically."""

from __future__ import annotations

import codecs
import os
import sys
import tempfile
from pathlib import Path

from archcode.errors import InputError, Problem

STDIN = "-"
# Far above any real architecture (100,000 resources is about 15 MB of YAML), far below a
# size that would exhaust memory; ARCHCODE_MAX_INPUT_BYTES raises or lowers it.
DEFAULT_MAX_INPUT_BYTES = 64 * 1024 * 1024


def max_input_bytes() -> int:
    value = os.environ.get("ARCHCODE_MAX_INPUT_BYTES")
    return int(value) if value and value.isdigit() else DEFAULT_MAX_INPUT_BYTES


def read_text(path: str) -> tuple[str, str]:
    """(display name, text) of a file or of standard input ("-"), refusing oversized input."""
    limit = max_input_bytes()
    name = "<stdin>" if path == STDIN else path
    too_big = Problem(name, f"input is larger than {limit} bytes (ARCHCODE_MAX_INPUT_BYTES)")
    try:
        if path == STDIN:
            data = sys.stdin.buffer.read(limit + 1)
        else:
            if os.stat(path).st_size > limit:
                raise InputError([too_big])
            with open(path, "rb") as handle:
                data = handle.read(limit + 1)
    except FileNotFoundError:
        raise InputError([Problem(name, "no such file")]) from None
    except IsADirectoryError:
        raise InputError([Problem(name, "is a directory, expected a file")]) from None
    except PermissionError:
        raise InputError([Problem(name, "permission denied")]) from None
    if len(data) > limit:
        raise InputError([too_big])
    return name, decode_text(data, name)


# Byte order marks, longest first (UTF-32 LE starts with UTF-16 LE's). Windows PowerShell 5.1
# writes `terraform show -json > plan.json` as UTF-16 LE with a BOM; editors add UTF-8 BOMs.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode_text(data: bytes, name: str) -> str:
    """The text of an input file: UTF-8, or UTF-8/16/32 announced by a byte order mark.

    Without a mark, a NUL in the first two bytes can only be UTF-16 (an ASCII character and its
    zero byte, as RFC 4627 detects JSON's encoding); such a file is read as UTF-16 too.
    """
    encoding, skipped = "utf-8", 0
    for bom, codec in _BOMS:
        if data.startswith(bom):
            encoding, skipped = codec, len(bom)
            break
    else:
        if len(data) >= 2 and (data[0] == 0) != (data[1] == 0):
            encoding = "utf-16-be" if data[0] == 0 else "utf-16-le"
    try:
        return data[skipped:].decode(encoding)
    except UnicodeDecodeError as exc:
        label = encoding.upper().replace("-LE", " LE").replace("-BE", " BE")
        where = exc.start + skipped
        raise InputError([Problem(name, f"not {label} text (byte {where})")]) from None


def write_output(path: str | None, content: str | bytes) -> None:
    """Write to standard output (path None or "-"), or atomically replace the file at path."""
    data = content.encode() if isinstance(content, str) else content
    if path is None or path == STDIN:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise InputError([Problem(path, f"directory {str(directory)!r} does not exist")])
    if target.exists() and not target.is_file():
        if target.is_dir():
            raise InputError([Problem(path, "is a directory, not a file")])
        # A device or pipe (/dev/null, /dev/stdout, a FIFO): renaming over it would replace it.
        with target.open("wb") as handle:
            handle.write(data)
        return
    # Write beside the target and rename over it: readers never see a half-written file.
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
