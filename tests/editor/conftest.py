"""The editors the editor tests work with, over a small synced content tree."""

from __future__ import annotations

import pytest

from portal.models import Role
from portal.services.content import sync_from_files
from portal.services.content.tasks import set_translator_languages
from tests.content_fixtures import small_tree
from tests.factories import create_staff


@pytest.fixture
def synced(app, tmp_path):
    sync_from_files(small_tree(tmp_path))


@pytest.fixture
def eva(region, synced):
    """A regional editor."""
    return create_staff(region["region"], Role.EDITOR, name="Eva Redaktör")


@pytest.fixture
def omar(region, synced):
    """A second regional editor, who is no translator."""
    return create_staff(region["region"], Role.EDITOR, name="Omar Redaktör")


@pytest.fixture
def rania(region, synced):
    """A regional editor who translates into Arabic."""
    staff = create_staff(region["region"], Role.EDITOR, name="Rania Översättare")
    set_translator_languages(staff, ["ar"])
    return staff
