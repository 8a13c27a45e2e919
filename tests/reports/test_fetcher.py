"""The WeasyPrint URL fetcher serves the project's static files and nothing else."""

import pytest

from compliance.reports.fetcher import ResourceRefused, resolve_static
from compliance.reports.rendering import StaticFilesFetcher


def test_serves_a_static_file():
    path = resolve_static("static-file:css/report.css")
    assert path.name == "report.css" and path.read_text().startswith("/*")
    response = StaticFilesFetcher().fetch("static-file:css/report.css")
    assert response.headers.get_content_type() == "text/css"
    assert b"@page" in response.read()


@pytest.mark.parametrize("url", [
    "https://example.com/style.css",
    "http://127.0.0.1:8000/static/css/report.css",
    "file:///etc/passwd",
    "file:///work/main/static/css/report.css",
    "data:text/css,body{}",
    "ftp://example.com/x.css",
    "static-file:../compliance/settings.py",
    "static-file:css/../../compliance/settings.py",
    "static-file:/etc/passwd",
    "static-file:%2e%2e/settings.py",
    "static-file:css\\report.css",
    "static-file:css/report.css?x=1",
    "static-file:css//report.css",
    "static-file:vendor/htmx.min.js",
    "static-file:css/missing.css",
    "static-file:",
    "css/report.css",
])
def test_refuses_everything_else(url):
    with pytest.raises(ResourceRefused):
        resolve_static(url)
    with pytest.raises(ResourceRefused):
        StaticFilesFetcher().fetch(url)
