from tests.browser.conftest import chromium, page, page_without_javascript, pytest_runtest_makereport  # noqa: F401
from tests.gaps.fixtures import (  # noqa: F401
    assessment,
    foreign_assessment,
    frozen_today,
    sample_version,
    signed_in,
)
