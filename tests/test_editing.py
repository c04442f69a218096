"""Saving from forms: atomic, history kept, comments kept, refused when invalid or changed on disk."""

from __future__ import annotations

import datetime as dt

import pytest

from campaign_kit.core.editing import CampaignDocument, ConflictError
from campaign_kit.core.errors import CampaignError
from campaign_kit.core.validation import load_campaign


def new_kpi():
    return {
        "id": "K3",
        "name": "Workshop attendance",
        "metric": "Colleagues at the workshop",
        "target": 5,
        "unit": "people",
        "baseline": 0,
        "deadline": dt.date(2026, 12, 18),
        "owner": "HR",
    }


def test_save_keeps_comments_order_and_previous_version(campaign_copy):
    folder = campaign_copy()
    path = folder / "campaign.yaml"
    before = path.read_text(encoding="utf-8")
    doc = CampaignDocument(folder)
    doc.append("kpis", new_kpi())
    doc.set(("population", "size"), 32)
    saved = doc.save()
    assert dt.timedelta(0) <= dt.datetime.now() - saved < dt.timedelta(seconds=5)  # when it was saved, to the second
    after = path.read_text(encoding="utf-8")
    assert "# Ambassadeurscampagne voor het leerprogramma" in after
    assert "# geplande teamgrootte; per-ambassadeur-KPI's rekenen hiermee" in after
    assert after.index("name:") < after.index("organisation:") < after.index("population:")
    campaign = load_campaign(folder)
    assert campaign.kpi("K3").deadline == dt.date(2026, 12, 18)
    assert campaign.population.size == 32
    (previous,) = (folder / ".history").glob("campaign-*.yaml")
    assert previous.read_text(encoding="utf-8") == before
    assert not list(folder.glob("*.tmp")) and not list(folder.glob(".*.tmp"))


def test_an_unchanged_round_trip_is_byte_identical(campaign_copy):
    folder = campaign_copy("employer-branding-pilot")
    before = (folder / "campaign.yaml").read_text(encoding="utf-8")
    doc = CampaignDocument(folder)
    assert doc.text() == before


def test_invalid_values_are_refused_and_nothing_is_written(campaign_copy):
    folder = campaign_copy()
    path = folder / "campaign.yaml"
    before = path.read_bytes()
    doc = CampaignDocument(folder)
    doc.set(("kpis", 0, "deadline"), dt.date(2027, 9, 1))
    problems = doc.problems()
    assert [p.key for p in problems] == ["kpis[0].deadline"]
    assert "after the campaign end 2027-02-26" in problems[0].message
    with pytest.raises(CampaignError):
        doc.save()
    assert path.read_bytes() == before
    assert not (folder / ".history").exists()


def test_a_change_on_disk_since_loading_is_not_overwritten(campaign_copy):
    folder = campaign_copy()
    path = folder / "campaign.yaml"
    doc = CampaignDocument(folder)
    doc.set(("name",), "Mine")
    other = path.read_text(encoding="utf-8").replace("Zorggroep De Linde", "Zorggroep De Eik")
    path.write_text(other, encoding="utf-8")  # another analyst, or a text editor
    with pytest.raises(ConflictError, match="changed on disk"):
        doc.save()
    assert path.read_text(encoding="utf-8") == other
    doc.reload()  # discards the unsaved edit and picks up the other change
    assert doc.get(("organisation",)) == "Zorggroep De Eik" and doc.get(("name",)) != "Mine"
    doc.set(("name",), "Mine")
    doc.save()
    assert load_campaign(folder).name == "Mine"


def test_reload_discards_unsaved_edits(campaign_copy):
    doc = CampaignDocument(campaign_copy())
    doc.set(("name",), "Unsaved")
    assert doc.dirty
    doc.reload()
    assert doc.get(("name",)) == "Leerprogramma Leven Lang Ontwikkelen" and not doc.dirty


def test_list_items_can_be_added_moved_and_removed(campaign_copy):
    folder = campaign_copy()
    doc = CampaignDocument(folder)
    assert doc.move("actions", 0, +1) == 1
    assert doc.move("actions", 0, -1) == 0  # already first: stays
    doc.remove("checkpoints", 0)
    doc.save()
    campaign = load_campaign(folder)
    assert [a.id for a in campaign.actions][:2] == ["A2", "A1"]
    assert len(campaign.checkpoints) == 5


def test_emptying_an_optional_field_removes_it(campaign_copy):
    folder = campaign_copy()
    doc = CampaignDocument(folder)
    doc.set(("kpis", 0, "baseline"), None)
    assert "baseline" not in doc.get(("kpis", 0))
    doc.save()
    assert load_campaign(folder).kpis[0].baseline is None


def test_history_is_bounded(campaign_copy, monkeypatch):
    monkeypatch.setattr("campaign_kit.core.editing.KEEP_VERSIONS", 3)
    folder = campaign_copy()
    doc = CampaignDocument(folder)
    for size in range(31, 37):
        doc.set(("population", "size"), size)
        doc.save()
    assert len(list((folder / ".history").glob("campaign-*.yaml"))) == 3


def test_a_failed_reload_still_detects_the_change_on_disk(campaign_copy):
    folder = campaign_copy()
    path = folder / "campaign.yaml"
    doc = CampaignDocument(folder)
    doc.set(("name",), "Mine")
    path.write_text("name: [unclosed\n", encoding="utf-8")  # someone saves a broken file
    with pytest.raises(CampaignError, match="malformed YAML"):
        doc.reload()
    with pytest.raises(ConflictError):
        doc.save()
    assert path.read_text(encoding="utf-8") == "name: [unclosed\n"


def test_a_failing_write_leaves_the_old_file_and_no_temporary(campaign_copy, monkeypatch):
    folder = campaign_copy()
    path = folder / "campaign.yaml"
    before = path.read_bytes()
    doc = CampaignDocument(folder)
    doc.set(("population", "size"), 31)

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr("campaign_kit.core.storage.os.replace", broken_replace)
    with pytest.raises(OSError):
        doc.save()
    assert path.read_bytes() == before
    assert [p.name for p in folder.iterdir() if p.name.endswith(".tmp")] == []
