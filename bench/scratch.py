"""A scratch PostgreSQL database for the benchmarks, on the server of DATABASE_URL.

Shared by bench/load.py, bench/reevaluate.py and bench/pages.py: each names its own database
(BENCH_DATABASE overrides the name), so two benchmarks never drop each other's data.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit, urlunsplit

DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"


def database_name(default: str) -> str:
    return os.environ.get("BENCH_DATABASE", default)


def database_urls(name: str, *, script: str) -> tuple[str, str]:
    """(URL of the server's maintenance database, URL of the scratch database ``name``)."""
    base = urlsplit(os.environ.get("DATABASE_URL", DEFAULT_SERVER))
    if not base.scheme.startswith("postgres"):
        raise SystemExit(f"{script} needs PostgreSQL: set DATABASE_URL=postgres://...")
    return urlunsplit(base._replace(path="/postgres")), urlunsplit(base._replace(path=f"/{name}"))


def recreate_database(server_url: str, name: str, *, create: bool = True) -> None:
    """Drop the scratch database (closing its connections) and, unless ``create`` is false, make it anew."""
    import psycopg

    with psycopg.connect(server_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if create:
            connection.execute(f'CREATE DATABASE "{name}"')


def database_exists(server_url: str, name: str) -> bool:
    import psycopg

    with psycopg.connect(server_url, autocommit=True) as connection:
        return connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is not None
