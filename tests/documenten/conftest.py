"""Fixtures of the Documenten API tests."""

import shutil

import pytest

from tests.documenten.factories import create_informatieobjecttype
from zaakgericht.settings import get_settings


@pytest.fixture
async def iot(client, superuser) -> str:
    """The URL of a published informatieobjecttype (vertrouwelijkheidaanduiding zaakvertrouwelijk)."""
    return (await create_informatieobjecttype(client, superuser))["url"]


@pytest.fixture(autouse=True)
def empty_storage():
    """Every test starts without stored files (the database is emptied after each test too)."""
    shutil.rmtree(get_settings().data_dir / "files", ignore_errors=True)
    yield
