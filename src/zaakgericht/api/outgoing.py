"""The one policy for outgoing HTTP requests: only to hosts the operator configured.

Clients may send URLs that this installation then fetches (a remote zaak, besluittype or selectielijst
resource) or calls back (an abonnement's callbackUrl). Without a policy the server would be a proxy into its
own network. So every outgoing request goes through ``CheckedTransport``, which

- refuses a URL whose host[:port] is not on the list for that kind of request (``remote_hosts()`` for
  fetching, ``callback_hosts()`` for notifications, ``url_hosts(...)`` for a URL the operator configured,
  such as the OIDC issuer), before anything is resolved or sent;
- resolves the name itself and refuses the connection when any of its addresses is loopback, link-local,
  private or otherwise not public, unless that address is listed (an IP address or a network in CIDR
  form), and then connects to the address it checked (so the name cannot resolve differently in between);
- checks every request again, so each hop of a redirect is checked like the first URL.

A refused URL raises ``Refused`` before any byte leaves the machine: the caller answers ``bad-url`` with the
same message whatever may listen there. URLs of this installation never come here: they are resolved to rows.
"""

import asyncio
import ipaddress
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

import httpcore
import httpx

from ..settings import get_settings

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

REFUSED_REASON = "De URL {url} verwijst niet naar een host waarmee deze installatie mag verbinden."


class Refused(Exception):
    """The URL (or an address its host resolves to) is not allowed by the policy; nothing was sent."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One allowed host: a name or a network (an address is a network of one), on one port or on all."""

    name: str | None = None
    network: IPNetwork | None = None
    port: int | None = None
    # For a URL the operator configured as such (the OIDC issuer): its name may resolve to any address.
    any_address: bool = False

    def allows_port(self, port: int) -> bool:
        return self.port is None or self.port == port


Hosts = tuple[Entry, ...]


def _entry(text: str) -> Entry:
    """``host``, ``host:port``, ``10.0.0.0/8``, ``[::1]:8000``; a bare IPv6 address or network needs no brackets."""
    host, port = text, None
    if text.startswith("["):
        host, _, rest = text[1:].partition("]")
        if rest:
            port = int(rest.removeprefix(":"))
    elif text.count(":") == 1:
        host, port_text = text.split(":")
        port = int(port_text)
    if port is not None and not 0 < port < 65536:
        raise ValueError(f"Ongeldige poort in de hostlijst: {text!r}")
    try:
        return Entry(network=ipaddress.ip_network(host, strict=False), port=port)
    except ValueError:
        return Entry(name=host.rstrip("."), port=port)


@lru_cache(maxsize=16)
def parse_hosts(text: str) -> Hosts:
    """A host list from a setting: entries separated by commas or whitespace."""
    return tuple(_entry(item) for item in text.lower().replace(",", " ").split())


def remote_hosts() -> Hosts:
    """Where resources of other installations may be fetched: ``ZAAKGERICHT_REMOTE_HOSTS``."""
    return parse_hosts(get_settings().remote_hosts)


def callback_hosts() -> Hosts:
    """Where abonnementen may be called back: ``ZAAKGERICHT_CALLBACK_HOSTS``."""
    return parse_hosts(get_settings().callback_hosts)


def url_hosts(urls: Iterable[str]) -> Hosts:
    """The hosts of URLs the operator configured (or that a configured party named), at any address."""
    entries = []
    for url in urls:
        parts = urlsplit(url)
        if parts.hostname:
            entry = _entry(parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]")
            entries.append(Entry(entry.name, entry.network, _port(parts), any_address=True))
    return tuple(entries)


def _port(parts) -> int:
    return parts.port or (443 if parts.scheme == "https" else 80)


def _address(host: str) -> IPAddress | None:
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return None
    return getattr(address, "ipv4_mapped", None) or address


def check_url(url: str, hosts: Hosts) -> None:
    """Refuse (``Refused``) a URL that is not http(s) or whose host[:port] is not listed; resolves nothing."""
    try:
        parts = urlsplit(url)
        port = _port(parts)
    except ValueError:
        raise Refused(url) from None
    host = (parts.hostname or "").rstrip(".")
    if parts.scheme not in ("http", "https") or not host:
        raise Refused(url)
    address = _address(host)
    for entry in hosts:
        if not entry.allows_port(port):
            continue
        if address is not None and entry.network is not None and address in entry.network:
            return
        if address is None and entry.name == host:
            return
    raise Refused(url)


def is_allowed(url: str, hosts: Hosts) -> bool:
    try:
        check_url(url, hosts)
    except Refused:
        return False
    return True


def _address_allowed(address: IPAddress, host: str, port: int, hosts: Hosts) -> bool:
    if address.is_global and not address.is_multicast:
        return True
    for entry in hosts:
        if not entry.allows_port(port):
            continue
        if entry.network is not None and address in entry.network:
            return True
        if entry.any_address and entry.name == host:
            return True
    return False


class _CheckedBackend(httpcore.AsyncNetworkBackend):
    """Resolves a host itself, checks every address, and connects to a checked one."""

    def __init__(self, inner: httpcore.AsyncNetworkBackend, hosts: Callable[[], Hosts]) -> None:
        self._inner = inner
        self._hosts = hosts

    async def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        name = host.rstrip(".").lower()
        try:
            found = await asyncio.get_running_loop().getaddrinfo(name, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as exc:
            raise httpcore.ConnectError(f"De naam {name} is niet gevonden") from exc
        addresses = list(dict.fromkeys(_address(str(info[4][0]).split("%")[0]) for info in found))
        hosts = self._hosts()
        if not addresses or not all(
            address is not None and _address_allowed(address, name, port, hosts) for address in addresses
        ):
            raise Refused(f"{name}:{port}")
        error: Exception | None = None
        for address in addresses:
            try:
                return await self._inner.connect_tcp(str(address), port, timeout, local_address, socket_options)
            except httpcore.ConnectError as exc:
                error = exc
        raise error

    async def connect_unix_socket(self, path, timeout=None, socket_options=None):
        raise Refused(path)

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


class CheckedTransport(httpx.AsyncHTTPTransport):
    """httpx's transport with the policy: every request's URL, and every address connected to, is checked."""

    def __init__(self, hosts: Callable[[], Hosts], **kwargs) -> None:
        super().__init__(**kwargs)
        self._hosts = hosts
        # httpx takes no network backend; its connection pool does (and connects only through it).
        self._pool._network_backend = _CheckedBackend(self._pool._network_backend, hosts)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        check_url(str(request.url), self._hosts())
        return await super().handle_async_request(request)


def client(hosts: Callable[[], Hosts], *, timeout: float, **kwargs) -> httpx.AsyncClient:
    """An httpx client whose requests follow the policy for ``hosts`` (no proxies from the environment)."""
    limits = kwargs.pop("limits", httpx.Limits())
    return httpx.AsyncClient(
        transport=CheckedTransport(hosts, limits=limits), timeout=timeout, trust_env=False, **kwargs
    )
