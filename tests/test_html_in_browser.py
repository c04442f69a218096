"""The exported reports as management opens them: headless Chromium, offline, nothing fetched."""

from __future__ import annotations

import pytest
from conftest import EXAMPLES, PAGES

pytestmark = [pytest.mark.browser, pytest.mark.notebook]


def _open(browser, path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, requests, errors


@pytest.mark.parametrize("name", EXAMPLES)
def test_phase_report_renders_offline_with_its_tables_and_charts(name, example_snapshots, browser):
    page, requests, errors = _open(browser, example_snapshots[name] / "01_goals.html")
    try:
        outside = [url for url in requests if not url.startswith(("file:", "data:"))]
        assert outside == [] and errors == []
        tables = page.locator("table.ck-table")
        assert tables.count() == 7  # readiness, obstacles, KPIs, cascade, actions, capacity, spread
        kpi_table = tables.nth(2)
        assert kpi_table.is_visible()
        assert "SMART" in kpi_table.locator("thead").inner_text()
        images = page.locator("img")
        assert images.count() == 4  # cascade, timeline, capacity, spread
        for i in range(3):
            width = images.nth(i).evaluate("img => img.complete ? img.naturalWidth : 0")
            assert width > 300
            assert images.nth(i).is_visible()
        pdf = page.pdf(format="A4")
        assert pdf.startswith(b"%PDF") and len(pdf) > 20_000
    finally:
        page.close()


def test_index_page_links_to_the_report(example_snapshots, browser):
    page, requests, errors = _open(browser, example_snapshots["leerprogramma"] / "index.html")
    try:
        assert errors == []
        page.click("text=rapport openen")
        page.wait_for_load_state("load")
        assert page.url.endswith("01_goals.html")
        assert page.locator("h1").first.inner_text() == "Doelen en KPI-cascade"
        assert all(url.startswith(("file:", "data:")) for url in requests)
    finally:
        page.close()


HOSTILE = "Top! <script>document.title='pwned'</script><img src=x onerror=\"document.title='pwned'\"> <b>vet</b> & zo"


def test_a_testimonial_with_markup_shows_literally_and_runs_nothing(campaign_copy, browser, tmp_path):
    """Testimonials are typed by people: management must see the text exactly, and nothing in it may run."""
    import datetime as dt

    from campaign_kit.core.editing import CampaignDocument
    from campaign_kit.core.phases import parse_phase
    from campaign_kit.run.runner import run_snapshot

    folder = campaign_copy("leerprogramma")
    doc = CampaignDocument(str(folder))
    doc.append(
        ("evaluation", "testimonials"),
        {"ambassador": "E000008", "text": HOSTILE, "date": dt.date(2026, 11, 25), "consent": "anonymous"},
    )
    doc.save()
    result = run_snapshot(folder, [parse_phase("final")], dt.date(2026, 11, 26), tmp_path / "outputs")
    assert result.status == "ok", result.failures
    page, requests, errors = _open(browser, result.folder / "05_final.html")
    try:
        assert page.title() != "pwned" and "pwned" not in page.evaluate("document.title")
        quotes = page.locator("blockquote.ck-quote")
        texts = [quotes.nth(i).locator("p").inner_text() for i in range(quotes.count())]
        assert HOSTILE in texts  # shown as typed, character for character
        assert page.locator("blockquote.ck-quote script, blockquote.ck-quote img, blockquote.ck-quote b").count() == 0
        assert errors == [] and all(url.startswith(("file:", "data:")) for url in requests)
    finally:
        page.close()


@pytest.mark.parametrize("name", EXAMPLES)
def test_management_pack_opens_offline_and_prints(name, example_snapshots, browser):
    """The index with every phase's headline figures and the final evaluation: offline, no errors, A4."""
    for page_name in ("index.html", "05_final.html", "04_midterm.html"):
        page, requests, errors = _open(browser, example_snapshots[name] / page_name)
        try:
            assert errors == [] and all(url.startswith(("file:", "data:")) for url in requests)
            if page_name == "index.html":
                assert page.locator("section.ck-summary").count() == 5  # every phase's tiles
                assert page.locator(".ck-tile").count() >= 15
                assert page.locator("a").count() == 5  # a report per phase
            else:
                images = page.locator("img")
                for i in range(images.count()):
                    assert images.nth(i).evaluate("img => img.complete ? img.naturalWidth : 0") > 300
            pdf = page.pdf(format="A4")
            assert pdf.startswith(b"%PDF")
        finally:
            page.close()


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_page_reads_on_a_phone_a_laptop_and_a_desktop_without_scrolling_sideways(
    name, example_snapshots, browser
):
    """Wide tables scroll inside their own box; the page itself never scrolls sideways."""
    pages = sorted(example_snapshots[name].glob("*.html"))
    assert [p.name for p in pages] == PAGES
    wide = []
    for width in (390, 800, 1300):
        page = browser.new_page(viewport={"width": width, "height": 900})
        try:
            for path in pages:
                page.goto(path.as_uri())
                page.wait_for_load_state("load")
                scroll = page.evaluate("document.documentElement.scrollWidth")
                if scroll > width:
                    wide.append(f"{path.name} at {width} px is {scroll} px wide")
        finally:
            page.close()
    assert wide == []
