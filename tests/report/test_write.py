"""write_report on its own: the cases a shell redirection gets right and a plain rename gets wrong."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from quotediff.errors import OutputError
from quotediff.report import write_report


def test_new_file_gets_the_umask_mode(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        write_report("hello\n", str(tmp_path / "new.txt"))
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.txt").stat().st_mode) == 0o640
    assert (tmp_path / "new.txt").read_bytes() == b"hello\n"


def test_regular_file_is_replaced_not_appended(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    out.write_text("a much longer old report\n")
    write_report("new\n", str(out))
    assert out.read_text() == "new\n"


def test_dev_stdout_is_written_into(capfd: pytest.CaptureFixture[str]) -> None:
    write_report("through the descriptor\n", "/dev/stdout")
    assert capfd.readouterr().out == "through the descriptor\n"
    assert os.path.islink("/dev/stdout") or stat.S_ISCHR(os.lstat("/dev/stdout").st_mode)


def test_dev_null_is_written_into() -> None:
    write_report("gone\n", os.devnull)
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_symlink_chain_is_followed_to_the_end(tmp_path: Path) -> None:
    (tmp_path / "real.txt").write_text("old")
    (tmp_path / "b").symlink_to("real.txt")
    (tmp_path / "a").symlink_to(tmp_path / "b")
    write_report("new", str(tmp_path / "a"))
    assert (tmp_path / "real.txt").read_text() == "new"
    assert (tmp_path / "a").is_symlink() and (tmp_path / "b").is_symlink()


def test_symlink_loop_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to("b")
    (tmp_path / "b").symlink_to("a")
    with pytest.raises(OutputError, match="symbolic link loop"):
        write_report("x", str(tmp_path / "a"))


def test_trailing_slash_names_a_folder(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="names a folder"):
        write_report("x", str(tmp_path / "nope") + "/")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_block_device_is_refused(tmp_path: Path) -> None:
    disk = tmp_path / "disk"
    os.mknod(disk, 0o600 | stat.S_IFBLK, os.makedev(7, 200))  # a loop device number no one uses
    with pytest.raises(OutputError, match="block device"):
        write_report("x", str(disk))
    assert stat.S_ISBLK(os.lstat(disk).st_mode)


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_unwritable_folder_is_one_reason(tmp_path: Path) -> None:
    tmp_path.chmod(0o500)
    try:
        with pytest.raises(OutputError, match="permission denied"):
            write_report("x", str(tmp_path / "out.txt"))
    finally:
        tmp_path.chmod(0o700)
