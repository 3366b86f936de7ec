"""Fixtures of the Catalogi tests."""

import pytest

from tests.catalogi.factories import create_catalogus


@pytest.fixture
async def catalogus(client, superuser) -> str:
    """The URL of a fresh catalogus."""
    return (await create_catalogus(client, superuser))["url"]
