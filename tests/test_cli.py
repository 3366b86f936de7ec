"""The operator's commands, run as an operator runs them."""

import jwt

from tests.conftest import BASE
from tests.helpers import zaakgericht

CATALOGUSSEN = f"{BASE}/catalogi/api/v1/catalogussen"


async def test_applicatie_create_prints_a_working_token(client):
    result = zaakgericht(
        "applicatie", "create", "--client-id", "portaal", "--secret", "geheim", "--scope", "catalogi.lezen"
    )
    assert result.returncode == 0, result.stderr
    token = result.stdout.strip().splitlines()[-1]
    assert jwt.decode(token, "geheim", algorithms=["HS256"])["client_id"] == "portaal"
    response = await client.get(CATALOGUSSEN, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    response = await client.post(CATALOGUSSEN, json={}, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 403


async def test_applicatie_create_refuses_an_existing_client_id():
    assert (
        zaakgericht("applicatie", "create", "--client-id", "dubbel", "--secret", "a", "--alle-autorisaties").returncode
        == 0
    )
    result = zaakgericht("applicatie", "create", "--client-id", "dubbel", "--secret", "b", "--alle-autorisaties")
    assert result.returncode == 1
    assert "bestaat al" in result.stdout


async def test_applicatie_secret_rotates_the_secret(client):
    zaakgericht("applicatie", "create", "--client-id", "roteren", "--secret", "oud", "--alle-autorisaties")
    result = zaakgericht("applicatie", "secret", "--client-id", "roteren", "--secret", "nieuw")
    assert result.returncode == 0, result.stderr
    old = zaakgericht("token", "--client-id", "roteren", "--secret", "oud").stdout.strip()
    new = zaakgericht("token", "--client-id", "roteren", "--secret", "nieuw").stdout.strip()
    assert (await client.get(CATALOGUSSEN, headers={"Authorization": f"Bearer {old}"})).status_code == 401
    assert (await client.get(CATALOGUSSEN, headers={"Authorization": f"Bearer {new}"})).status_code == 200


async def test_applicatie_secret_for_an_unknown_client_fails():
    result = zaakgericht("applicatie", "secret", "--client-id", "onbekend", "--secret", "x")
    assert result.returncode == 1
    assert "onbekend" in result.stdout


async def test_applicatie_create_needs_the_types_of_zaken_scopes():
    result = zaakgericht(
        "applicatie", "create", "--client-id", "zonder-type", "--secret", "x", "--scope", "zaken.lezen"
    )
    assert result.returncode != 0
    assert "--zaaktype" in result.stdout + result.stderr


def _commands(command, path=()):
    """Every command of the click tree under ``command``, with its path."""
    yield path, command
    for name, sub in getattr(command, "commands", {}).items():
        yield from _commands(sub, (*path, name))


def test_every_command_and_option_has_a_help_text():
    import typer.main

    from zaakgericht.cli import app

    missing = []
    for path, command in _commands(typer.main.get_command(app)):
        if not (command.help or "").strip():
            missing.append(" ".join(path) or "zaakgericht")
        for param in command.params:
            if not (getattr(param, "help", None) or "").strip():
                missing.append(f"{' '.join(path)} {param.opts[0] if param.opts else param.name}")
    assert missing == []


def test_serve_on_a_port_in_use_says_so_in_dutch_before_anything_else():
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = zaakgericht("serve", "--port", str(port))
    assert result.returncode != 0
    assert f"Poort {port} op 127.0.0.1 is al in gebruik" in result.stdout
    assert "draait op" not in result.stdout
    assert "address already in use" not in (result.stdout + result.stderr).lower()


async def test_tables_are_not_cut_when_the_output_is_not_a_terminal():
    naam = "Maria Theresia van den Bergh-Oosterhuis de Vries"
    afdeling = "Vergunningen, Toezicht en Handhaving Fysieke Leefomgeving"
    created = zaakgericht(
        "medewerker", "create", "--gebruikersnaam", "maria", "--naam", naam, "--organisatie", "002220647",
        "--afdeling", afdeling, "--rol", "behandelaar", "--rol", "manager", "--wachtwoord", "een-lang-wachtwoord",
    )  # fmt: skip
    assert created.returncode == 0, created.stdout + created.stderr
    listed = zaakgericht("medewerker", "list")
    assert naam in listed.stdout and afdeling in listed.stdout and "behandelaar, manager" in listed.stdout


def test_the_readme_says_the_browser_tests_need_debians_chromium():
    from pathlib import Path

    readme = (Path(__file__).parent.parent / "README.md").read_text()
    assert "apt-get install chromium" in readme and "skipped" in readme
