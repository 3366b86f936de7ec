"""A real HTTP subscriber on 127.0.0.1 that records what it receives (and a real SMTP server, tests/smtp.py)."""

import socket
import threading
import time
from dataclasses import dataclass, field

import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from tests.smtp import smtp_server  # noqa: F401 - the SMTP server fixture


@dataclass
class Subscriber:
    url: str
    port: int
    received: list[dict] = field(default_factory=list)
    # Status codes to answer, in order; 204 once they run out.
    answers: list[int] = field(default_factory=list)
    # Status codes to answer, in order, for a resourceUrl ending in the key: deliveries made at the same
    # time arrive in any order.
    answers_by_resource: dict[str, list[int]] = field(default_factory=dict)
    server: uvicorn.Server | None = None
    thread: threading.Thread | None = None

    @property
    def bodies(self) -> list[dict]:
        return [request["body"] for request in self.received]

    def stop(self) -> None:
        if self.server:
            self.server.should_exit = True
            self.thread.join(timeout=10)
            self.server = self.thread = None

    @classmethod
    def started(cls) -> "Subscriber":
        port = free_port()
        running = cls(url=f"http://127.0.0.1:{port}/callback", port=port)
        running.start()
        return running

    def start(self) -> None:
        async def callback(request: Request) -> Response:
            body = await request.json()
            own = next((q for end, q in self.answers_by_resource.items() if body["resourceUrl"].endswith(end)), [])
            status = own.pop(0) if own else self.answers.pop(0) if self.answers else 204
            self.received.append({"headers": dict(request.headers), "body": body, "status": status})
            return Response(status_code=status)

        app = Starlette(routes=[Route("/callback", callback, methods=["POST"])])
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            assert time.monotonic() < deadline, "the subscriber did not start"
            time.sleep(0.01)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def subscriber():
    running = Subscriber.started()
    yield running
    running.stop()
