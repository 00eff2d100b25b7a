"""Files written whole or not at all.

Every file the library or the command writes goes through :func:`write_text`:
the text goes to a temporary file in the target's folder, which is then
renamed over the target, so a kill, a full disk or an encoding error leaves
the target as it was, never empty or cut short.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

__all__ = ["overwritten", "write_text"]


def write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` as UTF-8 (line ends as they are), replacing the file in one step.

    The text is encoded before anything is written, so text that cannot be
    written (a lone surrogate) raises ``UnicodeEncodeError`` with the target
    untouched.
    """
    data = text.encode("utf-8")
    folder = path.parent
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        if path.exists():
            with contextlib.suppress(OSError):  # keep the target's permissions, where we may
                os.chmod(temporary, path.stat().st_mode & 0o7777)
        else:
            os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def overwritten(output: Path | None, inputs: Iterable[Path | None]) -> Path | None:
    """The first of ``inputs`` that writing ``output`` would change (it is the file, or the folder it lies in)."""
    for path in inputs:
        if output is not None and path is not None and str(path) and _same(output, path):
            return path
    return None


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve() or (b.is_dir() and b.resolve() in a.resolve().parents)
    except OSError:  # pragma: no cover - resolve() fails only on a broken file system
        return False
