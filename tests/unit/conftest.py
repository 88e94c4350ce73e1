"""Fixtures shared by the unit tests on hand-built Docs."""

from __future__ import annotations

import pytest

from newsevents.nlp.resources import default_resources


@pytest.fixture(scope="module")
def res():
    """The packaged lexicons and code tables (the Resources registry), once per test module."""
    return default_resources()
