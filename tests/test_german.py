"""German from a catalogue alone: both examples switched to `language: de` run every phase, and
their reports, index page, forms and messages carry no English or Dutch stock phrase."""

from __future__ import annotations

import datetime as dt
import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import AS_OF, EXAMPLES, PAGES

from campaign_kit.core.i18n import labels, t
from campaign_kit.core.validation import read_yaml, round_trip_yaml

PLACEHOLDER = re.compile(r"\{[^{}]*\}")


class _Text(HTMLParser):
    """What a reader sees: text outside scripts and styles, and the images' alternative texts."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if name in ("alt", "title") and value:
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def visible_text(page: str) -> str:
    parser = _Text()
    parser.feed(page)
    return " ".join(" ".join(parser.parts).split())


def stock_phrases(own_words: str) -> dict[str, str]:
    """English and Dutch phrases of the catalogues (two words or more, between placeholders) that
    German does not use, leaving out the campaign's own words (its names, KPIs and notes are data)."""
    german = labels("de")
    phrases: dict[str, str] = {}
    for lang in ("en", "nl"):
        for key, text in labels(lang).items():
            if text == german.get(key):
                continue  # the same in German ("KPI", "Status", "Team")
            for piece in PLACEHOLDER.split(text):
                piece = " ".join(piece.strip(" .,:;()–-").split())
                if len(piece.split()) >= 2 and len(piece) >= 10 and piece not in german.get(key, ""):
                    phrases.setdefault(piece, f"{lang}:{key}")
    return {p: k for p, k in phrases.items() if p.lower() not in own_words}


def to_german(folder: Path) -> None:
    path = folder / "campaign.yaml"
    data = read_yaml(path)
    data["language"] = "de"
    with path.open("w", encoding="utf-8") as handle:
        round_trip_yaml().dump(data, handle)


def own_words(folder: Path) -> str:
    """Everything the campaign's own files say (lower case), to tell data from stock phrases."""
    texts = []
    for path in folder.rglob("*"):
        if path.suffix.lower() in (".yaml", ".csv", ".txt"):
            texts.append(path.read_text(encoding="utf-8-sig", errors="replace"))
        elif path.suffix.lower() == ".xlsx":
            import pandas as pd

            for sheet in pd.read_excel(path, sheet_name=None, dtype=str).values():
                texts.append(" ".join(sheet.columns) + " " + " ".join(sheet.fillna("").to_numpy().ravel()))
    return " ".join(" ".join(texts).split()).lower()


@pytest.fixture(scope="module")
def german(tmp_path_factory):
    """Both examples in German, every phase run once into a temporary outputs folder."""
    import shutil

    from conftest import PARAMETERS

    from campaign_kit.run.runner import run_snapshot

    root = tmp_path_factory.mktemp("german")
    runs = {}
    for name in EXAMPLES:
        folder = root / "parameters" / name
        shutil.copytree(PARAMETERS / name, folder)
        to_german(folder)
        result = run_snapshot(folder, None, dt.date.fromisoformat(AS_OF), root / "outputs")
        assert result.status == "ok", result.failures
        runs[name] = (folder, result.folder)
    return runs


@pytest.mark.notebook
@pytest.mark.parametrize("name", EXAMPLES)
def test_every_report_and_the_index_speak_german(name, german):
    folder, snapshot = german[name]
    phrases = stock_phrases(own_words(folder))
    assert len(phrases) > 300  # the check has teeth: hundreds of English and Dutch phrases
    pages = sorted(snapshot.glob("*.html"))
    assert [p.name for p in pages] == PAGES
    for page in pages:
        text = visible_text(page.read_text(encoding="utf-8"))
        found = sorted({f"{p!r} ({k})" for p, k in phrases.items() if p in text})
        assert not found, f"{page.name} says in English or Dutch: {found}"
    goals = visible_text((snapshot / "01_goals.html").read_text(encoding="utf-8"))
    for key in ("section.readiness", "section.kpis", "section.capacity", "report.as_of"):
        assert t(key, "de") in goals
    index = visible_text((snapshot / "index.html").read_text(encoding="utf-8"))
    assert t("phase.midterm", "de") in index and t("phase.final", "de") in index
    assert "30. Nov." not in index  # dates in the German CLDR way, e.g. 26.11.2026
    assert "26.11.2026" in goals


def test_problems_are_said_in_german(campaign_copy, capsys):
    from campaign_kit.run.cli import main

    folder = campaign_copy("leerprogramma")
    text = (folder / "campaign.yaml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^language: .*$", "language: de", text)
    text = re.sub(r"(?m)^(  size:) 30\b", r"\1 dreißig", text, count=1)
    (folder / "campaign.yaml").write_text(text, encoding="utf-8")
    assert main(["validate", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "1 Problem:" in err
    assert "population.size: 'dreißig'" in err  # the key path and the value as the file has them
    assert t("expected.int", "de") in err and "expected" not in err


def test_forms_speak_german(campaign_copy):
    from campaign_kit.phases.final.form import FinalForm
    from campaign_kit.phases.goals.form import CampaignForm, NewCampaignForm
    from campaign_kit.phases.midterm.form import MeetingsForm
    from campaign_kit.phases.rewards.form import RewardsForm
    from campaign_kit.phases.selection.form import SelectionForm

    folder = campaign_copy("leerprogramma")
    to_german(folder)
    phrases = stock_phrases(own_words(folder))
    for form in (CampaignForm, SelectionForm, RewardsForm, MeetingsForm, FinalForm):
        made = form(str(folder))
        assert made.language == "de"
        text = " ".join(widget_texts(made.widget))
        found = sorted({f"{p!r} ({k})" for p, k in phrases.items() if p in text})
        assert not found, f"{form.__name__} says in English or Dutch: {found}"
        assert t("form.save", "de") in text
    new = " ".join(widget_texts(NewCampaignForm("de").widget))
    assert t("new.title", "de") in new and t("language.de", "de") in new


def widget_texts(widget) -> list[str]:
    """Every text a widget tree shows: labels, descriptions, options, tab titles, HTML."""
    out = []
    for attr in ("description", "tooltip", "placeholder"):
        value = getattr(widget, attr, None)
        if isinstance(value, str) and value:
            out.append(value)
    value = getattr(widget, "value", None)
    if type(widget).__name__ in ("HTML", "Label") and isinstance(value, str):
        out.append(visible_text(html.unescape(value)) if "<" in value else value)
    for option in getattr(widget, "options", ()) or ():
        out.append(option[0] if isinstance(option, tuple) else str(option))
    titles = getattr(widget, "titles", None)
    if titles:
        out.extend(str(title) for title in titles if title)
    for child in getattr(widget, "children", ()):
        out.extend(widget_texts(child))
    return out
