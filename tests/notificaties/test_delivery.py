"""Delivering the outbox to a real HTTP subscriber: routing, retries, order, crashes and workers."""

import asyncio
import os
import sys
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from tests.catalogi.factories import create_catalogus, create_zaaktype
from tests.helpers import zaakgericht
from tests.notificaties.conftest import Subscriber
from zaakgericht import db
from zaakgericht.notificaties import dispatcher
from zaakgericht.notificaties.models import Abonnement, OutboxMessage
from zaakgericht.notificaties.service import queue_notificatie
from zaakgericht.settings import get_settings

BASE = "http://testserver/notificaties/api/v1"
ZAAKTYPE = "https://catalogi.nl/api/v1/zaaktypen/1"


def message(zaak: int = 1, volgnummer: int = 1, **kenmerken) -> dict:
    return {
        "kanaal": "zaken",
        "hoofdObject": f"https://zaken.nl/api/v1/zaken/{zaak}",
        "resource": "status",
        "resourceUrl": f"https://zaken.nl/api/v1/statussen/{zaak}-{volgnummer}",
        "actie": "create",
        "aanmaakdatum": "2026-11-22T10:00:00Z",
        "kenmerken": {"bronorganisatie": "002220647", "zaaktype": ZAAKTYPE, **kenmerken},
    }


async def subscribe(client, headers, callback: str, filters: dict | None = None, kanaal: str = "zaken") -> None:
    body = {
        "callbackUrl": callback,
        "auth": "Bearer abonnee-geheim",
        "kanalen": [{"naam": kanaal, "filters": filters or {}}],
    }
    response = await client.post(f"{BASE}/abonnement", json=body, headers=headers)
    assert response.status_code == 201, response.text


async def publish(client, headers, *messages: dict) -> None:
    for body in messages:
        response = await client.post(f"{BASE}/notificaties", json=body, headers=headers)
        assert response.status_code == 200, response.text


class Clock:
    """Drives the dispatcher through time without waiting."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    async def dispatch(self, after: timedelta = timedelta(0)) -> int:
        self.now += after
        async with dispatcher.http_client() as client:
            return await dispatcher.dispatch_once(client, self.now)


async def webhook_rows() -> list[OutboxMessage]:
    async with db.read_session() as session:
        statement = select(OutboxMessage).where(OutboxMessage.kind == "webhook").order_by(OutboxMessage.id)
        return list((await session.scalars(statement)).all())


async def test_delivery_carries_the_message_the_auth_header_and_an_idempotency_key(client, superuser, subscriber):
    await subscribe(client, superuser, subscriber.url)
    await publish(client, superuser, message())
    await Clock().dispatch()
    [received] = subscriber.received
    assert received["body"] == message()
    assert received["headers"]["authorization"] == "Bearer abonnee-geheim"
    [row] = await webhook_rows()
    assert received["headers"]["idempotency-key"] == str(row.message_id)
    assert row.delivered_at is not None and row.attempts == 1


async def test_filters_on_kenmerken_route_messages(client, superuser, subscriber):
    await subscribe(client, superuser, f"{subscriber.url}?exact", {"zaaktype": ZAAKTYPE})
    await subscribe(client, superuser, f"{subscriber.url}?wildcard", {"zaaktype": "*"})
    await subscribe(
        client, superuser, f"{subscriber.url}?ander", {"zaaktype": "https://catalogi.nl/api/v1/zaaktypen/2"}
    )
    await subscribe(client, superuser, f"{subscriber.url}?documenten", kanaal="documenten")
    without_zaaktype = message(zaak=2)
    del without_zaaktype["kenmerken"]["zaaktype"]
    await publish(client, superuser, message(zaak=1), without_zaaktype)
    await Clock().dispatch()
    deliveries = sorted((r["body"]["hoofdObject"][-1], r["headers"]["authorization"]) for r in subscriber.received)
    assert len(deliveries) == 5  # zaak 1: exact + wildcard; zaak 2 lacks the kenmerk: exact, wildcard and ander
    async with db.read_session() as session:
        rows = (
            await session.execute(
                select(OutboxMessage.ordering_key, OutboxMessage.abonnement_id).where(OutboxMessage.kind == "webhook")
            )
        ).all()
    per_zaak = {}
    for key, abonnement_id in rows:
        per_zaak.setdefault(key[-1], set()).add(abonnement_id)
    assert len(per_zaak["1"]) == 2 and len(per_zaak["2"]) == 3


async def test_a_failing_subscriber_is_retried_until_it_accepts(client, superuser, subscriber):
    subscriber.answers = [500, 500]
    await subscribe(client, superuser, subscriber.url)
    await publish(client, superuser, message())
    clock = Clock()
    await clock.dispatch()
    assert await clock.dispatch() == 0  # the retry is not due yet
    await clock.dispatch(timedelta(hours=1))
    await clock.dispatch(timedelta(hours=1))
    await clock.dispatch(timedelta(hours=1))
    assert [r["status"] for r in subscriber.received] == [500, 500, 204]
    [row] = await webhook_rows()
    assert row.attempts == 3 and row.delivered_at is not None and row.last_error.startswith("HTTP 500")


async def test_backoff_doubles_with_jitter(monkeypatch):
    monkeypatch.setattr(get_settings(), "outbox_backoff_base", 2.0)
    monkeypatch.setattr(get_settings(), "outbox_backoff_max", 300.0)
    waits = [dispatcher.backoff(attempt).total_seconds() for attempt in range(1, 11)]
    for attempt, wait in enumerate(waits, start=1):
        expected = min(300.0, 2.0 * 2 ** (attempt - 1))
        assert 0.8 * expected <= wait <= 1.2 * expected


async def test_after_the_last_attempt_a_message_is_dead_until_an_operator_retries(
    client, superuser, subscriber, monkeypatch
):
    monkeypatch.setattr(get_settings(), "outbox_max_attempts", 3)
    subscriber.answers = [503] * 3
    await subscribe(client, superuser, subscriber.url)
    await publish(client, superuser, message())
    clock = Clock()
    for _ in range(6):
        await clock.dispatch(timedelta(hours=1))
    assert len(subscriber.received) == 3
    [row] = await webhook_rows()
    assert row.dead_at is not None and row.delivered_at is None

    listed = zaakgericht("outbox", "list", "--dead")
    assert listed.returncode == 0, listed.stderr
    assert str(row.id) in listed.stdout and "dood" in listed.stdout
    retried = zaakgericht("outbox", "retry", str(row.id))
    assert retried.returncode == 0, retried.stderr
    assert "1 bericht" in retried.stdout

    await clock.dispatch(timedelta(hours=1))
    assert [r["status"] for r in subscriber.received] == [503, 503, 503, 204]
    [row] = await webhook_rows()
    assert row.delivered_at is not None


async def test_a_subscriber_down_for_ten_minutes_gets_everything_in_order(client, superuser, subscriber):
    await subscribe(client, superuser, subscriber.url)
    subscriber.stop()
    await publish(client, superuser, *(message(zaak=1, volgnummer=n) for n in range(1, 6)))
    clock = Clock()
    for _ in range(20):  # ten minutes, looked at every 30 seconds
        await clock.dispatch(timedelta(seconds=30))
    assert subscriber.received == []
    subscriber.start()
    for _ in range(40):
        await clock.dispatch(timedelta(seconds=30))
    assert [r["body"]["resourceUrl"][-3:] for r in subscriber.received] == ["1-1", "1-2", "1-3", "1-4", "1-5"]
    assert all(row.delivered_at is not None and row.dead_at is None for row in await webhook_rows())


async def test_messages_about_one_zaak_wait_for_earlier_ones(client, superuser, subscriber):
    subscriber.answers_by_resource = {"1-1": [500]}
    await subscribe(client, superuser, subscriber.url)
    await publish(client, superuser, message(zaak=1, volgnummer=1), message(zaak=1, volgnummer=2), message(zaak=2))
    clock = Clock()
    await clock.dispatch()
    # Zaak 1's first message failed: its second waits, zaak 2 is not held up.
    first_round = {(r["body"]["resourceUrl"][-3:], r["status"]) for r in subscriber.received}
    assert first_round == {("1-1", 500), ("2-1", 204)}
    for _ in range(3):
        await clock.dispatch(timedelta(hours=1))
    delivered = [r["body"]["resourceUrl"][-3:] for r in subscriber.received if r["status"] == 204]
    assert delivered == ["2-1", "1-1", "1-2"]


async def test_a_worker_that_dies_after_claiming_loses_nothing(client, superuser, subscriber):
    await subscribe(client, superuser, subscriber.url)
    await publish(client, superuser, message())
    clock = Clock()
    async with db.write_session() as session:
        await dispatcher.route_due(session, clock.now)
    async with db.write_session() as session:
        assert len(await dispatcher.claim(session, clock.now)) == 1
    # ... and the worker is gone before delivering.
    assert await clock.dispatch() == 0
    assert subscriber.received == []
    await clock.dispatch(timedelta(seconds=get_settings().outbox_claim_seconds + 1))
    assert len(subscriber.received) == 1


async def test_a_catalogue_change_reaches_a_subscriber(client, superuser, subscriber):
    await subscribe(client, superuser, subscriber.url, kanaal="zaaktypen")
    catalogus = (await create_catalogus(client, superuser))["url"]
    zaaktype = await create_zaaktype(client, superuser, catalogus)
    await Clock().dispatch()
    [received] = subscriber.received
    assert received["body"]["resourceUrl"] == zaaktype["url"]
    assert received["body"]["kenmerken"] == {"catalogus": catalogus}


async def test_two_workers_deliver_a_thousand_messages_once_each(client, superuser, subscriber):
    await subscribe(client, superuser, subscriber.url)
    async with db.write_session() as session:
        for number in range(1000):
            body = message(zaak=number % 50, volgnummer=number)
            queue_notificatie(
                session,
                kanaal=body["kanaal"],
                hoofd_object=body["hoofdObject"],
                resource=body["resource"],
                resource_url=body["resourceUrl"],
                actie=body["actie"],
                kenmerken=body["kenmerken"],
            )
    command = [sys.executable, "-c", "from zaakgericht.cli import app; app()", "worker", "--drain"]
    workers = [
        await asyncio.create_subprocess_exec(*command, env=os.environ.copy(), stderr=asyncio.subprocess.PIPE)
        for _ in range(2)
    ]
    for worker in workers:
        _, stderr = await asyncio.wait_for(worker.communicate(), timeout=240)
        assert worker.returncode == 0, stderr.decode()[-2000:]
    keys = [r["headers"]["idempotency-key"] for r in subscriber.received]
    assert len(keys) == 1000, "every message is delivered"
    assert len(set(keys)) == 1000, "no message is delivered twice"
    per_zaak: dict[str, list[int]] = {}
    for r in subscriber.received:
        per_zaak.setdefault(r["body"]["hoofdObject"], []).append(int(r["body"]["resourceUrl"].rsplit("-", 1)[1]))
    assert all(numbers == sorted(numbers) for numbers in per_zaak.values()), "in order per zaak"


async def test_a_poisoned_abonnement_fails_alone_and_the_healthy_one_gets_each_message_once(client, superuser):
    healthy, poisoned_target = Subscriber.started(), Subscriber.started()
    try:
        await subscribe(client, superuser, healthy.url)
        await subscribe(client, superuser, poisoned_target.url)
        await subscribe(client, superuser, poisoned_target.url)
        # The API refuses these values now; rows written before that (or by hand) still hold them.
        async with db.write_session() as session:
            first, second = (await session.scalars(select(Abonnement).order_by(Abonnement.id))).all()[1:]
            first.auth = "Bearer \u00f9"  # not Latin-1, not ASCII: cannot be sent as a header
            second.callback_url = "http://127.0.0.1:99999/callback"  # not a port: the delivery cannot be made
        await publish(client, superuser, message(volgnummer=1), message(volgnummer=2))
        clock = Clock()
        await clock.dispatch()
        for _ in range(3):  # later rounds, past the claim timeout of anything left claimed
            await clock.dispatch(timedelta(seconds=get_settings().outbox_claim_seconds + 1))

        assert healthy.bodies == [message(volgnummer=1), message(volgnummer=2)]
        assert poisoned_target.received == []
        rows = await webhook_rows()
        by_abonnement = {}
        for row in rows:
            by_abonnement.setdefault(row.abonnement_id, []).append(row)
        healthy_rows, bad_auth_rows, bad_url_rows = by_abonnement.values()
        assert all(row.delivered_at is not None and row.attempts == 1 for row in healthy_rows)
        # The unsendable auth will never work: dead at once, with the reason.
        assert len(bad_auth_rows) == 2
        for dead in bad_auth_rows:
            assert dead.dead_at is not None and dead.attempts == 1
            assert "auth" in dead.last_error and "\u00f9" not in dead.last_error
        # The unexpected error is settled like any failure: attempted, retried later, the reason kept.
        assert all(row.delivered_at is None for row in bad_url_rows)
        assert bad_url_rows[0].attempts >= 1 and bad_url_rows[0].last_error
    finally:
        healthy.stop()
        poisoned_target.stop()
