"""Where this app keeps saved scenarios and whose they are: the database (`STAY_OR_GO_DB_URL`, else
[connections.stay_or_go] in secrets.toml, else the SQLite file of `core.storage.location.default_url`),
the signed-in person (st.login, OIDC) as the owner, the sign-in page, and what of a storage error
a person may read.

Without sign-in configured the app is a single-user local app and every scenario belongs to
`LOCAL_OWNER`. With an `[auth]` section in `.streamlit/secrets.toml`, nobody gets past the sign-in
page, and the owner is the signed-in identity: the provider's issuer and subject (`iss`, `sub`), or
the e-mail address when the provider gives no subject.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping

import streamlit as st
from sqlalchemy.engine import URL

from core.storage.database import LOCAL_OWNER, Storage
from core.storage.errors import ScenarioNotFound, StorageError
from core.storage.hosting import SINGLE_USER_ENV, hosted_without_sign_in
from core.storage.location import ENV_URL, default_url
from core.text import markdown_escape

_log = logging.getLogger(__name__)

SECRETS_CONNECTION = "stay_or_go"  # [connections.stay_or_go] url = "..."


def database_url() -> str:
    """`STAY_OR_GO_DB_URL`, else [connections.stay_or_go] in secrets.toml (a `url`, or `dialect`,
    `host`, `port`, `database`, `username`, `password` as st.connection takes them), else the
    SQLite file of `core.storage.location.default_url`."""
    if os.environ.get(ENV_URL, "").strip():
        return default_url()
    try:
        section = st.secrets.get("connections", {}).get(SECRETS_CONNECTION)
    except (FileNotFoundError, AttributeError):
        section = None
    if not section:
        return default_url()
    if section.get("url"):
        return str(section["url"])
    if not section.get("dialect"):
        # A half-written section would otherwise quietly mean a separate SQLite file per process.
        raise StorageError(
            f"[connections.{SECRETS_CONNECTION}] in .streamlit/secrets.toml has neither a url nor a "
            'dialect. Give it url = "postgresql+psycopg://user:password@host/database", or '
            "dialect, host, database, username and password."
        )
    driver = section["dialect"] + (f"+{section['driver']}" if section.get("driver") else "")
    return URL.create(
        driver,
        username=section.get("username"),
        password=section.get("password"),
        host=section.get("host"),
        port=int(section["port"]) if section.get("port") else None,
        database=section.get("database"),
    ).render_as_string(hide_password=False)


@st.cache_resource(show_spinner=False)
def _storage_at(url: str) -> Storage:
    return Storage(url)


def storage() -> Storage:
    try:
        return _storage_at(database_url())
    except StorageError as error:
        raise StorageError(public(error)) from None


def hosting_problem() -> str | None:
    """Why this process must not serve anyone: a shared database without sign-in (docs/deployment.md)."""
    try:
        url = database_url()
    except StorageError:
        return None  # saving says so when the tab opens
    return hosted_without_sign_in(url, sign_in_configured(), os.environ.get(SINGLE_USER_ENV))


def sign_in_configured() -> bool:
    """True when `.streamlit/secrets.toml` has an [auth] section: the app is hosted with sign-in."""
    try:
        return "auth" in st.secrets
    except FileNotFoundError:
        return False


def owner() -> str | None:
    """Whose scenarios this tab sees: 'local' without sign-in, the signed-in identity with it, None
    when sign-in is configured and nobody is signed in."""
    if not sign_in_configured():
        return LOCAL_OWNER
    if not st.user.is_logged_in:
        return None
    subject, issuer, email = st.user.get("sub"), st.user.get("iss"), st.user.get("email")
    if subject:
        return f"oidc:{issuer or ''}|{subject}"
    if email and st.user.get("email_verified") is not False:
        return f"email:{str(email).strip().lower()}"
    return None


def providers() -> list[str]:
    """Named providers ([auth.google], [auth.microsoft]...); empty when [auth] holds one provider."""
    try:
        auth = st.secrets["auth"]
    except (FileNotFoundError, KeyError):
        return []
    return [name for name, value in auth.items() if isinstance(value, Mapping)]


def sign_in_gate() -> bool:
    """With sign-in configured, show the sign-in page to anyone not signed in. True: go on."""
    problem = hosting_problem()
    if problem:
        st.title("Stay or Go")
        st.error(markdown_escape(problem), icon=":material/lock:")
        return False
    if not sign_in_configured():
        return True
    if st.user.is_logged_in and owner() is not None:
        return True
    st.title("Stay or Go")
    if st.user.is_logged_in:
        st.error(
            "Your sign-in provider did not say who you are (no subject, and no verified e-mail address), so your "
            "saved scenarios can't be kept apart from anyone else's. Ask whoever runs this app to "
            "request the openid and email scopes."
        )
        st.button("Sign out", on_click=st.logout)
        return False
    st.write(
        "Sign in to see your saved scenarios. Each person who signs in sees and changes only their "
        "own; nobody else, including other people using this app, can see what you enter."
    )
    names = providers()
    for name in names or [None]:
        label = f"Sign in with {name.capitalize()}" if name else "Sign in"
        if st.button(label, key=f"sign_in_{name}", icon=":material/login:"):
            st.login(name) if name else st.login()
    return False


def public(error: Exception | str) -> str:
    """What a person may read of a storage error: all of it in the local app; when hosted, where
    the database is and what its driver said stay in the server's log."""
    if not sign_in_configured() or not isinstance(error, StorageError) or isinstance(error, ScenarioNotFound):
        return str(error)
    _log.warning("Saved scenarios: %s", error)
    return (
        "Your saved scenarios can't be reached right now. What you see in this tab is kept; "
        "download the scenario file on the Overview page to be safe, and try again later."
    )
