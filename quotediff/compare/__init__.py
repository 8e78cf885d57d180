"""Comparison: quotations in, groups of renderings with word diffs and attribution shifts out."""

from quotediff.compare.diff import apply_edits, diff_text, diff_tokens
from quotediff.compare.match import MatchOptions
from quotediff.compare.normalize import tokenize
from quotediff.compare.pipeline import REFERENCE_CHOICES, CompareOptions, compare, compare_paths
from quotediff.compare.shifts import attribution_changes, is_shift, same_person, shift_count
from quotediff.compare.weights import DiffOptions

__all__ = [
    "REFERENCE_CHOICES",
    "CompareOptions",
    "DiffOptions",
    "MatchOptions",
    "apply_edits",
    "attribution_changes",
    "compare",
    "compare_paths",
    "diff_text",
    "diff_tokens",
    "is_shift",
    "same_person",
    "shift_count",
    "tokenize",
]
