"""Input normalization, field checks, calculated indicators and cross-field rules."""

from .engine import Entry, FieldResult, SubmissionCheck, check_field, check_submission, format_value
from .normalize import Normalized, normalize
from .problems import ERROR, WARNING, Problem

__all__ = [
    "ERROR", "WARNING", "Entry", "FieldResult", "Normalized", "Problem", "SubmissionCheck",
    "check_field", "check_submission", "format_value", "normalize",
]
