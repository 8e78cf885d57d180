"""Where ``-o`` and ``--html`` write: a regular file is replaced atomically (keeping its mode), a symlink is
written through to its target, a FIFO or a device is written straight into, a folder is refused."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from quotediff.cli import main

GOOD = "Bridge reopens\n\nMayor Jane Roe said: “The bridge will reopen on Monday, whatever the weather does.”\n"
OTHER = (
    "Bridge news\n\n“The bridge will reopen on Monday, whatever the weather does,” the mayor, Jane Roe, told "
    "reporters.\n"
)


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "other.txt").write_text(OTHER, encoding="utf-8")
    return folder


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_existing_file_keeps_its_mode(articles: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o640)
    result = run("compare", str(articles), "-f", "json", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert out.read_text(encoding="utf-8").startswith("{")


def test_symlink_is_written_through_to_its_target(articles: Path, tmp_path: Path) -> None:
    target = tmp_path / "reports" / "latest.json"
    target.parent.mkdir()
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "report.json"
    link.symlink_to(Path("reports") / "latest.json")
    result = run("compare", str(articles), "-f", "json", "-o", str(link))
    assert result.exit_code == 0, result.output
    assert link.is_symlink(), "the link was replaced by a file"
    assert target.read_text(encoding="utf-8").startswith("{")
    assert sorted(p.name for p in target.parent.iterdir()) == ["latest.json"], "a temporary file was left"


def test_dangling_symlink_creates_its_target(articles: Path, tmp_path: Path) -> None:
    link = tmp_path / "report.json"
    link.symlink_to(tmp_path / "new.json")
    result = run("compare", str(articles), "-f", "json", "-o", str(link))
    assert result.exit_code == 0, result.output
    assert link.is_symlink()
    assert (tmp_path / "new.json").read_text(encoding="utf-8").startswith("{")


def test_fifo_is_written_into_for_its_reader(articles: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def reader() -> None:
        with open(fifo, "rb") as handle:
            received.append(handle.read())

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    result = run("compare", str(articles), "-f", "json", "-o", str(fifo))
    thread.join(timeout=10)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode), "the FIFO was replaced"
    assert received and received[0].startswith(b"{"), "the reader got nothing"


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_character_device_stays_a_device(articles: Path, tmp_path: Path) -> None:
    null = tmp_path / "null"
    os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # a private /dev/null: the system's is never at risk
    result = run("compare", str(articles), "-f", "json", "-o", str(null), "--html", str(null))
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(os.lstat(null).st_mode), "the device node was replaced by a regular file"


def test_dev_null_stays_a_character_device(articles: Path) -> None:
    result = run("compare", str(articles), "-f", "json", "-o", os.devnull)
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


@pytest.mark.parametrize("as_link", [False, True], ids=["folder", "link to a folder"])
def test_folder_is_refused_with_one_line(articles: Path, tmp_path: Path, as_link: bool) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    out = folder
    if as_link:
        out = tmp_path / "report.json"
        out.symlink_to(folder)
    result = run("compare", str(articles), "-f", "json", "-o", str(out))
    assert result.exit_code == 2
    assert result.stderr.strip() == f"quotediff: error: cannot write {out}: is a folder"
    assert list(folder.iterdir()) == []


def test_html_output_to_a_folder_is_refused_too(articles: Path, tmp_path: Path) -> None:
    result = run("compare", str(articles), "--html", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr.strip() == f"quotediff: error: cannot write {tmp_path}: is a folder"


def test_missing_folder_is_one_line(articles: Path, tmp_path: Path) -> None:
    out = tmp_path / "no" / "such" / "report.json"
    result = run("compare", str(articles), "-f", "json", "-o", str(out))
    assert result.exit_code == 2
    assert result.stderr.strip() == f"quotediff: error: cannot write {out}: no such folder {out.parent}"
