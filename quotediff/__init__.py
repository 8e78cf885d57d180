"""quotediff: follow one quotation across news articles and show how it changed."""

__version__ = "0.1.0"
