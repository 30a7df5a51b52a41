"""Fixtures shared by unit tests. Keep this file minimal: one fixture per need, documented."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from crm_privacy.detect.engine import PiiEngine


@pytest.fixture(scope="session")
def pii_engine() -> PiiEngine:
    """The PII detection engine on fr_core_news_sm, loaded once for the whole session (~1 s)."""
    from crm_privacy.detect.engine import get_engine

    return get_engine("fr_core_news_sm")
