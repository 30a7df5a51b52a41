"""Exceptions of PII detection. Messages name the model or the table, never a value.

A bad input line of ``crm-privacy detect`` is not an exception: it gets an error answer (``detect.lines``).
"""

from __future__ import annotations

from crm_privacy.errors import CrmPrivacyError


class ModelUnavailable(CrmPrivacyError):
    """The spaCy model is not installed; we never download one at run time."""
