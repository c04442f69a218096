"""Forms driven from Python: binding, validation as you go, refusals, scheduled-run summary."""

from __future__ import annotations

import datetime as dt
import html

from campaign_kit.core.validation import load_campaign
from campaign_kit.forms.fields import css_key
from campaign_kit.phases.goals import form as forms
from campaign_kit.phases.goals.form import CampaignForm, NewCampaignForm, summary_html


def find(widget, css_class):
    if css_class in getattr(widget, "_dom_classes", ()):
        return widget
    for child in getattr(widget, "children", ()):
        found = find(child, css_class)
        if found is not None:
            return found
    return None


def control(form, *loc):
    return find(form.widget, css_key(loc)).children[1]


def error_text(form, *loc):
    return html.unescape(find(form.widget, css_key(loc)).children[2].value)


def test_a_wrong_value_shows_next_to_its_field_and_blocks_save(campaign_copy):
    folder = campaign_copy()
    before = (folder / "campaign.yaml").read_bytes()
    form = CampaignForm(str(folder))
    assert not form.save_button.disabled
    control(form, "population", "size").value = "dertig"
    # a Dutch campaign's analyst reads Dutch messages
    assert "'dertig' is niet geldig; verwacht: een geheel getal" in error_text(form, "population", "size")
    assert form.save_button.disabled
    assert form.save() is False
    assert (folder / "campaign.yaml").read_bytes() == before
    control(form, "population", "size").value = "32"
    assert error_text(form, "population", "size") == "" and not form.save_button.disabled
    assert form.save() is True
    assert "Opgeslagen om" in form.status.value
    assert load_campaign(folder).population.size == 32


def test_adding_a_kpi_offers_it_to_actions_and_needs_a_name(campaign_copy):
    folder = campaign_copy()
    form = CampaignForm(str(folder))
    form._add("kpis")
    assert "KPI&#x27;s › K3 › Naam KPI: is leeg" in form.status.value  # where, in the form's own words
    control(form, "kpis", 3, "name").value = "Workshop"
    options = [value for _, value in control(form, "actions", 0, "kpi").options]
    assert "K3" in options
    control(form, "kpis", 3, "id").value = "K9"
    assert "K9" in [value for _, value in control(form, "actions", 0, "kpi").options]
    assert form.save() is True
    assert load_campaign(folder).kpi("K9").name == "Workshop"


def test_dates_lines_and_decimal_commas(campaign_copy):
    folder = campaign_copy()
    form = CampaignForm(str(folder))
    control(form, "actions", 0, "hours").value = "2,5"
    control(form, "obstacles", 0, "countermeasures").value = "Richtlijn\n\n  Aanspreekpunt  \n"
    date = control(form, "checkpoints", 0, "date")
    assert date.placeholder == "dd-mm-jjjj"  # the Dutch campaign's way, whatever the browser's locale
    date.value = "10/29/2026"  # an American habit: not a date here, and the form says what it expects
    assert form.save() is False
    error = "een datum als dd-mm-jjjj, bijv. 01-03-2027"
    assert error in html.unescape(form.status.value)
    assert error in html.unescape(form._errors["checkpoints[0].date"].value)
    date.value = "0"  # validation would take it for a number of seconds; the form does not
    assert form.save_button.disabled and form.save() is False
    date.value = "29-10-2026"
    assert form.save() is True
    assert date.value == "29-10-2026"
    campaign = load_campaign(folder)
    assert campaign.actions[0].hours == 2.5
    assert campaign.obstacles[0].countermeasures == ["Richtlijn", "Aanspreekpunt"]
    assert campaign.checkpoints[0].date == dt.date(2026, 10, 29)


def test_conflict_and_reload(campaign_copy):
    folder = campaign_copy()
    path = folder / "campaign.yaml"
    form = CampaignForm(str(folder))
    control(form, "name").value = "Mine"
    path.write_text(path.read_text(encoding="utf-8").replace("De Linde", "De Eik"), encoding="utf-8")
    assert form.save() is False
    assert "ck-conflict" in form.status.value and "De Eik" in path.read_text(encoding="utf-8")
    form.reload()
    assert control(form, "organisation").value == "Zorggroep De Eik"
    assert control(form, "name").value == "Leerprogramma Leven Lang Ontwikkelen"


def test_labels_follow_the_campaign_language(campaign_copy):
    assert CampaignForm(str(campaign_copy("employer-branding-pilot"))).save_button.description == "Save"
    assert CampaignForm(str(campaign_copy())).save_button.description == "Opslaan"


def test_scheduled_runs_get_a_read_only_summary(campaign_copy, monkeypatch, capsys):
    folder = campaign_copy()
    monkeypatch.setenv("CAMPAIGN_KIT_UNATTENDED", "1")
    assert forms.goals_form(str(folder)) is None
    assert forms.new_campaign_form(str(folder)) is None
    from campaign_kit.core.editing import CampaignDocument

    text = summary_html(CampaignDocument(folder), "nl")
    assert "K1, K2, K2a" in text and "Formulierwaarden" in text


def test_new_campaign_form_creates_or_explains(tmp_path, monkeypatch):
    (tmp_path / "parameters").mkdir()
    (tmp_path / "notebooks").mkdir()
    monkeypatch.setenv("CAMPAIGN_ROOT", str(tmp_path))
    form = NewCampaignForm("en")
    form.slug.value = "Not a slug"
    assert form.submit() is None and "not a valid campaign name" in form.status.value
    form.slug.value = "pilot-2027"
    form.start.value = "01/30/2027"  # month first, the American way: there is no month 30
    assert form.submit() is None and "Start: a date as dd/mm/yyyy, e.g. 01/03/2027" in html.unescape(form.status.value)
    form.start.value = "04/01/2027"
    form.end.value = "2027-04-30"  # ISO is always understood
    form.population.value = "80"
    assert form.submit() == "pilot-2027"
    assert "Still to fill in" in form.status.value and "organisation" in form.status.value
    assert (tmp_path / "parameters" / "pilot-2027" / "campaign.yaml").is_file()
    made = (tmp_path / "parameters" / "pilot-2027" / "campaign.yaml").read_text(encoding="utf-8")
    assert "start: 2027-01-04" in made and "end: 2027-04-30" in made


def test_a_new_reward_rule_gets_performance_fields_to_fill_in(campaign_copy):
    from campaign_kit.phases.rewards.form import RewardsForm

    folder = campaign_copy("employer-branding-pilot")
    form = RewardsForm(str(folder))
    form._add("reward_rules")  # a 'completion' rule: the pilot has no completion figures yet
    assert "no expected performance for 'completion'" in html.unescape(form.status.value)
    for level, value in (("pessimistic", "1"), ("expected", "2"), ("optimistic", "4")):
        control(form, "rewards", "performance", "completion", level).value = value
    assert form.save() is True
    assert load_campaign(folder).rewards.performance["completion"].expected == 2


def test_performance_rows_name_the_result_and_the_three_scenarios(campaign_copy):
    from campaign_kit.phases.rewards.form import RewardsForm

    form = RewardsForm(str(campaign_copy("leerprogramma")))
    labels = [
        find(form.widget, css_key(("rewards", "performance", "completion", level))).children[0].value
        for level in ("pessimistic", "expected", "optimistic")
    ]
    # the middle field is 'most likely', not the result's name; the result heads its row
    assert labels == ["<b>pessimistisch</b>", "<b>meest waarschijnlijk</b>", "<b>optimistisch</b>"]
    rows = form._containers[4].children[0].children
    assert [row.children[0].value for row in rows] == [
        "<b>collega logt in</b>",
        "<b>collega start een training</b>",
        "<b>collega rondt een training af</b>",
    ]


def test_an_item_title_follows_what_the_analyst_types(campaign_copy):
    from campaign_kit.phases.rewards.form import RewardsForm

    form = RewardsForm(str(campaign_copy("leerprogramma")))
    heading = form._headings[("prizes", 1)]
    assert heading.value == "<b>2. Dinerbon voor twee</b>"
    control(form, "rewards", "prizes", 1, "description").value = "Lunch met de directeur"
    assert heading.value == "<b>2. Lunch met de directeur</b>"
    control(form, "rewards", "rules", 0, "result").value = "share"
    # a changed rule rebuilds the form: its card is titled by its new result
    assert form._headings[("reward_rules", 0)].value == "<b>bericht gedeeld</b>"


def test_a_testimonial_is_given_to_a_team_member_chosen_by_name(campaign_copy):
    from campaign_kit.phases.final.form import FinalForm

    folder = campaign_copy()
    form = FinalForm(str(folder))
    choice = control(form, "evaluation", "testimonials", 0, "ambassador")
    # the selection's team of five (all confirmed in the example), named from medewerkers.csv
    assert [value for _, value in choice.options] == ["", "E000001", "E000005", "E000008", "E000019", "E000026"]
    assert ("Ilse Kaya (E000026)", "E000026") in choice.options
    assert choice.value == load_campaign(folder).evaluation.testimonials[0].ambassador
    choice.value = "E000008"
    assert form.save() is True
    assert load_campaign(folder).evaluation.testimonials[0].ambassador == "E000008"
