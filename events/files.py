"""Reading files the atlas does not trust: inside one directory, regular files only, bounded.

Whatever sits in a data directory may have been put there by anyone: a symlink to
``/etc/passwd`` or ``/dev/zero``, a FIFO, a file of gigabytes. Every dossier, article
and context file is read through :func:`bytes_of_file` or :func:`opened_regular_file`,
after :func:`contained_path`; they refuse (with
:class:`~events.exceptions.FileRefused`) anything that resolves outside its directory,
is not a regular file, or is larger than the caller's limit, and never blocks on
opening a FIFO.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from events.exceptions import FileRefused
from events.limits import MIB


def contained_path(directory: Path, relative: str | Path, shown: str) -> Path:
    """``relative`` taken from ``directory``, symlinks resolved; refused unless it stays inside.

    ``shown`` names the path in the message (as the user wrote it).
    """
    try:
        root = directory.resolve()
        path = (root / relative).resolve()
    except (OSError, RuntimeError, ValueError) as error:  # a symlink loop, a NUL byte
        raise FileRefused(shown, f"cannot be resolved ({error})") from None
    if not path.is_relative_to(root):
        raise FileRefused(shown, "is outside the data directory")
    return path


def opened_regular_file(path: Path, limit: int, shown: str | None = None) -> BinaryIO:
    """A regular file of at most ``limit`` bytes, open for reading; :class:`FileRefused` otherwise.

    Raises :class:`FileNotFoundError` (and other :class:`OSError`) as ``open`` does.
    """
    shown = shown or str(path)
    # O_NONBLOCK: opening a FIFO returns at once instead of waiting for a writer.
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    info = os.fstat(descriptor)
    reason = None
    if not stat.S_ISREG(info.st_mode):
        reason = f"is not a regular file (a {_kind(info.st_mode)}); only regular files are read"
    elif info.st_size > limit:
        reason = f"is larger than the limit of {size_text(limit)}"
    if reason:
        os.close(descriptor)
        raise FileRefused(shown, reason)
    return os.fdopen(descriptor, "rb")


def bytes_of_file(path: Path, limit: int, shown: str | None = None) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; :class:`FileRefused` otherwise.

    Raises :class:`FileNotFoundError` (and other :class:`OSError`) as ``open`` does.
    """
    with opened_regular_file(path, limit, shown) as file:
        # A file that grows after it was measured (or in /proc, where sizes read 0) is cut.
        data = file.read(limit + 1)
    if len(data) > limit:
        raise FileRefused(shown or str(path), f"is larger than the limit of {size_text(limit)}")
    return data


def size_text(size: int) -> str:
    """``1048576`` -> ``1 MiB``; ``2048`` -> ``2 KiB``."""
    if size >= MIB:
        return f"{size / MIB:g} MiB"
    return f"{size / 1024:g} KiB" if size >= 1024 else f"{size} bytes"


def _kind(mode: int) -> str:
    kinds = {
        stat.S_ISDIR: "directory",
        stat.S_ISFIFO: "FIFO",
        stat.S_ISCHR: "character device",
        stat.S_ISBLK: "block device",
        stat.S_ISSOCK: "socket",
    }
    return next((name for test, name in kinds.items() if test(mode)), "special file")
