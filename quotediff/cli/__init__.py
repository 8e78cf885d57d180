"""The command line: ``quotediff compare``, ``quotes``, ``index`` and ``track`` on top of the library."""

from quotediff.cli import corpus as _corpus  # noqa: F401  (registers index and track)
from quotediff.cli.app import _Progress, _use_color, main

__all__ = ["_Progress", "_use_color", "main"]
