"""Fixtures of the Besluiten tests."""

import pytest

from tests.besluiten.factories import Catalogue, create_catalogue


@pytest.fixture
async def catalogue(client, superuser) -> Catalogue:
    """A published catalogue: zaaktype, two besluittypen and an informatieobjecttype."""
    return await create_catalogue(client, superuser)
