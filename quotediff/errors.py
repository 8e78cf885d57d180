"""Errors a user can act on. The CLI prints the message on one line and exits with ``exit_code``."""

from __future__ import annotations

import re

_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f]")


class QuotediffError(Exception):
    """Base class: anything quotediff reports to the user instead of a traceback."""

    exit_code = 2


class InputError(QuotediffError):
    """An input path or file that cannot be used (missing, unreadable, not an article, too large)."""


class NoArticlesError(InputError):
    """Nothing usable was found in the inputs."""


class OutputError(QuotediffError):
    """The report could not be written."""


class OptionError(QuotediffError):
    """An option value that does not fit the inputs (an unknown --reference article, say)."""


class UnusableInput(InputError):
    """One input that cannot be used; ``reason`` is the short text shown next to its path."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{printable_path(path)}: {reason}")
        self.path = path
        self.reason = reason


def printable_path(path: str) -> str:
    """A path safe to print on one terminal line: control characters (newlines, escape sequences) as \\xNN."""
    return _UNPRINTABLE.sub(lambda m: f"\\x{ord(m.group()):02x}", path)


class DatabaseError(QuotediffError):
    """An index database that cannot be used: missing, not a quotediff index, or of another schema version."""
