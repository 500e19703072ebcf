"""write_atomic: whole files or none, readable by all, no temp file left; stale temps cleared."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from kb.atomic import remove_stale_temps, write_atomic, write_if_changed


def test_text_and_bytes_land_whole_and_readable(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "report.md"
    write_atomic(target, "# Rapport – 2025-12-02\n")
    assert target.read_text(encoding="utf-8") == "# Rapport – 2025-12-02\n"
    write_atomic(target, b"\x00\x01binary")
    assert target.read_bytes() == b"\x00\x01binary"
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert sorted(p.name for p in target.parent.iterdir()) == ["report.md"]


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "kb.toml"
    write_atomic(target, "old = 1\n")
    with pytest.raises(UnicodeEncodeError):
        write_atomic(target, "new = '\udc80'\n")  # a lone surrogate cannot be UTF-8
    assert target.read_text(encoding="utf-8") == "old = 1\n"
    assert [p.name for p in tmp_path.iterdir()] == ["kb.toml"]


def test_unchanged_bytes_are_not_rewritten(tmp_path: Path) -> None:
    target = tmp_path / "feed.xml"
    assert write_if_changed(target, b"<rss/>") is True
    inode = target.stat().st_ino
    assert write_if_changed(target, b"<rss/>") is False
    assert target.stat().st_ino == inode, "the same file, not a renamed copy"
    assert write_if_changed(target, b"<rss version='2.0'/>") is True
    assert target.stat().st_ino != inode


def test_stale_temps_are_removed_and_nothing_else(tmp_path: Path) -> None:
    (tmp_path / ".2025-12-02.md.abc123.tmp").write_text("half a report")
    (tmp_path / "2025-12-02.md").write_text("whole")
    (tmp_path / "notes.tmp").write_text("not ours: no leading dot")
    removed = remove_stale_temps(tmp_path)
    assert [p.name for p in removed] == [".2025-12-02.md.abc123.tmp"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2025-12-02.md", "notes.tmp"]
    assert remove_stale_temps(tmp_path / "missing") == []
