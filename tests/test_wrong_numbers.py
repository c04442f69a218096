"""The bugs an audit planted one at a time and the suite did not catch (issue 19), each pinned here by
a value computed by hand. Each test names the planted bug it catches; `benchmarks/mutation.py` plants
them again and checks that these tests fail."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest
from helpers import campaign, kpi
from test_activity import learning_source, store, write_campaign, write_lines  # noqa: F401 (store: fixture)

from campaign_kit.core.model import EarnedMedia, Rewards
from campaign_kit.phases.final.analysis import earned_media
from campaign_kit.phases.goals.analysis import cascade_frame, smart_checks
from campaign_kit.phases.goals.report import cascade_sentences
from campaign_kit.phases.midterm.analysis import Z90, forecast_total
from campaign_kit.phases.rewards.analysis import payout_ledger


def test_the_population_share_is_only_for_kpis_that_count_people():
    """Planted: the cascade's population share applied to every KPI ('144 shares of 420 → 34%')."""
    c = campaign(
        population={"description": "All staff", "size": 420},
        team={"ambassadors": 12, "hours_per_month": 4},
        kpis=[
            kpi("S", target=12, unit="shares", scope="per_ambassador"),  # 12 × 12 = 144 shares: not people
            kpi("P", target=84, unit="colleagues", counts_people=True),  # 84 of 420 = 20%
        ],
    )
    frame = cascade_frame(c).set_index("id")
    assert frame.at["S", "total"] == 144 and pd.isna(frame.at["S", "share"])
    assert frame.at["P", "share"] == pytest.approx(84 / 420)
    assert cascade_sentences(c) == ["S: 12 ambassadors × 12 per ambassador = 144 shares"]


def test_a_people_kpi_of_exactly_the_population_is_plausible():
    """Planted: `>` became `>=` in the population check: 30 of 30 colleagues is ambitious, not impossible."""
    c = campaign(kpis=[kpi("K", target=6, scope="per_ambassador", counts_people=True)])  # 5 × 6 = 30 of 30
    assert [code for code, _ in smart_checks(c)[0].failures] == []
    over = campaign(kpis=[kpi("K", target=31, counts_people=True)])  # 31 of 30
    assert [code for code, _ in smart_checks(over)[0].failures] == ["population"]


def test_the_campaign_cap_clips_what_earlier_months_already_paid():
    """Planted: earlier months' total no longer clipped at the cap: three capped months of 75 under a
    cap of 100 paid 75, 25 and then −50 (total 50) instead of 75, 25, 0 (total 100)."""
    r = Rewards(
        currency="EUR",
        budget=1000,
        hours_per_month=2,
        rules=[{"result": "completion", "amount": 25, "cap_per_period": 75, "cap_per_ambassador": 100}],
    )
    # 4 completions a month = 100 gross, 75 after the monthly cap; January to March
    rows = [("ann", f"2027-0{m}-10", "completion") for m in (1, 2, 3) for _ in range(4)]
    ledger = payout_ledger(r, pd.DataFrame(rows, columns=["ambassador", "date", "result"]))
    # running total 75, 150, 225 → clipped at 100: 75, 100, 100 → paid per month 75, 25, 0
    assert list(ledger.payouts.sort_values("period")["paid"]) == [75, 25, 0]
    assert ledger.totals.set_index("ambassador").at["ann", "incentives"] == 100


def test_the_forecast_band_falls_back_to_counting_noise_of_the_square_root_of_the_pace():
    """Planted: the fallback spread `sqrt(pace)` became `pace`."""
    start = dt.date(2027, 1, 1)
    # 4 a week for four weeks: the increments do not vary, so the band assumes Poisson noise
    levels = pd.Series([4.0, 8.0, 12.0, 16.0], index=[start + dt.timedelta(days=7 * w) for w in (1, 2, 3, 4)])
    as_of, deadline = start + dt.timedelta(days=28), start + dt.timedelta(days=56)
    outlook = forecast_total(levels, as_of, deadline, start)
    # pace 16 / 4 weeks = 4 a week; 4 weeks to go: 16 + 4 × 4 = 32
    # spread √4 = 2; sd = 2 × √(4 + 4² / 4) = 2 × √8 = 5.657; band 32 ± 1.645 × 5.657 = 22.69 … 41.31
    sd = 2 * math.sqrt(8)
    assert outlook.value == 32
    assert outlook.low == pytest.approx(32 - Z90 * sd) and outlook.low == pytest.approx(22.695, abs=1e-3)
    assert outlook.high == pytest.approx(41.305, abs=1e-3)


def test_measured_impressions_win_over_the_assumed_ones():
    """Planted: the assumed impressions per share took priority over the export's measured ones."""
    media = EarnedMedia(method="cpm_cpc", cpm=10, cost_per_click=2, reaction_multiplier=0.5, impressions_per_share=500)
    totals = {"share": 8.0, "click": 100.0, "reaction": 40.0, "impression": 5000.0}
    estimate = earned_media(totals, media)
    # measured 5,000 impressions (not 8 × 500 = 4,000): 10 × 5000 / 1000 + 2 × (40 × 0.5 + 100) = 50 + 240
    assert estimate.input("impressions") == 5000 and estimate.assumed == []
    assert estimate.value == pytest.approx(290)


def test_a_row_repeated_in_one_export_and_present_in_an_overlapping_one_counts_as_often_as_it_happened(
    tmp_path,
    store,  # noqa: F811
):
    """Planted: a repeated row's copies all got numbered keys, so the same row alone in an overlapping
    export was new again (4 events instead of 3)."""
    folder = write_campaign(tmp_path / "c", [learning_source()])
    # January's export: E1 logged in twice on the 4th, E2 once on the 5th: 3 events
    write_lines(folder / "lms-01.csv", "04-01-2027;E1;Inlog;A1\n04-01-2027;E1;Inlog;A1\n05-01-2027;E2;Inlog;A1\n")
    # an export of 4-5 January downloaded later holds one copy of E1's log-in and E2's: nothing new
    write_lines(folder / "lms-02.csv", "04-01-2027;E1;Inlog;A1\n05-01-2027;E2;Inlog;A1\n")
    assert [f["new"] for f in store(folder).files] == [3, 0]
    assert store.count() == 3
