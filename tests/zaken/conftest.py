"""Fixtures of the Zaken API tests."""

import pytest

from tests.smtp import smtp_server  # noqa: F401 - the SMTP server fixture
from tests.zaken.factories import create_zaaktype_setup


@pytest.fixture
async def zaaktype(client, superuser):
    """A published zaaktype with statustypen, roltypen, a resultaattype and eigenschappen."""
    return await create_zaaktype_setup(client, superuser)
