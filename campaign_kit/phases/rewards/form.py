"""Phase 3's form: budget, reward rules, prizes, fixed costs and the expected performance."""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as w

from campaign_kit.core.editing import CampaignDocument
from campaign_kit.core.i18n import label_or, t
from campaign_kit.core.model import RESULT_TYPES
from campaign_kit.forms.base import ParameterForm, open_form, summary_table
from campaign_kit.forms.fields import Field, ListSpec

BUDGET = (
    Field("currency"),
    Field("budget", "number"),
    Field("hours_per_month", "number", label_key="field.rewards.hours_per_month"),
    Field("prize_ranking", "choice", (*RESULT_TYPES, "reward"), "result.", default="reward"),
    Field("tie_rule", "choice", ("split", "earliest"), "tie.", default="split"),
)


def _next_place(doc: CampaignDocument) -> dict[str, Any]:
    taken = [p.get("place", 0) for p in doc.items(("rewards", "prizes")) if isinstance(p, dict)]
    return {"place": max([0, *[p for p in taken if isinstance(p, int)]]) + 1, "description": "", "value": 0}


LISTS = {
    "reward_rules": ListSpec(
        ("rewards", "rules"),
        (
            Field("result", "choice", RESULT_TYPES, "result."),
            Field("amount", "number"),
            Field("cap_per_period", "number", optional=True),
            Field("cap_per_ambassador", "number", optional=True),
        ),
        lambda _doc: {"result": "completion", "amount": 10},
        lambda item, _i, language: label_or(f"result.{item.get('result')}", language, str(item.get("result"))),
    ),
    "prizes": ListSpec(
        ("rewards", "prizes"),
        (Field("place", "int"), Field("description"), Field("value", "number")),
        _next_place,
        lambda item, i, _language: f"{item.get('place', i + 1)}. {item.get('description') or ''}".strip(),
    ),
    "fixed_costs": ListSpec(
        ("rewards", "fixed_costs"),
        (
            Field("item"),
            Field("amount", "number", optional=True),
            Field("hours", "number", optional=True),
            Field("rate", "number", optional=True),
        ),
        lambda _doc: {"item": "", "amount": 0},
        lambda item, i, _language: str(item.get("item") or i + 1),
    ),
}


class RewardsForm(ParameterForm):
    """The phase-3 form: budget, reward rules, prizes, fixed costs and the expected performance."""

    lists = LISTS

    def pages(self) -> list[tuple[str, w.Widget]]:
        performance = self.doc.get(("rewards", "performance")) or {}
        rules = [r.get("result") for r in self.doc.items(("rewards", "rules")) if isinstance(r, dict)]
        # every rewarded result needs its figures, so a new rule gets empty fields to fill in
        results = list(dict.fromkeys([*(performance if isinstance(performance, dict) else {}), *rules]))
        # one row per rewarded result: its name, then pessimistic, most likely and optimistic
        rows = [
            w.VBox(
                [
                    w.HTML(f"<b>{html.escape(label_or(f'result.{result}', self.language, result))}</b>"),
                    self._fields_box(
                        tuple(
                            Field(f"{result}.{level}", "number", label_key=f"scenario.{level}")
                            for level in ("pessimistic", "expected", "optimistic")
                        ),
                        ("rewards", "performance"),
                    ),
                ],
                layout=w.Layout(margin="0 0 8px 0"),
            )
            for result in results
            if isinstance(result, str)
        ]
        return [
            ("budget", self._fields_box(BUDGET, ("rewards",))),
            ("reward_rules", self._list_page("reward_rules")),
            ("prizes", self._list_page("prizes")),
            ("fixed_costs", self._list_page("fixed_costs")),
            ("performance", w.VBox(rows)),
        ]

    def _render_list(self, key: str) -> None:
        if key == "reward_rules":  # rules decide which results need performance figures
            self.build()
        else:
            super()._render_list(key)

    def _changed(self, field: Field, loc: tuple[str | int, ...], new: Any) -> None:
        super()._changed(field, loc, new)
        if loc[:2] == ("rewards", "rules") and loc[-1] == "result" and not self._updating:
            self.build()


def rewards_form(campaign: str) -> RewardsForm | None:
    """Phase 3's form (budget, rules, prizes, fixed costs, performance); a summary in scheduled runs."""
    return open_form(campaign, RewardsForm, rewards_summary_html)


def rewards_summary_html(doc: CampaignDocument, language: str) -> str:
    rows = [
        (t("field.budget", language), f"{doc.get(('rewards', 'budget'))} {doc.get(('rewards', 'currency'))}"),
        (t("form.tab.reward_rules", language), t("form.items", language, count=len(doc.items(("rewards", "rules"))))),
        (t("form.tab.prizes", language), t("form.items", language, count=len(doc.items(("rewards", "prizes"))))),
        (
            t("form.tab.fixed_costs", language),
            t("form.items", language, count=len(doc.items(("rewards", "fixed_costs")))),
        ),
    ]
    return summary_table(rows, language)
