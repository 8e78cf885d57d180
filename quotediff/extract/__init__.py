"""Extraction: an ``Article`` in, its quotations with their attribution out."""

from quotediff.extract.quotes import ExtractOptions, extract_all, extract_quotes

__all__ = ["ExtractOptions", "extract_all", "extract_quotes"]
