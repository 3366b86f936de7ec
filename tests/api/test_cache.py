"""Cached catalogue bodies stay correct when another request or process changes the catalogue."""

import os
import subprocess
import sys
import textwrap

from sqlalchemy import select

from tests.catalogi.factories import create_zaaktype
from tests.conftest import count_queries
from zaakgericht import db
from zaakgericht.api.cache import BodyCache, CacheVersion, bump


async def test_a_change_by_another_process_is_seen_on_the_next_request(client, superuser):
    zaaktype = await create_zaaktype(client, superuser)
    assert (await client.get(zaaktype["url"], headers=superuser)).json()["doel"] != "Gewijzigd elders"
    script = textwrap.dedent(
        f"""
        import asyncio
        import uuid
        from zaakgericht import db
        from zaakgericht.api.auth import AuthContext
        from zaakgericht.api.urls import set_base_url
        from zaakgericht.catalogi import queries, service
        from zaakgericht.catalogi.models import ZaakType

        async def main():
            set_base_url("http://testserver")
            auth = AuthContext(client_id="x", applicatie_label="x", heeft_alle_autorisaties=True)
            async with db.write_session() as session:
                zaaktype_uuid = uuid.UUID("{zaaktype["url"].rsplit("/", 1)[1]}")
                zaaktype = await queries.get_by_uuid(session, ZaakType, zaaktype_uuid)
                change = {{"doel": "Gewijzigd elders"}}
                await service.save_type(session, auth, service.ZAAKTYPE, change, zaaktype, partial=True)
            await db.dispose_engine()

        asyncio.run(main())
        """
    )
    result = subprocess.run([sys.executable, "-c", script], env=os.environ.copy(), capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (await client.get(zaaktype["url"], headers=superuser)).json()["doel"] == "Gewijzigd elders"


async def test_a_request_that_read_an_older_version_does_not_fill_the_cache():
    cache = BodyCache("test-race")

    async def build_while_the_domain_changes(keys):
        async with db.write_session() as session:
            await bump(session, "test-race")
        async with db.read_session() as session:
            await cache.sync(session)  # a concurrent request that saw the change
        return {key: {"stale": True} for key in keys}

    async with db.read_session() as session:
        assert await cache.bodies(session, ["a"], build_while_the_domain_changes) == [{"stale": True}]

    async def fresh(keys):
        return {key: {"stale": False} for key in keys}

    async with db.read_session() as session:
        assert await cache.bodies(session, ["a"], fresh) == [{"stale": False}]
        version = await session.scalar(select(CacheVersion.version).where(CacheVersion.name == "test-race"))
    assert version == 1


async def test_a_warm_detail_costs_two_queries(client, superuser):
    zaaktype = await create_zaaktype(client, superuser)
    await client.get(zaaktype["url"], headers=superuser)
    with count_queries() as counted:
        response = await client.get(zaaktype["url"], headers=superuser)
    assert response.status_code == 200
    assert counted[0] == 2  # the client's applicatie and the catalogue version
