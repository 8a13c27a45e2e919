import pytest

from compliance.celery import app as celery_app
from tests.browser.conftest import chromium, page, pytest_runtest_makereport  # noqa: F401
from tests.gaps.fixtures import (  # noqa: F401
    assessment,
    foreign_assessment,
    frozen_today,
    sample_version,
    signed_in,
)


@pytest.fixture(autouse=True)
def reports_in_process(request, settings, tmp_path):
    """Render reports in-process into a temporary media directory (the worker test opts out)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    if request.node.get_closest_marker("worker"):
        yield
        return
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous
