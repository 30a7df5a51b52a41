"""Exceptions of PII detection. Messages name the model, the line or the table, never a value."""

from __future__ import annotations

from crm_privacy.errors import CrmPrivacyError


class ModelUnavailable(CrmPrivacyError):
    """The spaCy model is not installed; we never download one at run time."""


class MalformedInput(CrmPrivacyError):
    """A line given to ``crm-privacy detect`` is not a JSON object with a string ``text``."""
