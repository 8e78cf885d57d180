"""What each kind of edit costs a rendering's fidelity score."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class DiffOptions:
    """How edits are weighed into a fidelity score (0..1, 1.0 = verbatim).

    Each edit subtracts a penalty. The weights encode what a reader of a quotation should care about:

    * cosmetic edits (case, punctuation, spelling...) do not change what was said: a token penalty, so a
      quote with only cosmetic changes still scores ~0.99;
    * editorial edits are changes the outlet *marked*: the reader is told something was cut or supplied, so
      they cost a little, an ellipsis more the more words it hides;
    * substantive edits are unmarked changes to the words: a base cost plus a share proportional to the
      fraction of the quote's words touched; a critical one (negation or number changed) costs much more,
      because it can invert the meaning;
    * truncation costs nothing: quoting a faithful fragment is normal practice, and the verdict ("fragment")
      says so; an extension (words added beyond the reference's ends) costs a little, it may be context from
      a fuller source or words put in the speaker's mouth.
    """

    cosmetic: float = 0.005
    ellipsis: float = 0.02
    ellipsis_per_word: float = 0.3  # times the share of the reference's words the ellipsis hides
    bracketed: float = 0.03
    sic: float = 0.01
    substantive: float = 0.08
    substantive_per_word: float = 0.7  # times the share of words changed
    critical: float = 0.35
    extension: float = 0.02
    # Fold US/UK spelling ("colour"/"color") into a cosmetic "spelling" edit instead of a substitution.
    fold_spelling: bool = True
