"""Reading inputs with a size bound and writing outputs atomically: every path archcode reads
or writes goes through here.

What may be read: regular files (symbolic links followed), standard input as "-", and
directories walked without following a link back into themselves. Nothing that can block or
never end is opened for reading: FIFOs, sockets and devices are refused with one line. Every
operating-system error (a missing file, a path through a file, a name longer than the system
allows, a symlink loop) is one problem naming the path, exit 2.

Outputs replace their file atomically (a temporary file beside it, renamed over it): a run that
fails or is killed mid-write leaves the previous file as it was. A symbolic link given as the
output is followed (its target is replaced, the link stays); a read-only file is refused, as
the shell's `>` refuses it. Devices and pipes (/dev/null, /dev/stdout, a FIFO) are written
directly.
"""

from __future__ import annotations

import codecs
import errno
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from archcode.errors import InputError, Problem

STDIN = "-"
# Far above any real architecture (100,000 resources is about 15 MB of YAML), far below a
# size that would exhaust memory; ARCHCODE_MAX_INPUT_BYTES raises or lowers it.
DEFAULT_MAX_INPUT_BYTES = 64 * 1024 * 1024

# What an operating-system error means for a path the user gave, in the user's words.
_ERRNO_TEXT = {
    errno.ENOENT: "no such file",
    errno.ENOTDIR: "a part of the path is a file, not a directory",
    errno.ENAMETOOLONG: "file name too long for this system",
    errno.ELOOP: "too many levels of symbolic links (a symlink loop?)",
    errno.EACCES: "permission denied",
    errno.EPERM: "operation not permitted",
    errno.EISDIR: "is a directory, expected a file",
    errno.ENXIO: "not a regular file (a socket?)",
    errno.ENOSPC: "no space left on the device",
    errno.EROFS: "read-only file system",
    errno.EDQUOT: "disk quota exceeded",
    errno.EFBIG: "file too large",
    errno.EIO: "input/output error",
}


def os_problem(path: str, exc: OSError, doing: str = "") -> Problem:
    """One line for an OSError met on a path the user gave."""
    text = _ERRNO_TEXT.get(exc.errno or 0) or exc.strerror or type(exc).__name__
    return Problem(path, f"{doing}{text}")


def _kind_of(mode: int) -> str | None:
    """What a non-regular file is, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a directory, expected a file"
    if stat.S_ISFIFO(mode):
        return "is a named pipe (FIFO), not a file; pipe it to standard input as -"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a file; pipe it to standard input as -"
    return "is not a regular file"


def max_input_bytes() -> int:
    value = os.environ.get("ARCHCODE_MAX_INPUT_BYTES")
    return int(value) if value and value.isdigit() else DEFAULT_MAX_INPUT_BYTES


def read_bytes(path: str) -> tuple[str, bytes]:
    """(display name, bytes) of a regular file or of standard input ("-"), size-bounded."""
    limit = max_input_bytes()
    name = "<stdin>" if path == STDIN else path
    too_big = Problem(name, f"input is larger than {limit} bytes (ARCHCODE_MAX_INPUT_BYTES)")
    if path == STDIN:
        try:
            data = sys.stdin.buffer.read(limit + 1)
        except OSError as exc:
            raise InputError([os_problem(name, exc)]) from None
    else:
        data = _read_file(path, limit, too_big)
    if len(data) > limit:
        raise InputError([too_big])
    return name, data


def _read_file(path: str, limit: int, too_big: Problem) -> bytes:
    try:
        kind = _kind_of(os.stat(path).st_mode)
        if kind is not None:
            raise InputError([Problem(path, kind)])
        # O_NONBLOCK: should the path become a FIFO after the stat, opening it does not hang
        # (and the fstat below refuses it); a regular file reads the same either way.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except (OSError, ValueError) as exc:  # ValueError: a NUL byte in the path
        if isinstance(exc, OSError):
            raise InputError([os_problem(path, exc)]) from None
        raise InputError([Problem(path, "not a valid path (a NUL character?)")]) from None
    with os.fdopen(fd, "rb") as handle:
        try:
            info = os.fstat(fd)
            kind = _kind_of(info.st_mode)
            if kind is not None:
                raise InputError([Problem(path, kind)])
            if info.st_size > limit:
                raise InputError([too_big])
            # Read what the file holds, not a buffer of the whole bound (64 MiB by default,
            # allocated up front); a file that grew since the stat is read on to the bound.
            data = handle.read(info.st_size + 1)
            if len(data) > info.st_size:
                data += handle.read(limit + 1 - len(data))
            return data
        except OSError as exc:
            raise InputError([os_problem(path, exc)]) from None


def read_text(path: str) -> tuple[str, str]:
    """(display name, text) of a file or of standard input ("-"), refusing oversized input."""
    name, data = read_bytes(path)
    return name, decode_text(data, name)


def is_directory(path: str) -> bool:
    """Whether a path given as input names a directory (standard input never does)."""
    return path != STDIN and os.path.isdir(path)


def walk_files(directory: str, suffixes: tuple[str, ...]) -> list[str]:
    """Regular files with one of the suffixes under a directory, sorted, hidden ones skipped.

    Symbolic links to directories are followed once: a directory already walked (a link back
    into the tree, a loop) is not entered again. Links to what is not a regular file are left
    out, as are directories that cannot be read.
    """
    found: list[str] = []
    seen: set[tuple[int, int]] = set()
    for root, dirs, files in _walk(directory, seen):
        dirs.sort()
        for file in files:
            if file.startswith(".") or not file.lower().endswith(suffixes):
                continue
            full = os.path.join(root, file)
            try:
                if stat.S_ISREG(os.stat(full).st_mode):
                    found.append(full)
            except (OSError, ValueError):
                continue  # a dangling link, a loop: not a template
    return sorted(found)


def _walk(directory: str, seen: set[tuple[int, int]]) -> Iterator[tuple[str, list[str], list[str]]]:
    for root, dirs, files in os.walk(directory, followlinks=True):
        try:
            info = os.stat(root)
        except OSError:
            dirs[:] = []
            continue
        key = (info.st_dev, info.st_ino)
        if key in seen:
            dirs[:] = []  # walked already: a link loop or a second link to it
            continue
        seen.add(key)
        yield root, dirs, files


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


def write_output(path: str | None, content: str | bytes | Iterable[str]) -> None:
    """Write to standard output (path None or "-"), or atomically replace the file at path.

    ``content`` may come in pieces (a big JSON report): each is written as it comes, so the
    whole is never in memory. Every failure is one problem naming the path (exit 2); the
    previous file is left intact.
    """
    data: bytes | Iterator[bytes]
    if isinstance(content, str | bytes):
        data = content.encode() if isinstance(content, str) else content
    else:
        data = (piece.encode() for piece in content)
    if path is None or path == STDIN:
        try:
            _write_all(sys.stdout.buffer, data)
            sys.stdout.buffer.flush()
        except OSError as exc:
            raise InputError([os_problem("<stdout>", exc, "cannot write: ")]) from None
        return
    try:
        _write_file(path, data)
    except OSError as exc:
        raise InputError([os_problem(path, exc, "cannot write: ")]) from None
    except ValueError:  # a NUL byte in the path
        raise InputError([Problem(path, "not a valid path (a NUL character?)")]) from None


def _write_all(handle: BinaryIO, data: bytes | Iterator[bytes]) -> None:
    if isinstance(data, bytes):
        handle.write(data)
    else:
        for piece in data:
            handle.write(piece)


def _write_file(path: str, data: bytes | Iterator[bytes]) -> None:
    # A symbolic link is followed: its target is replaced and the link kept.
    target = Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    try:
        info: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        info = None
    if info is None and not directory.is_dir():
        raise InputError([Problem(path, f"directory {str(directory)!r} does not exist")])
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise InputError([Problem(path, "is a directory, not a file")])
    if info is not None and not stat.S_ISREG(info.st_mode):
        # A device or pipe (/dev/null, /dev/stdout, a FIFO): renaming over it would replace it.
        with target.open("wb") as handle:
            _write_all(handle, data)
        return
    # By its mode bits too: root may write anywhere, but a 0444 file says "do not replace me".
    writable = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH
    if info is not None and (not info.st_mode & writable or not os.access(target, os.W_OK)):
        raise InputError([Problem(path, "cannot write: the file is read-only (not replaced)")])
    # Write beside the target and rename over it: readers never see a half-written file.
    import tempfile  # only to write a file: not at start

    fd, tmp = tempfile.mkstemp(prefix=f".{target.name[:64]}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            _write_all(handle, data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, stat.S_IMODE(info.st_mode) if info is not None else 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
