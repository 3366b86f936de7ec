"""The ``zaakgericht medewerker`` commands, run as an operator runs them."""

import os
import subprocess
import sys

from tests.helpers import zaakgericht
from tests.web.accounts_fixtures import RSIN, login


async def test_create_makes_an_account_that_can_log_in(client):
    result = zaakgericht(
        "medewerker", "create", "--gebruikersnaam", "bea", "--naam", "Bea Beheer", "--organisatie", RSIN,
        "--rol", "beheerder", "--rol", "behandelaar", "--alle-autorisaties", "--wachtwoord", "een-lang-wachtwoord",
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "bea is aangemaakt" in result.stdout
    assert (await login(client, "bea", "een-lang-wachtwoord")).status_code == 303
    assert (await client.get("/beheer/medewerkers")).status_code == 200


async def test_create_prompts_for_the_password(monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")  # the table is as wide as the terminal
    completed = subprocess.run(
        [sys.executable, "-c", "from zaakgericht.cli import app; app()", "medewerker", "create",
         "--gebruikersnaam", "piet", "--naam", "Piet", "--organisatie", RSIN, "--rol", "behandelaar"],
        input="een-lang-wachtwoord\neen-lang-wachtwoord\n", capture_output=True, text=True, env=os.environ.copy(),
        timeout=60,
    )  # fmt: skip
    assert completed.returncode == 0, completed.stdout + completed.stderr
    listed = zaakgericht("medewerker", "list")
    assert listed.returncode == 0 and "piet" in listed.stdout and "behandelaar" in listed.stdout


async def test_create_reports_invalid_input_in_dutch():
    result = zaakgericht(
        "medewerker", "create", "--gebruikersnaam", "piet", "--naam", "Piet", "--organisatie", "123",
        "--rol", "tovenaar", "--wachtwoord", "een-lang-wachtwoord",
    )  # fmt: skip
    assert result.returncode == 1
    assert "Een RSIN bestaat uit precies 9 cijfers." in result.stdout
    assert "Onbekende rol: tovenaar" in result.stdout
    short = zaakgericht(
        "medewerker", "create", "--gebruikersnaam", "piet", "--naam", "Piet", "--organisatie", RSIN,
        "--rol", "kcc", "--wachtwoord", "kort",
    )  # fmt: skip
    assert short.returncode != 0 and "ten minste 12 tekens" in short.stdout + short.stderr


async def test_wachtwoord_sets_a_new_password(client):
    zaakgericht(
        "medewerker", "create", "--gebruikersnaam", "piet", "--naam", "Piet", "--organisatie", RSIN,
        "--rol", "kcc", "--wachtwoord", "het-oude-wachtwoord",
    )  # fmt: skip
    result = zaakgericht(
        "medewerker", "wachtwoord", "--gebruikersnaam", "piet", "--wachtwoord", "het-nieuwe-wachtwoord"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (await login(client, "piet", "het-oude-wachtwoord")).status_code == 400
    assert (await login(client, "piet", "het-nieuwe-wachtwoord")).status_code == 303
    unknown = zaakgericht("medewerker", "wachtwoord", "--gebruikersnaam", "niemand", "--wachtwoord", "x" * 12)
    assert unknown.returncode == 1 and "niemand" in unknown.stdout
