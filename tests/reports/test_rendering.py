"""rendering.write_pdf: the collector pause around WeasyPrint, and what it leaves behind."""

import gc
import weakref

import pytest

from compliance.reports.rendering import cyclic_gc_paused, write_pdf


class Node:
    def __init__(self):
        self.partner = None


def _make_cycle() -> weakref.ref:
    first, second = Node(), Node()
    first.partner, second.partner = second, first
    return weakref.ref(first)


@pytest.fixture
def collector_on():
    was_enabled = gc.isenabled()
    gc.enable()
    yield
    if not was_enabled:
        gc.disable()


def test_the_collector_is_off_during_the_render_and_back_on_after(collector_on):
    with cyclic_gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_cycles_made_during_the_render_are_freed_on_leaving(collector_on):
    with cyclic_gc_paused():
        cycle = _make_cycle()
        gc.collect(0)  # an explicit call still runs, but nothing collects by itself while paused
        cycle = _make_cycle()
        kept = [Node() for _ in range(10_000)]  # enough to trigger a collection were the collector on
        assert cycle() is not None
        del kept
    assert cycle() is None


def test_the_collector_comes_back_after_an_error(collector_on):
    with pytest.raises(ValueError), cyclic_gc_paused():
        raise ValueError("rendering failed")
    assert gc.isenabled()


def test_a_collector_switched_off_by_the_caller_stays_off(collector_on):
    gc.disable()
    with cyclic_gc_paused():
        pass
    assert not gc.isenabled()


def test_write_pdf_counts_pages_and_restores_the_collector(collector_on, tmp_path):
    html = ('<html><body><p>One</p><p style="break-before: page">Two</p>'
            '<p style="break-before: page">세 번째 / 三</p></body></html>')
    rendered = write_pdf(html=html, target=tmp_path / "out.pdf")
    assert rendered.page_count == 3
    assert rendered.path.read_bytes().startswith(b"%PDF-")
    assert gc.isenabled()
