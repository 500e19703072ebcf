"""A test hook that kills the process at a named point, to prove crash safety.

``checkpoint(name)`` does nothing unless the environment variable ``KB_CRASH_AT`` names
this point: ``KB_CRASH_AT=index_save`` kills the process with SIGKILL the first time the
point is reached, ``KB_CRASH_AT=ingest_commit:2`` the second time. Only tests set it
(tests/test_crash.py); the cost otherwise is one dictionary lookup.

Points: ``download_part`` (a PDF is partly written), ``embed_batch`` (a paper's chunks are
embedded, not stored), ``ingest_commit`` (a paper's full text is committed, the next one not
yet), ``index_save`` (the FAISS temp file is written, not renamed), ``report_write`` (a report
temp file is written, not renamed).
"""

from __future__ import annotations

import os
import signal

ENV_VAR = "KB_CRASH_AT"
_seen: dict[str, int] = {}


def checkpoint(name: str) -> None:
    """Die by SIGKILL here when ``KB_CRASH_AT`` is ``name`` or ``name:N`` (N-th pass)."""
    wanted = os.environ.get(ENV_VAR)
    if not wanted:
        return
    point, _, nth = wanted.partition(":")
    if point != name:
        return
    _seen[name] = _seen.get(name, 0) + 1
    if _seen[name] >= int(nth or 1):
        os.kill(os.getpid(), signal.SIGKILL)
