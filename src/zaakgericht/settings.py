"""Every setting of the installation, read from ``ZAAKGERICHT_*`` environment variables."""

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# Written by ``zaakgericht demo`` in the data dir: the PIP's test login is on while it is there.
DEMO_LOGIN_FILE = "demo-login"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ZAAKGERICHT_")

    data_dir: Path = Path("./var")
    # SQLAlchemy URL; empty means a SQLite file in the data dir.
    database_url: str = ""
    # Public base URL (scheme://host[:port]); empty means "derive from the request".
    base_url: str = ""
    # Seconds a JWT-ZGW token stays valid after its ``iat`` and the clock skew allowed.
    jwt_expiry: int = 3600
    jwt_leeway: int = 5
    log_level: str = "info"
    # Seconds a fetched remote resource (selectielijst, ...) is kept in the per-process cache.
    remote_cache_seconds: int = 3600
    remote_timeout_seconds: float = 10.0
    # The hosts (host[:port], an IP address or a CIDR network, separated by commas) this installation may
    # fetch from: other ZGW installations, the selectielijst, the basisregistraties. A name must resolve to
    # public addresses; loopback, link-local and private addresses only when listed as addresses.
    remote_hosts: str = "selectielijst.openzaak.nl"
    # The same for the callbackUrl of an abonnement (where notifications are delivered).
    callback_hosts: str = ""

    @field_validator("remote_hosts", "callback_hosts")
    @classmethod
    def _valid_host_list(cls, value: str) -> str:
        """A mistyped entry stops the start, rather than the first request that needs the list."""
        from .api.outgoing import parse_hosts  # the parser lives with the policy that uses it

        parse_hosts(value)
        return value

    # Outbox delivery: attempts before a message is dead, backoff (seconds) between them,
    # how long a claimed message is reserved for one worker, and how often to look for work.
    outbox_max_attempts: int = 12
    outbox_backoff_base: float = 2.0
    outbox_backoff_max: float = 300.0
    outbox_claim_seconds: float = 60.0
    outbox_batch_size: int = 100
    outbox_poll_seconds: float = 1.0
    # Woken by a write, the dispatcher first waits this long: a burst of writes is routed in one
    # pass, and that pass does not compete with the requests still being answered.
    outbox_coalesce_seconds: float = 0.05
    outbox_delivery_timeout: float = 10.0
    # Whether ``zaakgericht serve`` delivers the outbox itself (turn off when workers run).
    serve_dispatcher: bool = True

    # E-mail (sent from the outbox over SMTP). Without a host and an afzender (the From header, e.g.
    # "Gemeente Voorbeeldstad <noreply@voorbeeldstad.nl>") e-mails wait in the outbox, unsent.
    smtp_host: str = ""
    smtp_port: int = 25
    smtp_username: str = ""
    smtp_password: str = ""
    # "none", "starttls" (upgrade a plain connection, usually port 587) or "ssl" (TLS from the start, 465).
    smtp_security: Literal["none", "starttls", "ssl"] = "none"
    smtp_timeout: float = 30.0
    email_afzender: str = ""

    # Signaleringen: a medewerker gets a signal for each zaak they handle whose termijn ends within this many
    # days (or has passed); the daily digest e-mail goes out from this hour (local time) on.
    signalen_termijn_dagen: int = 5
    signalen_overzicht_uur: int = 7

    # The largest JSON body an API reads (documents with their base64 inhoud have the limits below).
    api_max_json_body_bytes: int = 4 * 1024 * 1024

    # Documenten: large files are uploaded in bestandsdelen of this size; a request body (JSON
    # with base64 inhoud, or one bestandsdeel) may be this large (the standard demands 4 GiB).
    documenten_chunk_size: int = 100 * 1024 * 1024
    documenten_max_body_size: int = 4 * 1024 * 1024 * 1024

    # The largest file a medewerker may upload through the web application (a form is read whole before
    # the view sees it, so this stays far below what the Documenten API takes).
    web_max_upload_bytes: int = 100 * 1024 * 1024

    # Web login: after this many failed attempts for a gebruikersnaam, each next attempt waits a delay that
    # starts at login_delay_seconds and doubles up to login_max_delay_seconds. One client (address) may fail
    # login_client_max_failures times per login_window_seconds; failures older than the window are forgotten.
    login_free_attempts: int = 3
    login_delay_seconds: float = 1.0
    login_max_delay_seconds: float = 60.0
    login_client_max_failures: int = 20
    login_window_seconds: int = 15 * 60
    # A web session ends after this many seconds without a request (sliding expiry).
    session_seconds: int = 8 * 60 * 60

    # OpenID Connect for employees (e.g. Keycloak); login with it is offered when the issuer is set.
    oidc_issuer: str = ""
    oidc_client_id: str = ""
    oidc_client_secret: str = ""
    # The claim of the id_token that holds the medewerker's gebruikersnaam.
    oidc_username_claim: str = "preferred_username"
    oidc_scope: str = "openid profile email"

    # Citizens and companies (the PIP, /mijn-zaken) log in through an OpenID Connect broker for DigiD and
    # eHerkenning; offered when the issuer is set. The claims holding the BSN and the KvK-nummer:
    burger_oidc_issuer: str = ""
    burger_oidc_client_id: str = ""
    burger_oidc_client_secret: str = ""
    burger_oidc_bsn_claim: str = "bsn"
    burger_oidc_kvk_claim: str = "kvk"
    burger_oidc_scope: str = "openid"
    # Extra parameters of the authorization request (a query string) that make the broker choose DigiD or
    # eHerkenning, e.g. Keycloak's ``kc_idp_hint=digid`` or ``acr_values=...`` for other brokers.
    burger_oidc_digid_params: str = "kc_idp_hint=digid"
    burger_oidc_eherkenning_params: str = "kc_idp_hint=eherkenning"
    # A citizen's session ends after this long without a request, and at the latest this long after login
    # (the usual DigiD terms).
    burger_session_idle_seconds: int = 15 * 60
    burger_session_max_seconds: int = 8 * 60 * 60
    # The test login of the PIP (type a BSN or KvK-nummer, no DigiD): only for demos. None means: on when
    # ``zaakgericht demo`` left the file ``demo-login`` in the data dir.
    demo_login: bool | None = None

    @property
    def demo_login_enabled(self) -> bool:
        if self.demo_login is not None:
            return self.demo_login
        return (self.data_dir / DEMO_LOGIN_FILE).is_file()

    @property
    def sqlalchemy_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite+aiosqlite:///{(self.data_dir / 'zaakgericht.sqlite3').resolve()}"


@lru_cache
def get_settings() -> Settings:
    return Settings()
