"""Fuzz the six APIs from their own OAS with schemathesis, against a real ``zaakgericht serve``.

The script makes a fresh SQLite data dir (or uses ``--database-url``), loads the demo catalogue and
client (``zaakgericht demo``, whose token has every scope), starts ``zaakgericht serve`` on a free
port of 127.0.0.1 and, for every operation of every API, sends ``--examples`` generated requests
(valid ones and ones that break the schema, mixed; in half of them the references and path uuids
name the demo's own resources, so requests get past "does not exist" into the services). It fails when any response is a 5xx, the
connection drops, or a response is not what the OAS defines for the operation (status code,
content type and body), with the errata of ``tests/oas.py``: that is the same check every API
test applies.

Each API's served OAS (``<mount>/schema/openapi.yaml``) gives the server URL; requests are generated
from the document ``tests/oas.py`` validates with, which is the same file with the errata applied
(for Zaken and Documenten the offline copies of ``tests/oas``, whose Catalogi references are local
rather than on GitHub); the script checks that both have the same operations.

    python scripts/fuzz.py                                  # as CI: 5 examples per operation, at most 7 minutes
    python scripts/fuzz.py --examples 200 --max-time 7200   # before a release (see bench/README.md)

With ``CI`` set the examples are the same on every run (Hypothesis derandomised), so CI does not
fail at random; without it every run tries new ones.
"""

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import warnings
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import requests
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from tests.oas import assert_oas, spec  # noqa: E402  (the test helper is the judge of every response)
from zaakgericht.api.urls import MOUNTS  # noqa: E402

APIS = ("catalogi", "zaken", "documenten", "besluiten", "autorisaties", "notificaties")


@dataclass
class Report:
    requests: int = 0
    statuses: Counter = field(default_factory=Counter)
    failures: dict = field(default_factory=dict)
    skipped: list = field(default_factory=list)

    def fail(self, operation: str, kind: str, detail: str, curl: str) -> None:
        """Keep the first example of each kind of failure per operation."""
        key = (operation, kind)
        if key not in self.failures:
            self.failures[key] = (detail[:1500], curl)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


CLI = [sys.executable, "-c", "from zaakgericht.cli import app; app()"]


def start_server(data_dir: Path, database_url: str) -> tuple[subprocess.Popen, str, str]:
    """Load the demo into a fresh database, start the server, return it, its base URL and a token."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]),
        "ZAAKGERICHT_DATA_DIR": str(data_dir),
        "ZAAKGERICHT_BASE_URL": base,
        "ZAAKGERICHT_LOG_LEVEL": "warning",
    }
    # Never an installation's own database by accident: SQLite in the temporary data dir unless asked.
    env.pop("ZAAKGERICHT_DATABASE_URL", None)
    if database_url:
        env["ZAAKGERICHT_DATABASE_URL"] = database_url
    demo = subprocess.run([*CLI, "demo"], env=env, check=True, capture_output=True, text=True)
    token = demo.stdout.strip().splitlines()[-1]
    log = open(data_dir / "server.log", "wb")  # noqa: SIM115  (kept open while the server runs)
    server = subprocess.Popen(
        [*CLI, "serve", "--port", str(port)], env=env, stdout=log, stderr=log
    )
    for _ in range(100):
        try:
            if httpx.get(f"{base}/api", timeout=1).status_code < 500:
                return server, base, token
        except httpx.HTTPError:
            pass
        if server.poll() is not None:
            break
        time.sleep(0.2)
    server.terminate()
    raise SystemExit(f"zaakgericht serve did not start; see {data_dir / 'server.log'}")


def fuzz_schema(api: str, base: str) -> dict:
    """The document to fuzz ``api`` with: the served one, with tests/oas.py's errata and local references."""
    served = yaml.safe_load(httpx.get(f"{base}{MOUNTS[api]}/schema/openapi.yaml", timeout=30).raise_for_status().text)
    document = dict(spec(api))
    operations = {(path, method) for path, item in document["paths"].items() for method in item}
    served_operations = {(path, method) for path, item in served["paths"].items() for method in item}
    if operations != served_operations:
        raise SystemExit(f"{api}: the served OAS and tests/oas differ in operations")
    document["servers"] = served["servers"]
    return document


def _as_httpx(response) -> httpx.Response:
    request = response.request
    return httpx.Response(
        response.status_code,
        headers=[(name, value) for name, values in response.headers.items() for value in values],
        content=response.content,
        request=httpx.Request(request.method, request.url),
    )


# Fields and path parameters that name a resource, and where the demo's resources of that kind are listed.
# Random URLs only ever reach the "does not exist" branches; with the demo's own URLs half of the
# requests get past them into the services.
REFERENCES = {
    "catalogus": ("catalogi", "catalogussen"),
    "zaaktype": ("catalogi", "zaaktypen"),
    "statustype": ("catalogi", "statustypen"),
    "roltype": ("catalogi", "roltypen"),
    "resultaattype": ("catalogi", "resultaattypen"),
    "eigenschap": ("catalogi", "eigenschappen"),
    "zaakobjecttype": ("catalogi", "zaakobjecttypen"),
    "informatieobjecttype": ("catalogi", "informatieobjecttypen"),
    "besluittype": ("catalogi", "besluittypen"),
    "zaak": ("zaken", "zaken"),
    "hoofdzaak": ("zaken", "zaken"),
    "informatieobject": ("documenten", "enkelvoudiginformatieobjecten"),
    "besluit": ("besluiten", "besluiten"),
}


def demo_references(base: str, token: str) -> dict[str, list[str]]:
    """The URLs of the demo's resources per kind (first page of each list)."""
    found: dict[str, list[str]] = {}
    headers = {"Authorization": f"Bearer {token}", "Accept-Crs": "EPSG:4326"}
    for api, resource in set(REFERENCES.values()):
        response = httpx.get(f"{base}{MOUNTS[api]}/{resource}", headers=headers, timeout=60)
        body = response.json() if response.status_code == 200 else {}
        found[resource] = [item["url"] for item in body.get("results", body if isinstance(body, list) else [])]
    return found


def _with_demo_references(case, references: dict[str, list[str]], random) -> None:
    """Point the body's references and the path's uuids at demo resources (in place)."""
    if isinstance(case.body, dict):
        for name, value in list(case.body.items()):
            urls = references.get(REFERENCES.get(name, ("", ""))[1])
            if urls and isinstance(value, str):
                case.body[name] = random.choice(urls)
    resource = next((part for part in reversed(case.path.split("/")) if part and "{" not in part), "")
    for name in case.path_parameters or {}:
        kind = resource if name == "uuid" else name.removesuffix("_uuid")
        urls = references.get(kind) or references.get(REFERENCES.get(kind, ("", ""))[1])
        if urls:
            case.path_parameters[name] = random.choice(urls).rsplit("/", 1)[1]


def fuzz_api(
    api: str, base: str, token: str, examples: int, deadline: float, report: Report, only: str, references: dict
) -> None:
    import schemathesis
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import strategies as st

    schema = schemathesis.openapi.from_dict(fuzz_schema(api, base))
    session = requests.Session()
    headers = {"Authorization": f"Bearer {token}"}
    api_url = base + MOUNTS[api]
    for result in schema.get_all_operations():
        operation = result.ok()
        label = f"{api} {operation.method.upper()} {operation.path}"
        if only and only not in label:
            continue
        if time.monotonic() > deadline:
            report.skipped.append(label)
            continue
        strategy = st.one_of(
            operation.as_strategy(schemathesis.GenerationMode.POSITIVE),
            operation.as_strategy(schemathesis.GenerationMode.NEGATIVE),
        )

        @given(case=strategy, demo=st.booleans(), random=st.randoms(use_true_random=False))
        @settings(
            max_examples=examples,
            deadline=None,
            database=None,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
            derandomize=bool(os.environ.get("CI")),
        )
        def run(case, demo, random):
            if time.monotonic() > deadline:
                return
            if demo:
                _with_demo_references(case, references, random)
            report.requests += 1
            try:
                response = case.call(base_url=api_url, session=session, headers=headers, timeout=60)
            except requests.RequestException as exc:
                report.fail(label, "connection", f"{type(exc).__name__}: {exc}", case.as_curl_command())
                return
            report.statuses[response.status_code // 100 * 100] += 1
            if response.status_code >= 500:
                report.fail(label, f"{response.status_code}", response.text[:1500], case.as_curl_command())
                return
            try:
                assert_oas(_as_httpx(response))
            except AssertionError as exc:
                report.fail(label, f"{response.status_code} not as the OAS says", str(exc), case.as_curl_command())

        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                run()
        except Exception as exc:  # a schema hypothesis cannot generate from is reported, not hidden
            report.fail(label, "generation", f"{type(exc).__name__}: {exc}", "")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=5, help="generated requests per operation (default 5)")
    parser.add_argument("--max-time", type=float, default=420, help="seconds for the whole run (default 420)")
    parser.add_argument("--api", action="append", choices=APIS, help="fuzz only this API (repeatable)")
    parser.add_argument("--only", default="", help="fuzz only operations whose label contains this text")
    parser.add_argument("--database-url", default="", help="run the server on this database (default: SQLite)")
    args = parser.parse_args()

    started = time.monotonic()
    deadline = started + args.max_time
    report = Report()
    with tempfile.TemporaryDirectory(prefix="zaakgericht-fuzz-") as data_dir:
        server, base, token = start_server(Path(data_dir), args.database_url)
        try:
            references = demo_references(base, token)
            for api in args.api or APIS:
                api_started, api_requests = time.monotonic(), report.requests
                fuzz_api(api, base, token, args.examples, deadline, report, args.only, references)
                print(
                    f"{api}: {report.requests - api_requests} requests in {time.monotonic() - api_started:.0f} s",
                    flush=True,
                )
        finally:
            server.terminate()
            server.wait(timeout=30)
        log = (Path(data_dir) / "server.log").read_text("utf-8", "replace")
    for (operation, kind), (detail, curl) in sorted(report.failures.items()):
        print(f"\nFAIL {operation} [{kind}]\n{detail}\n{curl}")
    if report.failures and "Traceback" in log:
        print("\nServer log (last part):\n" + log[-4000:])
    statuses = ", ".join(f"{status // 100}xx: {count}" for status, count in sorted(report.statuses.items()))
    print(
        f"\nFuzzed {len(args.api or APIS)} APIs with {args.examples} examples per operation: {report.requests} "
        f"requests in {time.monotonic() - started:.0f} s ({statuses}); {len(report.failures)} distinct failures."
    )
    if report.skipped:
        print(f"Out of time (--max-time {args.max_time:.0f}): {len(report.skipped)} operations not fuzzed.")
    return 1 if report.failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
