"""Phase 1's what-if form in a real JupyterLab, driven in headless Chromium: the analyst moves a
department's slider with the keyboard and the sentence and the chart follow."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from campaign_kit.core.formats import percent
from campaign_kit.core.validation import load_campaign
from campaign_kit.spread.campaign import assumptions, start_plan
from campaign_kit.spread.model import Rates
from campaign_kit.spread.plan import expected_share
from campaign_kit.spread.priors import central

pytestmark = pytest.mark.browser

SENTENCE = ".ck-whatif .ck-whatif-sentence"


def test_moving_a_department_slider_updates_the_sentence_and_the_chart(lab, browser, tmp_path):
    folder = lab.add_campaign("whatif-live")
    campaign = load_campaign(folder)
    start = start_plan(campaign)
    team = start.result.planned.copy()
    team[0] += 1  # one more ambassador in the first department (Planning en ondersteuning)
    said = assumptions(campaign)
    sizes = np.array(list(start.result.departments.values()))
    share = expected_share(Rates(*central(said.recruiting), said.cross), sizes, team, start.result.weeks)[-1]
    wanted = f"Met {team.sum()} ambassadeurs, zo verdeeld, bereikt de campagne naar verwachting {percent(share, 'nl')}"

    page = lab.open_and_run(browser, "whatif-live")
    try:
        form = page.locator(".ck-whatif")
        form.wait_for(state="attached", timeout=60_000)
        form.scroll_into_view_if_needed()
        # textContent, not innerText: JupyterLab skips rendering cells far off screen
        page.wait_for_function(f"document.querySelector('{SENTENCE}')?.textContent.includes('Met 5 ambassadeurs')")
        chart = page.locator(".ck-whatif img.ck-whatif-chart")
        before = chart.get_attribute("src")
        assert before
        assert page.locator(".ck-whatif-readout-0").text_content() == str(start.result.planned[0])

        handle = page.locator(".ck-whatif-dept-0 .noUi-handle")
        handle.focus()
        handle.press("ArrowRight")

        page.wait_for_function(
            f"want => document.querySelector('{SENTENCE}').textContent.includes(want)", arg=wanted, timeout=30_000
        )
        page.wait_for_function(
            "old => document.querySelector('.ck-whatif img.ck-whatif-chart').src !== old", arg=before, timeout=30_000
        )
        assert page.locator(".ck-whatif-readout-0").text_content() == str(team[0])
        # the image is a rendered PNG, not a broken link
        page.wait_for_function(
            "document.querySelector('.ck-whatif img.ck-whatif-chart').naturalWidth > 300", timeout=30_000
        )
        shots = Path(os.environ.get("CK_SCREENSHOTS", tmp_path))
        form.screenshot(path=str(shots / "whatif_live.png"))
    finally:
        page.close()
