"""The OpenAPI schema: every endpoint is in it, and the API keeps to it (schemathesis)."""

import re

import pytest
import schemathesis
import yaml
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings

from tests.api.conftest import token_for


def api_paths() -> set[str]:
    """Every route under /api/v1/ except the schema and its documentation page, in OpenAPI form."""
    found = set()

    def walk(patterns, prefix):
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern) and isinstance(p.pattern, RoutePattern):  # not the catch-all 404
                found.add(prefix + str(p.pattern))

    walk(get_resolver().url_patterns, "/")

    # drf-spectacular names a `pk` parameter `id`, as clients know it.
    paths = {re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", p).replace("{pk}", "{id}") for p in found
             if p.startswith("/api/v1/")}
    return paths - {"/api/v1/schema/", "/api/v1/docs/"}


def test_every_endpoint_is_in_the_schema(client, owner):
    client.force_login(owner)
    response = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi")
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == api_paths()
    assert "apiToken" in schema["components"]["securitySchemes"]


def test_the_documentation_page_loads_without_outside_resources(client, owner):
    client.force_login(owner)
    page = client.get("/api/v1/docs/").content.decode()
    assert "swagger-ui" in page and "/static/drf_spectacular_sidecar/" in page
    assert "cdn." not in page


@pytest.fixture
def connections_kept_open():
    """Calling the WSGI app directly would close the test's database connection after each request (as a
    server does); Django's test client turns that off, so do the same here (it matters on PostgreSQL)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_the_api_keeps_to_its_schema(owner, assessment, settings, connections_kept_open):
    """Generated requests against every operation, with a real token: no server error, and every response
    (errors included) as the schema describes it."""
    from compliance.wsgi import application

    settings.ALLOWED_HOSTS = ["localhost"]  # schemathesis calls the WSGI app as localhost
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", application)
    headers = {"Authorization": f"Bearer {token_for(owner)}"}
    failures, operations = [], 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1

        @given(case=operation.as_strategy())
        @hypothesis_settings(max_examples=10, deadline=None, database=None, derandomize=True,
                             suppress_health_check=list(HealthCheck))
        def check(case):
            # Not "positive data acceptance": the API rightly refuses some schema-valid input the schema cannot
            # express (NUL characters, duplicate names, unknown question codes) with a 422.
            case.call_and_validate(headers=headers, excluded_checks=[schemathesis.checks.positive_data_acceptance])

        try:
            check()
        except (Exception, BaseExceptionGroup) as error:  # report every operation's failure together
            failures.append(f"{operation.label}: {str(error)[:800]}")
    assert operations == 24  # 21, and the actions resource: list, read, update
    assert not failures, "\n\n".join(failures)
