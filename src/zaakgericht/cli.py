"""The ``zaakgericht`` command: serve, migrate, manage API clients, print tokens, load the demo."""

import asyncio
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from .api.auth import VERTROUWELIJKHEIDAANDUIDINGEN, make_token

app = typer.Typer(help="Zaakgericht, een zaaksysteem volgens de API's voor Zaakgericht Werken.", no_args_is_help=True)
applicatie_app = typer.Typer(help="API-clients (applicaties) beheren.", no_args_is_help=True)
app.add_typer(applicatie_app, name="applicatie")
medewerker_app = typer.Typer(help="Accounts van medewerkers (voor de webapplicatie) beheren.", no_args_is_help=True)
app.add_typer(medewerker_app, name="medewerker")
zoekindex_app = typer.Typer(help="De zoekindex (zoeken in zaken en documenten).", no_args_is_help=True)
app.add_typer(zoekindex_app, name="zoekindex")
outbox_app = typer.Typer(help="De outbox van notificaties bekijken en herstellen.", no_args_is_help=True)
app.add_typer(outbox_app, name="outbox")
signalen_app = typer.Typer(help="Signaleringen van medewerkers.", no_args_is_help=True)
app.add_typer(signalen_app, name="signalen")
catalogus_app = typer.Typer(
    help="Een catalogus exporteren en importeren als ZIP in het formaat van Open Zaak.", no_args_is_help=True
)
app.add_typer(catalogus_app, name="catalogus")
console = Console()
# Output that is not a terminal (a file, a pipe, a test) has no width: tables keep their whole content.
UNLIMITED_WIDTH = 100_000


def _run(coroutine):
    from .db import dispose_engine

    async def run_and_dispose():
        try:
            return await coroutine
        finally:
            await dispose_engine()

    return asyncio.run(run_and_dispose())


def _print_table(table) -> None:
    """A table as wide as the terminal, or as wide as its content when the output is not a terminal."""
    if console.is_terminal:
        console.print(table)
    else:
        Console(width=UNLIMITED_WIDTH).print(table)


def _port_in_use(host: str, port: int) -> bool:
    """Whether ``host:port`` cannot be listened on (another server has it), checked as uvicorn binds."""
    import socket

    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except OSError:
        return False  # an unknown host is uvicorn's to report
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError:
            return True
    return False


@app.command()
def migrate() -> None:
    """Breng de database naar het nieuwste schema."""
    from .migrations import upgrade

    upgrade()
    console.print("Database is bijgewerkt.")


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Adres om op te luisteren.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Poort om op te luisteren.")] = 8000,
) -> None:
    """Werk de database bij en start de server."""
    import uvicorn

    from .accesslog import log_config
    from .migrations import upgrade
    from .settings import get_settings

    settings = get_settings()
    if _port_in_use(host, port):
        console.print(
            f"[red]Poort {port} op {host} is al in gebruik, bijvoorbeeld door een andere server. "
            "Stop die, of kies een andere poort met --port.[/red]"
        )
        raise typer.Exit(1)
    upgrade()
    base = settings.base_url or f"http://{host}:{port}"
    console.print(f"Zaakgericht draait op [bold]{base}/[/bold]  (Catalogi API: {base}/catalogi/api/v1/)")
    # Uvicorn's access log writes query strings (BSNs): the application logs requests itself.
    uvicorn.run(
        "zaakgericht.app:create_serving_app",
        factory=True,
        host=host,
        port=port,
        log_level=settings.log_level,
        log_config=log_config(settings.log_level),
        access_log=False,
    )


@app.command()
def token(
    client_id: Annotated[str, typer.Option("--client-id", help="De client id van de applicatie.")],
    secret: Annotated[str, typer.Option("--secret", help="Het gedeelde geheim.")],
    user_id: Annotated[str, typer.Option("--user-id", help="Gebruiker namens wie de client handelt.")] = "",
    user_representation: Annotated[
        str, typer.Option("--user-representation", help="Naam van die gebruiker, zoals die in de audit trail komt.")
    ] = "",
) -> None:
    """Print een JWT-ZGW token."""
    typer.echo(make_token(client_id, secret, user_id=user_id, user_representation=user_representation))


@applicatie_app.command("create")
def applicatie_create(
    client_id: Annotated[str, typer.Option("--client-id", help="De client id van de nieuwe applicatie.")],
    secret: Annotated[str, typer.Option("--secret", help="Het gedeelde geheim waarmee de client tokens tekent.")],
    label: Annotated[str, typer.Option("--label", help="Naam van de applicatie.")] = "",
    alle_autorisaties: Annotated[bool, typer.Option("--alle-autorisaties", help="Alles toestaan.")] = False,
    scope: Annotated[list[str], typer.Option("--scope", help="Een scope, bv. catalogi.lezen (herhaalbaar).")] = [],
    zaaktype: Annotated[list[str], typer.Option("--zaaktype", help="URL van een zaaktype (zaken.*-scopes).")] = [],
    informatieobjecttype: Annotated[
        list[str], typer.Option("--informatieobjecttype", help="URL van een informatieobjecttype (documenten.*).")
    ] = [],
    besluittype: Annotated[
        list[str], typer.Option("--besluittype", help="URL van een besluittype (besluiten.*).")
    ] = [],
    max_vertrouwelijkheidaanduiding: Annotated[
        str, typer.Option("--max-vertrouwelijkheidaanduiding", help="Hoogste vertrouwelijkheid voor zaken/documenten.")
    ] = "zeer_geheim",
) -> None:
    """Maak een API-client aan en print een token ervoor."""
    from .autorisaties import service

    if max_vertrouwelijkheidaanduiding not in VERTROUWELIJKHEIDAANDUIDINGEN:
        raise typer.BadParameter(f"Kies uit: {', '.join(VERTROUWELIJKHEIDAANDUIDINGEN)}.")
    if not alle_autorisaties and not scope:
        raise typer.BadParameter("Geef --alle-autorisaties of ten minste één --scope.")
    try:
        autorisaties = service.autorisaties_for_scopes(
            scope,
            zaaktypen=zaaktype,
            informatieobjecttypen=informatieobjecttype,
            besluittypen=besluittype,
            max_vertrouwelijkheidaanduiding=max_vertrouwelijkheidaanduiding,
        )
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    try:
        _run(
            service.create_applicatie_with_secret(
                client_id=client_id,
                secret=secret,
                label=label or client_id,
                heeft_alle_autorisaties=alle_autorisaties,
                autorisaties=autorisaties,
            )
        )
    except service.ClientExists as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(1) from None
    typer.echo(make_token(client_id, secret))


@applicatie_app.command("secret")
def applicatie_secret(
    client_id: Annotated[str, typer.Option("--client-id", help="De client id van een bestaande applicatie.")],
    secret: Annotated[str, typer.Option("--secret", help="Het nieuwe gedeelde geheim.")],
) -> None:
    """Zet of wijzig het JWT-geheim van een bestaande client id."""
    from .autorisaties import service

    try:
        _run(service.set_secret(client_id, secret))
    except service.UnknownClient as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(1) from None
    console.print(f"Het geheim van {client_id} is ingesteld.")


def _nieuw_wachtwoord(wachtwoord: str | None) -> str:
    from .accounts.service import check_wachtwoord

    if wachtwoord is None:
        wachtwoord = typer.prompt("Wachtwoord", hide_input=True, confirmation_prompt="Wachtwoord nogmaals")
    if error := check_wachtwoord(wachtwoord):
        raise typer.BadParameter(error, param_hint="--wachtwoord")
    return wachtwoord


@medewerker_app.command("create")
def medewerker_create(
    gebruikersnaam: Annotated[str, typer.Option("--gebruikersnaam", help="Naam om mee in te loggen.")],
    naam: Annotated[str, typer.Option("--naam", help="Volledige naam van de medewerker.")],
    organisatie: Annotated[str, typer.Option("--organisatie", help="RSIN van de organisatie (9 cijfers).")],
    rol: Annotated[
        list[str], typer.Option("--rol", help="behandelaar, kcc, beheerder, manager of archivaris (herhaalbaar).")
    ],
    email: Annotated[str, typer.Option("--email", help="E-mailadres.")] = "",
    afdeling: Annotated[str, typer.Option("--afdeling", help="Afdeling of team.")] = "",
    alle_autorisaties: Annotated[
        bool, typer.Option("--alle-autorisaties", help="Alle zaaktypen, elke vertrouwelijkheid.")
    ] = False,
    zaaktype: Annotated[list[str], typer.Option("--zaaktype", help="URL van een zaaktype (herhaalbaar).")] = [],
    max_vertrouwelijkheidaanduiding: Annotated[
        str, typer.Option("--max-vertrouwelijkheidaanduiding", help="Hoogste vertrouwelijkheid voor die zaaktypen.")
    ] = "zeer_geheim",
    oidc_subject: Annotated[str, typer.Option("--oidc-subject", help="Subject bij de OpenID Connect-provider.")] = "",
    wachtwoord: Annotated[
        str | None, typer.Option("--wachtwoord", help="Wachtwoord; zonder deze optie wordt erom gevraagd.")
    ] = None,
    zonder_wachtwoord: Annotated[
        bool, typer.Option("--zonder-wachtwoord", help="Alleen inloggen via OpenID Connect.")
    ] = False,
) -> None:
    """Maak een account voor een medewerker aan."""
    from .accounts import service
    from .db import write_session

    if max_vertrouwelijkheidaanduiding not in VERTROUWELIJKHEIDAANDUIDINGEN:
        raise typer.BadParameter(f"Kies uit: {', '.join(VERTROUWELIJKHEIDAANDUIDINGEN)}.")
    geheim = None if zonder_wachtwoord else _nieuw_wachtwoord(wachtwoord)
    gegevens = service.MedewerkerGegevens(
        gebruikersnaam=gebruikersnaam,
        naam=naam,
        organisatie=organisatie,
        rollen=rol,
        email=email,
        afdeling=afdeling,
        heeft_alle_autorisaties=alle_autorisaties,
        autorisaties=[(url, max_vertrouwelijkheidaanduiding) for url in zaaktype],
        oidc_subject=oidc_subject,
    )

    async def create() -> None:
        async with write_session() as session:
            await service.create_medewerker(session, gegevens, geheim)

    try:
        _run(create())
    except service.ValidationFailed as exc:
        for veld, melding in exc.errors.items():
            console.print(f"[red]{veld}: {melding}[/red]")
        raise typer.Exit(1) from None
    console.print(f"Medewerker {gebruikersnaam} is aangemaakt.")


@medewerker_app.command("wachtwoord")
def medewerker_wachtwoord(
    gebruikersnaam: Annotated[str, typer.Option("--gebruikersnaam", help="De medewerker.")],
    wachtwoord: Annotated[
        str | None, typer.Option("--wachtwoord", help="Nieuw wachtwoord; zonder deze optie wordt erom gevraagd.")
    ] = None,
) -> None:
    """Stel een nieuw wachtwoord in (heft een blokkade op en beëindigt de sessies van de medewerker)."""
    from .accounts import service
    from .db import write_session

    geheim = _nieuw_wachtwoord(wachtwoord)

    async def change() -> None:
        async with write_session() as session:
            medewerker = await service.get_by_gebruikersnaam(session, gebruikersnaam)
            await service.set_wachtwoord(session, medewerker, geheim)

    try:
        _run(change())
    except service.UnknownMedewerker as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(1) from None
    console.print(f"Het wachtwoord van {gebruikersnaam} is ingesteld.")


@medewerker_app.command("list")
def medewerker_list() -> None:
    """Toon alle medewerkers."""
    from rich.table import Table

    from .accounts import service
    from .db import read_session

    async def rows():
        async with read_session() as session:
            return await service.list_medewerkers(session)

    table = Table("gebruikersnaam", "naam", "organisatie", "afdeling", "rollen", "autorisaties", "status")
    for medewerker in _run(rows()):
        status = (
            "inactief" if not medewerker.actief else ("geblokkeerd" if service.is_geblokkeerd(medewerker) else "actief")
        )
        table.add_row(
            medewerker.gebruikersnaam,
            medewerker.naam,
            medewerker.organisatie,
            medewerker.afdeling,
            ", ".join(medewerker.rollen),
            "alle" if medewerker.heeft_alle_autorisaties else "per zaaktype",
            status,
        )
    _print_table(table)


@app.command()
def worker(
    drain: Annotated[bool, typer.Option("--drain", help="Stop zodra er niets meer af te leveren is.")] = False,
) -> None:
    """Lever de outbox af (naast of in plaats van de dispatcher in serve) en maak elk uur de signaleringen."""
    import logging
    import signal

    from .notificaties.dispatcher import run
    from .settings import get_settings
    from .signalen.taken import periodiek

    logging.basicConfig(level=get_settings().log_level.upper())

    async def work() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        if drain:
            await run(stop, drain=True)
            return
        # Beside the deliveries, the hourly signaleringen (termijnen, the daily digest): once a day each.
        await asyncio.gather(run(stop), periodiek(stop))

    _run(work())


@zoekindex_app.command("opbouwen")
def zoekindex_opbouwen() -> None:
    """Bouw de zoekindex opnieuw op uit alle zaken (en lees de tekst van documenten die nog geen tekst hebben)."""
    from .db import write_session
    from .documenten.storage import get_storage
    from .models import load_all_models
    from .zoeken import index, tekst

    load_all_models()

    async def rebuild() -> tuple[int, int]:
        async with write_session() as session:
            documenten = await tekst.store_missing(session, get_storage())
            return documenten, await index.rebuild(session)

    documenten, zaken = _run(rebuild())
    console.print(f"Zoekindex opgebouwd: {zaken} zaken, tekst gelezen van {documenten} documenten.")


@signalen_app.command("dagelijks")
def signalen_dagelijks(
    overzicht: Annotated[
        bool, typer.Option("--overzicht/--geen-overzicht", help="Ook het dagelijkse overzicht per e-mail versturen.")
    ] = True,
) -> None:
    """Maak de termijnsignaleringen van vandaag en zet de dagelijkse overzichten in de outbox (eens per dag)."""
    from datetime import datetime

    from .signalen.taken import dagelijks
    from .zaken.service import TIMEZONE

    termijnen, overzichten = _run(dagelijks(datetime.now(TIMEZONE), overzicht=overzicht))
    console.print(f"Termijnsignaleringen gemaakt: {termijnen}. Dagelijkse overzichten in de outbox: {overzichten}.")


@catalogus_app.command("export")
def catalogus_export(
    bestand: Annotated[Path, typer.Argument(help="Het ZIP-bestand om te schrijven.")],
    catalogus: Annotated[
        str | None, typer.Option("--catalogus", help="Domein van de catalogus (nodig als er meer dan één is).")
    ] = None,
    zaaktype: Annotated[
        list[str],
        typer.Option("--zaaktype", help="Identificatie van een zaaktype (herhaalbaar); zonder: de hele catalogus."),
    ] = [],
) -> None:
    """Schrijf een catalogus, of gekozen zaaktypen met wat ze gebruiken, naar een ZIP-bestand."""
    from .catalogi.uitwisseling import ExportFout, exporteer
    from .db import read_session

    async def export() -> bytes:
        async with read_session() as session:
            return await exporteer(session, domein=catalogus, identificaties=zaaktype)

    try:
        data = _run(export())
    except ExportFout as exc:
        console.print(f"[red]{exc}[/red]")
        raise typer.Exit(1) from None
    bestand.write_bytes(data)
    typer.echo(f"Catalogus geëxporteerd naar {bestand}.")


@catalogus_app.command("import")
def catalogus_import(
    bestand: Annotated[Path, typer.Argument(help="Het ZIP-bestand (export van Zaakgericht of Open Zaak).")],
) -> None:
    """Importeer een catalogus uit een ZIP-bestand, in één keer: bij een fout verandert er niets."""
    from .catalogi.uitwisseling import importeer

    if not bestand.is_file():
        console.print(f"[red]Het bestand {bestand} bestaat niet.[/red]")
        raise typer.Exit(1)
    verslag = _run(importeer(bestand))
    typer.echo(verslag.tekst())
    if verslag.geweigerd:
        raise typer.Exit(1)


@outbox_app.command("list")
def outbox_list(
    dead: Annotated[bool, typer.Option("--dead", help="Alleen berichten die niet afgeleverd konden worden.")] = False,
) -> None:
    """Toon de berichten die nog niet zijn afgeleverd."""
    from rich.table import Table

    from .db import read_session
    from .notificaties.dispatcher import list_rows

    async def rows():
        async with read_session() as session:
            return await list_rows(session, dead_only=dead)

    table = Table("id", "soort", "kanaal", "resource", "actie", "pogingen", "volgende poging", "status", "laatste fout")
    for row in _run(rows()):
        status = "dood" if row.dead_at else ("bezig" if row.claimed_until else "wacht")
        # An e-mail has no kanaal or resource: show its address and subject there.
        is_email = row.kind == "email"
        table.add_row(
            str(row.id),
            row.kind,
            row.payload.get("aan" if is_email else "kanaal", ""),
            row.payload.get("onderwerp" if is_email else "resource", ""),
            row.payload.get("actie", ""),
            str(row.attempts),
            row.next_attempt_at.isoformat(timespec="seconds"),
            status,
            row.last_error[:80],
        )
    _print_table(table)


@outbox_app.command("retry")
def outbox_retry(
    ids: Annotated[list[int], typer.Argument(help="Ids van dode berichten; zonder ids: alle dode berichten.")] = None,
) -> None:
    """Zet dode berichten opnieuw in de wachtrij."""
    from .db import write_session
    from .notificaties.dispatcher import retry

    async def requeue() -> int:
        async with write_session() as session:
            return await retry(session, ids or None)

    console.print(f"{_run(requeue())} bericht(en) opnieuw in de wachtrij gezet.")


def _serve_command(host: str, port: int) -> str:
    """The ``zaakgericht serve`` that listens where the demo's addresses point."""
    from .settings import get_settings

    if get_settings().base_url:
        return "zaakgericht serve (bereikbaar op ZAAKGERICHT_BASE_URL)"
    options = ("" if host == "127.0.0.1" else f" --host {host}") + ("" if port == 8000 else f" --port {port}")
    return f"zaakgericht serve{options}"


def _enable_demo_login() -> None:
    """Turn on the PIP's test login for ``zaakgericht serve`` on this data dir (a file there says so)."""
    from .api.urls import base_url
    from .demo_zaken import INWONERS
    from .settings import DEMO_LOGIN_FILE, get_settings

    settings = get_settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    (settings.data_dir / DEMO_LOGIN_FILE).write_text(
        "The PIP's test login (no DigiD) is on while this file is here; ZAAKGERICHT_DEMO_LOGIN=0 overrides it.\n"
    )
    if settings.demo_login is False:
        console.print("De testlogin van Mijn zaken staat uit (ZAAKGERICHT_DEMO_LOGIN=0).")
        return
    console.print(
        f"Mijn zaken (testlogin, geen echte DigiD): {base_url()}/mijn-zaken, bijvoorbeeld met BSN "
        f"[bold]{INWONERS[0][0]}[/bold]. Zet hem uit met ZAAKGERICHT_DEMO_LOGIN=0 of door "
        f"{settings.data_dir / DEMO_LOGIN_FILE} te verwijderen."
    )


@app.command()
def demo(
    host: Annotated[str, typer.Option(help="Adres waarop u daarna zaakgericht serve start.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Poort waarop u daarna zaakgericht serve start.")] = 8000,
) -> None:
    """Laad de democatalogus en een demo-client (idempotent) en print een token."""
    from .api.urls import base_url, set_base_url
    from .demo import DEMO_CLIENT_ID, DEMO_MEDEWERKERS, DEMO_SECRET, DEMO_WACHTWOORD, load_demo
    from .migrations import upgrade
    from .settings import get_settings

    # The links in the demo data and the addresses printed are those of the server started next.
    if not get_settings().base_url:
        set_base_url(f"http://{host}:{port}")
    upgrade()
    created = _run(load_demo())
    console.print("Democatalogus geladen." if created else "Democatalogus was al geladen.")
    console.print(
        f"De links in de catalogus gebruiken {base_url()}; zet ZAAKGERICHT_BASE_URL als de server elders bereikbaar is."
    )
    console.print(
        f"Inloggen op {base_url()}/ als "
        + ", ".join(f"[bold]{naam}[/bold] ({rol})" for naam, _, _, rol in DEMO_MEDEWERKERS)
        + f", met wachtwoord [bold]{DEMO_WACHTWOORD}[/bold]."
    )
    _enable_demo_login()
    console.print(f"Demo-client: client id [bold]{DEMO_CLIENT_ID}[/bold], geheim [bold]{DEMO_SECRET}[/bold]")
    console.print(f"Start de server met: [bold]{_serve_command(host, port)}[/bold]")
    console.print("Token (één uur geldig; een nieuw token: zaakgericht token --client-id ... --secret ...):")
    typer.echo(make_token(DEMO_CLIENT_ID, DEMO_SECRET))
