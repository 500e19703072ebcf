"""Files written whole or not at all: a temp file beside the target, synced, then renamed.

Every file the project writes for others to read (reports, the static site, FAISS indexes and
their manifests, BM25 pointers, kb.toml, the demo set) goes through ``write_atomic``, so a
reader sees the old content or the new one, and a crash leaves at most a ``.NAME.*.tmp`` file
that ``remove_stale_temps`` clears on the next run.
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

from kb.faults import checkpoint

log = logging.getLogger(__name__)

FILE_MODE = 0o644  # mkstemp makes 0600; what we write is for everyone who reads the KB


def write_atomic(path: Path, data: str | bytes, crash_point: str = "") -> None:
    """Write ``data`` (text as UTF-8) to ``path`` so that readers never see half of it.

    Args:
        path: the target; its folder is created when missing.
        data: the whole new content.
        crash_point: a ``kb.faults`` checkpoint between the synced temp file and the rename
            (tests kill the process there to prove the old file survives).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
            handle.flush()
            os.fsync(handle.fileno())
        if crash_point:
            checkpoint(crash_point)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_if_changed(path: Path, data: bytes) -> bool:
    """``write_atomic`` unless the file already holds these bytes; True when written."""
    if path.exists() and path.read_bytes() == data:
        return False
    write_atomic(path, data)
    return True


def remove_stale_temps(folder: Path) -> list[Path]:
    """Delete the temp files (``.NAME.*.tmp``) a killed run left in ``folder``.

    Only called under the run lock, when no other writer can be half-way through a write.
    """
    removed = []
    for path in folder.glob(".*.tmp") if folder.is_dir() else []:
        path.unlink(missing_ok=True)
        removed.append(path)
    if removed:
        log.warning("removed %d temp files left by an interrupted run in %s", len(removed), folder)
    return removed
