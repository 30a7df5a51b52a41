"""Files that hold CRM keys (plan and key files of a sweep): readable by this account only.

Created 0600 from the start (not chmod-ed after being written) in directories made 0700.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO


def private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) if needed and make it 0700."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    path.chmod(0o700)
    return path


def open_private(path: Path) -> IO[str]:
    """Open ``path`` for writing text, created (or truncated) with mode 0600."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.fchmod(fd, 0o600)  # an existing file keeps its mode through O_CREAT: set it
    except OSError:
        os.close(fd)
        raise
    return os.fdopen(fd, "w", encoding="utf-8")


def write_private_text(path: Path, text: str) -> None:
    with open_private(path) as out:
        out.write(text)
