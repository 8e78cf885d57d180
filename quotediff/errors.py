"""Errors a user can act on. The CLI prints the message on one line and exits with ``exit_code``."""


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
