"""Putting a finished report where the user asked, without ever damaging what is already there.

A regular file is replaced atomically (a temporary file in the same folder, renamed over it), so a failed or
interrupted run never leaves a half-written report, and the file keeps its mode. Anything else is not ours to
replace: a symbolic link is followed and its target written (atomically, if a regular file); a FIFO, a
character device (``/dev/null``, a terminal) or an open descriptor (``/dev/stdout``, ``/dev/fd/N``) is written
straight into, as a shell redirection would; a folder, a block device or a socket is refused.

The CLI decides what goes where; this module only knows how to write it.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from dataclasses import dataclass

from quotediff.errors import OutputError, printable_path

MAX_LINKS = 40  # as the kernel's own limit on a chain of symbolic links (ELOOP)

# Links in here are the kernel's handles on open files (/dev/stdout -> /proc/self/fd/1 -> pipe:[123]): the
# thing to write into is the open file itself, never the name the link happens to show.
_DESCRIPTOR_FOLDERS = ("/proc/", "/dev/fd/")


@dataclass(frozen=True, slots=True)
class _Target:
    path: str  # the path to write, symbolic links resolved
    info: os.stat_result | None  # None: nothing there yet
    descriptor: bool  # reached through /proc or /dev/fd: write into the open file, never rename over it


def write_report(text: str, path: str) -> None:
    """Write ``text`` (UTF-8, "\\n" line ends) to ``path``; raise OutputError with a reason a user can act on."""
    data = text.encode("utf-8")
    target = _resolve(path)
    info = target.info
    if info is None:
        _replace_atomically(data, path, target.path, mode=None)
    elif stat.S_ISDIR(info.st_mode):
        raise _error(path, "is a folder")
    elif stat.S_ISREG(info.st_mode) and not target.descriptor:
        _replace_atomically(data, path, target.path, mode=stat.S_IMODE(info.st_mode), owner=info)
    elif stat.S_ISREG(info.st_mode) or stat.S_ISFIFO(info.st_mode) or stat.S_ISCHR(info.st_mode):
        _write_into(data, path, target.path)
    elif stat.S_ISBLK(info.st_mode):
        raise _error(path, "is a block device, not written")
    else:
        raise _error(path, "is not a file (a socket?), not written")


def _resolve(path: str) -> _Target:
    """Follow symbolic links one at a time, as open() would, noting any that lead into a descriptor folder."""
    if path.endswith("/"):
        # "reports/" names a folder whether or not it exists; never take it for a file called "reports".
        info = _stat(path.rstrip("/") or "/", path)
        raise _error(path, "is a folder" if info is not None and stat.S_ISDIR(info.st_mode) else "names a folder")
    current = path
    descriptor = _in_descriptor_folder(path)
    for _ in range(MAX_LINKS):
        info = _lstat(current, path)
        if info is None or not stat.S_ISLNK(info.st_mode):
            break
        link = os.readlink(current)
        current = os.path.join(os.path.dirname(current), link)
        descriptor = descriptor or _in_descriptor_folder(current)
        if descriptor:
            # /proc/self/fd/1 reads "pipe:[123]" or a deleted file's name: only open() knows what it is.
            return _Target(path=path, info=_stat(path, path), descriptor=True)
    else:
        raise _error(path, "symbolic link loop")
    if info is None:
        folder = os.path.dirname(current) or "."
        folder_info = _stat(folder, path)
        if folder_info is None:
            raise _error(path, f"no such folder {printable_path(folder)}")
        if not stat.S_ISDIR(folder_info.st_mode):
            raise _error(path, f"{printable_path(folder)} is not a folder")
    return _Target(path=current, info=info, descriptor=descriptor)


def _in_descriptor_folder(path: str) -> bool:
    absolute = os.path.abspath(path)
    return absolute in ("/dev/stdout", "/dev/stderr") or absolute.startswith(_DESCRIPTOR_FOLDERS)


def _lstat(path: str, shown: str) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise _os_error(shown, exc) from None


def _stat(path: str, shown: str) -> os.stat_result | None:
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise _os_error(shown, exc) from None


def _replace_atomically(
    data: bytes, shown: str, path: str, *, mode: int | None, owner: os.stat_result | None = None
) -> None:
    """Write a temporary file beside ``path`` and rename it over ``path`` once it is complete."""
    folder = os.path.dirname(path) or "."
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise _os_error(shown, exc) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())  # the rename must not land before the bytes do
        os.chmod(tmp, mode if mode is not None else 0o666 & ~_umask())
        if owner is not None and os.geteuid() == 0 and (owner.st_uid, owner.st_gid) != (0, 0):
            os.chown(tmp, owner.st_uid, owner.st_gid)  # root rewriting a user's report leaves it theirs
        os.replace(tmp, path)
    except OSError as exc:
        _remove(tmp)
        raise _os_error(shown, exc) from None
    except BaseException:
        _remove(tmp)
        raise


def _write_into(data: bytes, shown: str, path: str) -> None:
    """Open and write, without creating or truncating: a FIFO's reader, a device or a redirected stdout.

    O_APPEND so that ``-o /dev/stdout >> log`` appends as the shell promised; a FIFO or a device ignores it.
    """
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise _os_error(shown, exc) from None
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
    except BrokenPipeError:
        raise  # the reader went away (`-o /dev/stdout | head`): the CLI ends quietly, as for stdout
    except OSError as exc:
        raise _os_error(shown, exc) from None
    finally:
        os.close(fd)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _os_error(path: str, exc: OSError) -> OutputError:
    if exc.errno == errno.EISDIR:
        return _error(path, "is a folder")
    if exc.errno == errno.ELOOP:
        return _error(path, "symbolic link loop")
    return _error(path, (exc.strerror or type(exc).__name__).lower())


def _error(path: str, reason: str) -> OutputError:
    return OutputError(f"cannot write {printable_path(path)}: {reason}")
