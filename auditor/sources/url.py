"""A database server named by a SQLAlchemy URL, opened in a read-only session.

The password never comes from the command line: it is read from the
``AUDITOR_DB_PASSWORD`` environment variable or asked at a prompt, and every
displayed form of the URL is masked.
"""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import make_url

from auditor.errors import SourceError
from auditor.sources.base import Source

PASSWORD_ENV = "AUDITOR_DB_PASSWORD"
CONNECT_TIMEOUT_S = 10

SUPPORTED = {
    "postgresql": "postgresql",
    "mysql": "mysql",
    "mariadb": "mysql",
}


def masked(url: sa.URL) -> str:
    """The URL as it may be shown: password replaced by ***."""
    return url.render_as_string(hide_password=True)


def resolve_password(
    url: sa.URL, prompt: Callable[[str], str] | None = None, interactive: bool | None = None
) -> sa.URL:
    """Attach the password from the environment or a prompt; refuse one written in the URL."""
    if url.password is not None:
        raise SourceError(
            "Le mot de passe ne doit pas figurer dans l'URL (il resterait visible dans "
            f"l'historique) : retirez-le et placez-le dans la variable {PASSWORD_ENV}."
        )
    env = os.environ.get(PASSWORD_ENV)
    if env:
        return url.set(password=env)
    if url.username is None:
        return url
    if interactive is None:
        interactive = sys.stdin.isatty()
    if not interactive:
        return url
    ask = prompt or getpass.getpass
    try:
        pw = ask(f"Mot de passe pour {url.username}@{url.host or 'localhost'} : ")
    except (EOFError, KeyboardInterrupt) as exc:
        raise SourceError(
            f"Aucun mot de passe saisi : indiquez-le dans la variable {PASSWORD_ENV}."
        ) from exc
    return url.set(password=pw) if pw else url


def open_url(
    raw: str,
    timeout_s: float | None = None,
    prompt: Callable[[str], str] | None = None,
    interactive: bool | None = None,
) -> Source:
    """Open a server URL read-only (PostgreSQL or MySQL/MariaDB)."""
    try:
        url = make_url(raw)
    except sa.exc.ArgumentError as exc:
        raise SourceError(
            "L'adresse de la base n'est pas une URL valide : écrivez-la par exemple "
            "postgresql+psycopg://utilisateur@serveur/base."
        ) from exc
    backend = url.get_backend_name()
    kind = SUPPORTED.get(backend)
    if kind is None:
        raise SourceError(
            f"Le type de base « {backend} » n'est pas pris en charge : utilisez sqlite, "
            "postgresql+psycopg, mysql+pymysql, un fichier CSV ou un dossier d'exports CSV."
        )
    url = resolve_password(url, prompt=prompt, interactive=interactive)
    display = masked(url)
    connect_args: dict[str, Any] = {}
    if kind == "postgresql":
        options = "-c default_transaction_read_only=on"
        if timeout_s:
            options += f" -c statement_timeout={int(timeout_s * 1000)}"
        connect_args = {"connect_timeout": CONNECT_TIMEOUT_S, "options": options}
    elif kind == "mysql":
        connect_args = {"connect_timeout": CONNECT_TIMEOUT_S}
        if timeout_s:
            connect_args["read_timeout"] = int(timeout_s)
    try:
        engine = sa.create_engine(url, connect_args=connect_args, pool_pre_ping=False)
    except ModuleNotFoundError as exc:
        driver = {"postgresql": "psycopg", "mysql": "pymysql"}[kind]
        raise SourceError(
            f"Le pilote {driver} n'est pas installé : installez l'extra correspondant "
            f"(pip install 'auditor-secret-social[{kind}]')."
        ) from exc
    except sa.exc.ArgumentError as exc:
        raise SourceError(f"L'URL {display} est incomplète ou invalide : vérifiez-la.") from exc

    if kind == "mysql":

        @sa.event.listens_for(engine, "connect")
        def _mysql_read_only(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("SET SESSION TRANSACTION READ ONLY")
            if timeout_s:
                cur.execute("SELECT VERSION()")
                row = cur.fetchone()
                if row and "mariadb" in str(row[0]).lower():
                    cur.execute("SET SESSION max_statement_time = %s", (float(timeout_s),))
                else:
                    cur.execute("SET SESSION MAX_EXECUTION_TIME = %s", (int(timeout_s * 1000),))
            cur.close()

    source = Source(kind=kind, engine=engine, display=display, statement_timeout_s=timeout_s)
    try:
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT 1")).scalar_one()
    except Exception as exc:  # noqa: BLE001 - every driver error becomes one French sentence
        engine.dispose()
        raise SourceError(_explain_connect_error(exc, display, url)) from None
    return source


def _explain_connect_error(exc: Exception, display: str, url: sa.URL) -> str:
    text = str(exc).lower()
    if url.password:
        text = text.replace(str(url.password).lower(), "***")
    if "password authentication failed" in text or "access denied" in text:
        return (
            f"Connexion refusée par {display} : identifiant ou mot de passe incorrect "
            f"(vérifiez la variable {PASSWORD_ENV})."
        )
    if "no password supplied" in text or "password is required" in text:
        return f"Le serveur {display} demande un mot de passe : indiquez-le dans la variable {PASSWORD_ENV}."
    if "timeout" in text or "timed out" in text:
        return (
            f"Le serveur {display} ne répond pas (délai de {CONNECT_TIMEOUT_S} s dépassé) : "
            "vérifiez l'adresse, le port et le réseau."
        )
    if "does not exist" in text or "unknown database" in text:
        return f"La base demandée n'existe pas sur {display} : vérifiez son nom dans l'URL."
    return (
        f"Impossible de se connecter à {display} : vérifiez l'adresse, le port, "
        "le nom de la base et que le serveur est démarré."
    )
