"""Query counts measured at two data sizes: a page whose queries grow with the data fails."""

from collections.abc import Callable

from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries_for(client, url: str, *, before: Callable[[], object] | None = None) -> int:
    """Queries of a second GET (the first fills per-process caches and any missing stored results);
    ``before`` runs between the two (e.g. to forget kept page content)."""
    assert client.get(url).status_code == 200
    if before is not None:
        before()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def assert_same_queries_at_two_sizes(client, url: str, grow, *, before: Callable[[], object] | None = None) -> int:
    """Count the queries of ``url``, call ``grow()`` to add data, and require the same count again."""
    small = queries_for(client, url, before=before)
    grow()
    large = queries_for(client, url, before=before)
    assert small == large, f"{url}: {small} queries before adding data, {large} after"
    return small


def queries_of(request: Callable) -> int:
    """Queries of one call of ``request`` (which makes a request and checks its answer)."""
    with CaptureQueriesContext(connection) as captured:
        request()
    return len(captured)
