"""The typed campaign model: what `campaign.yaml` holds once it has been validated.

Enumerations are stored as English keys so that files stay language-neutral; reports translate them.
Fields a SMART check judges (metric, baseline, owner, deadline) are optional here on purpose: a KPI
without an owner is a weak KPI, not an unreadable file, and the KPI table says why it fails.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from campaign_kit.core.i18n import LANGUAGES

# One per translation catalogue under campaign_kit/locale: a new language is a new catalogue.
Language = Literal[LANGUAGES]  # type: ignore[valid-type]
ReadinessStatus = Literal["ready", "partial", "missing", "unknown"]
ObstacleKind = Literal["fear", "time", "underestimation", "other"]
KpiScope = Literal["total", "per_ambassador"]
ActionStatus = Literal["todo", "doing", "done", "cancelled"]
CheckpointKind = Literal["ambassador_meeting", "midterm", "final", "other"]

READINESS_ITEMS = (
    "core_values",
    "intrinsic_motivation",
    "content_strategy",
    "management_sponsor",
    "channel_activity",
)


# Numbers must be numbers: `true`, '25' or .inf are mistakes to report, not values to coerce.
Number = Annotated[float, Field(strict=True, allow_inf_nan=False)]
Whole = Annotated[int, Field(strict=True)]
# Dates of a campaign, its KPIs and its people: a typing slip (9999-12-31) is refused, not run for a minute
Day = Annotated[dt.date, Field(ge=dt.date(2000, 1, 1), le=dt.date(2099, 12, 31))]


class Strict(BaseModel):
    """Unknown keys are errors: a typo such as `deadlne` must not be silently ignored."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    @field_validator("*", mode="before")
    @classmethod
    def _no_control_characters(cls, value: object) -> object:
        # a NUL or other control character in a name breaks files, HTML and the command line
        if isinstance(value, str) and any(ord(c) < 32 and c not in "\t\n\r" for c in value):
            raise ValueError("text with a control character (such as NUL)")
        return value


class Population(Strict):
    description: str = Field(min_length=1)
    size: Whole = Field(gt=0)


class ReadinessItem(Strict):
    item: str = Field(min_length=1)
    status: ReadinessStatus = "unknown"
    evidence: str = ""
    owner: str = ""


class Obstacle(Strict):
    kind: ObstacleKind
    description: str = ""
    countermeasures: list[str] = Field(default_factory=list)
    owner: str = ""


class Goal(Strict):
    statement: str = Field(min_length=1)
    rationale: str = ""


ResultType = Literal[
    "login", "start", "completion", "share", "click", "reaction", "impression", "visit", "applicant", "hire"
]
RESULT_TYPES: tuple[str, ...] = ResultType.__args__


class Measure(Strict):
    """How a KPI is read from the activity data (phase 4).

    count: events (a running total of the result), people (distinct colleagues or candidates with the
    result), ambassadors (distinct team members with it) or posts (distinct posts with it). window_days
    turns the running total into a level over the last N days, e.g. 'ambassadors who shared in the
    last 30 days'.
    """

    result: ResultType
    count: Literal["events", "people", "ambassadors", "posts"] = "events"
    window_days: Whole | None = Field(default=None, gt=0, le=366)
    via_ambassadors: bool = False  # only results an ambassador brought about


class Kpi(Strict):
    id: str = Field(min_length=1, pattern=r"^[A-Za-z0-9_.-]+$")
    name: str = Field(min_length=1)
    metric: str = ""
    target: Number | None = Field(default=None, ge=0)
    unit: str = ""
    baseline: Number | None = Field(default=None, ge=0)
    deadline: Day | None = None
    owner: str = ""
    parent: str | None = None
    scope: KpiScope = "total"
    # True when the KPI counts people of the target population (each at most once), so its total
    # cannot exceed the population and its share of the population is meaningful.
    counts_people: bool = False
    measure: Measure | None = None


class Action(Strict):
    id: str = Field(min_length=1, pattern=r"^[A-Za-z0-9_.-]+$")
    kpi: str = Field(min_length=1)
    description: str = Field(min_length=1)
    owner: str = ""
    start: Day | None = None
    due: Day
    hours: Number = Field(ge=0)
    status: ActionStatus = "todo"


class Team(Strict):
    ambassadors: Whole = Field(gt=0, description="planned number of ambassadors")
    hours_per_month: Number = Field(ge=0, description="organisers' hours available per month")


class Checkpoint(Strict):
    kind: CheckpointKind
    date: Day
    label: str = ""


ScaleKind = Literal["linear", "levels", "flag"]
CandidateStatus = Literal["asked", "interested", "declined", "confirmed"]


class Scale(Strict):
    """How a raw signal becomes a score from 0 to 1.

    linear: values from `min` to `max` map to 0..1 (clipped); levels: text values map to given scores
    (case-insensitive); flag: yes = 1, no = 0.
    """

    kind: ScaleKind = "linear"
    min: Number = 0
    max: Number = 1
    levels: dict[str, Annotated[float, Field(strict=True, ge=0, le=1, allow_inf_nan=False)]] = Field(
        default_factory=dict
    )

    @model_validator(mode="after")
    def _range(self) -> Scale:
        # min = max is a threshold (1 from there on); min above max maps nothing sensibly
        if self.kind == "linear" and self.min > self.max:
            raise ValueError(f"min {self.min:g} is above max {self.max:g}")
        return self


class Criterion(Strict):
    weight: Number = Field(ge=0)
    column: str | None = None  # the data column holding the signal; default: the criterion's own name
    scale: Scale = Field(default_factory=Scale)


class GenderBalance(Strict):
    tolerance: float = Field(ge=0, le=0.5)  # allowed distance from the target share, e.g. 0.15
    target: Literal["population", "equal"] = "population"


class TeamRules(Strict):
    ratio: Whole | None = Field(default=None, gt=0, le=100_000, description="one ambassador per N people")
    minimum: Whole = Field(default=5, ge=1, le=100_000, description="a pilot has at least 5")
    maximum: Whole | None = Field(default=None, ge=1, le=100_000)
    cover_departments: bool = True
    min_department_size: Whole = Field(default=1, ge=1, description="smaller departments need no ambassador")
    max_per_department: Whole | None = Field(default=None, ge=1)
    gender_balance: GenderBalance | None = None


class StatusUpdate(Strict):
    id: str = Field(min_length=1)
    status: CandidateStatus
    date: Day
    note: str = ""


# How a file is laid out, when the workbook's own detection is fooled; the import assistant writes these.
Encoding = Literal["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252", "latin-1"]
Separator = Literal[",", ";", "\t", "|"]
DecimalMark = Literal[",", "."]
# the date layouts exports use (data.activity reads them in DuckDB, data.readers with strptime); month
# first only when named, since a day-first 03/04 is the Dutch and Flemish reading. Two-digit years come
# first (Moodle's "31/10/26, 16:42"): DuckDB reads '26' with %Y as the year 26, never 2026 with %y.
DATE_FORMATS = (
    "%d/%m/%y, %H:%M",
    "%d/%m/%y %H:%M",
    "%d/%m/%y",
    "%d-%m-%y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
    "%d-%m-%Y %H:%M:%S",
    "%d-%m-%Y %H:%M",
    "%d-%m-%Y",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
    "%d.%m.%Y",
    "%Y%m%d",  # Google Analytics
)
MONTH_FIRST_FORMATS = ("%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M", "%m/%d/%Y", "%m/%d/%y %H:%M", "%m/%d/%y")
DateFormat = Literal[(*DATE_FORMATS, *MONTH_FIRST_FORMATS)]  # type: ignore[valid-type]


class FileFormat(Strict):
    """A file's layout where detection must not guess: its encoding, separator, decimal mark, the line
    of its header (1 = the first line) and the one format of its dates."""

    header_row: Whole | None = Field(default=None, ge=1)
    encoding: Encoding | None = None
    separator: Separator | None = None
    decimal: DecimalMark | None = None
    date_format: DateFormat | None = None


class Selection(Strict):
    employees: str = Field(min_length=1, description="employee list, a file beside campaign.yaml")
    nominations: str = Field(min_length=1, description="team leads' long list, a file beside campaign.yaml")
    columns: dict[str, str] = Field(default_factory=dict, description="workbook name -> header in the files")
    # where one file spells a column differently (HR's 'Medewerker', a form's 'Personeelsnummer collega')
    employee_columns: dict[str, str] = Field(default_factory=dict, description="headers of the employee list only")
    nomination_columns: dict[str, str] = Field(default_factory=dict, description="headers of the nominations only")
    employee_format: FileFormat = Field(default_factory=FileFormat)
    nomination_format: FileFormat = Field(default_factory=FileFormat)
    criteria: dict[str, Criterion] = Field(default_factory=dict)
    team: TeamRules = Field(default_factory=TeamRules)
    shortlist_size: Whole = Field(default=10, ge=1, le=100_000)
    show_names: bool = False
    dimensions: list[str] = Field(default_factory=list, description="other columns to compare team and population")
    status: list[StatusUpdate] = Field(default_factory=list)


class RewardRule(Strict):
    """A reward per result an ambassador brings about, with optional caps."""

    result: ResultType
    amount: Number = Field(gt=0)
    currency: str | None = None  # when given, must be the budget's currency
    cap_per_ambassador: Number | None = Field(default=None, gt=0, description="over the whole campaign")
    cap_per_period: Number | None = Field(default=None, gt=0, description="per ambassador per month")


class Prize(Strict):
    place: Whole = Field(ge=1)
    description: str = Field(min_length=1)
    value: Number = Field(ge=0)
    currency: str | None = None


class FixedCost(Strict):
    item: str = Field(min_length=1)
    amount: Number | None = Field(default=None, ge=0)
    hours: Number | None = Field(default=None, ge=0)  # organisers' hours, priced at `rate`
    rate: Number | None = Field(default=None, ge=0)
    currency: str | None = None


class Performance(Strict):
    """Results per ambassador over the whole campaign: a low, a likely and a high figure."""

    pessimistic: Number = Field(ge=0)
    expected: Number = Field(ge=0)
    optimistic: Number = Field(ge=0)


class Simulation(Strict):
    draws: Whole = Field(default=10_000, ge=100, le=1_000_000)
    seed: Whole = 2026


class Rewards(Strict):
    currency: str = Field(min_length=3, max_length=3, pattern=r"^[A-Z]{3}$")
    budget: Number = Field(gt=0)
    hours_per_month: Number = Field(gt=0, description="hours asked of each ambassador per month")
    rules: list[RewardRule] = Field(default_factory=list)
    prizes: list[Prize] = Field(default_factory=list)
    prize_ranking: ResultType | Literal["reward"] = "reward"  # what the scoreboard ranks by
    tie_rule: Literal["split", "earliest"] = "split"
    fixed_costs: list[FixedCost] = Field(default_factory=list)
    performance: dict[ResultType, Performance] = Field(default_factory=dict)
    simulation: Simulation = Field(default_factory=Simulation)
    symbolic_below_per_hour: Number = Field(default=5, ge=0, description="reward per hour below this is symbolic")
    incentive_share_warning: Number = Field(default=0.6, gt=0, le=1, description="incentives above this share")


SourceKind = Literal["learning", "sharing", "web", "recruitment"]


class ActivitySource(FileFormat):
    """One kind of export: a file or a pattern of monthly files beside campaign.yaml (its layout
    fields, from FileFormat, sit beside `files`)."""

    kind: SourceKind
    files: str = Field(min_length=1, description="e.g. activity/lms.csv or activity/shares-*.xlsx")
    columns: dict[str, str] = Field(default_factory=dict, description="workbook name -> header in the export")
    # the words the export uses for events or stages, e.g. {login: [inlog, aangemeld]}; added to the preset's
    values: dict[ResultType, list[str]] = Field(default_factory=dict)
    # words in the event or stage column that are no result (Moodle's 'Course viewed'): rows left out
    ignore: list[str] = Field(default_factory=list)
    # campaign values that mean "no ambassador" beside GA's own ((direct), (not set), (none), ...)
    unattributed: list[str] = Field(default_factory=list)
    # a status report (one row per person and course, a date column per event, e.g. {start: Startdatum,
    # completion: Datum voltooid}) instead of an event log: each filled date is one event
    dates: dict[ResultType, str] = Field(default_factory=dict)
    # the columns that identify a row of a status report; default the employee (candidate) and the course
    key: list[str] = Field(default_factory=list)


class Meeting(Strict):
    """Notes of an ambassador meeting: the mid-term evaluation with the ambassadors themselves."""

    date: Day
    attendees: Whole | None = Field(default=None, ge=0)
    works: str = ""
    does_not_work: str = ""
    stuck: str = ""
    actions: str = ""


class Activity(Strict):
    sources: list[ActivitySource] = Field(default_factory=list)
    # the team as the exports name them; default: the team of phase 2 (confirmed and proposed)
    ambassadors: list[str] = Field(default_factory=list)
    active_days: Whole = Field(default=30, gt=0, le=366, description="active = any activity in the last N days")
    # each post's id and title (CSV or Excel beside campaign.yaml): reports show posts by title
    posts: str | None = Field(default=None, min_length=1)
    meetings: list[Meeting] = Field(default_factory=list)


Consent = Literal["none", "anonymous", "named"]
CHECKLIST_ITEMS = (
    "goal_and_kpis",
    "plan",
    "team",
    "reward",
    "motivation",
    "meetings",
    "evaluations",
)


class Testimonial(Strict):
    """An ambassador's own words, with what they agreed to: not shown, shown anonymously, or by name."""

    ambassador: str = Field(min_length=1)
    text: str = Field(min_length=1)
    date: Day
    consent: Consent = "none"


class ChecklistEntry(Strict):
    status: Literal["done", "partial", "open"]
    note: str = ""


class EarnedMedia(Strict):
    """How the reach ambassadors brought is priced, as the advocacy platforms do it. Every rate is a
    parameter so the estimate can be reproduced and argued with.

    cpc: cost per click × clicks. cpm_cpc: CPM × impressions / 1000 + CPC × (reactions × multiplier +
    clicks). points: points per result × results × cost per point.
    """

    method: Literal["cpc", "cpm_cpc", "points"] = "cpc"
    cost_per_click: Number | None = Field(default=None, ge=0)
    cpm: Number | None = Field(default=None, ge=0, description="cost per 1,000 impressions")
    reaction_multiplier: Number = Field(default=1.0, ge=0)
    impressions_per_share: Number | None = Field(
        default=None, ge=0, description="when the export has no impressions: an assumption, shown as such"
    )
    cost_per_point: Number | None = Field(default=None, ge=0)
    points: dict[ResultType, Number] = Field(default_factory=dict)


class Evaluation(Strict):
    session_date: Day | None = None  # the evaluation session with the ambassadors
    worked: str = ""
    did_not_work: str = ""
    lessons: list[str] = Field(default_factory=list)
    # what the next campaign's timing depends on (step 8 of the method)
    turnover: Number | None = Field(default=None, ge=0, le=1, description="share of staff leaving per year")
    management_support: Literal["strong", "moderate", "weak"] | None = None
    earned_media: EarnedMedia | None = None
    value_per: dict[ResultType, Number] = Field(default_factory=dict, description="e.g. a saved agency fee per hire")
    checklist: dict[str, ChecklistEntry] = Field(default_factory=dict)
    testimonials: list[Testimonial] = Field(default_factory=list)


class Spread(Strict):
    """The oil-spot planner's assumptions, when the cascade does not give them (campaign_kit.spread)."""

    adoption: ResultType  # a colleague has adopted at their first result of this kind
    per_ambassador: Number = Field(gt=0, le=10_000)  # colleagues each ambassador brings in on their own ...
    weeks: Whole = Field(gt=0, le=520)  # ... within this many weeks
    cross: float = Field(default=0.2, ge=0, le=1)  # share of word of mouth that crosses departments
    reach: float | None = Field(default=None, gt=0, le=1)  # the share of the group to reach ...
    by: Day | None = None  # ... by this date (default: the campaign's end)


class Campaign(Strict):
    name: str = Field(min_length=1)
    organisation: str = Field(min_length=1)
    language: Language = "en"
    start: Day
    end: Day
    population: Population
    team: Team
    goal: Goal
    readiness: list[ReadinessItem] = Field(default_factory=list)
    obstacles: list[Obstacle] = Field(default_factory=list)
    kpis: list[Kpi] = Field(default_factory=list)
    actions: list[Action] = Field(default_factory=list)
    checkpoints: list[Checkpoint] = Field(default_factory=list)
    selection: Selection | None = None
    rewards: Rewards | None = None
    activity: Activity | None = None
    evaluation: Evaluation | None = None
    spread: Spread | None = None

    # Where the campaign was loaded from; data files of later phases sit beside campaign.yaml.
    _folder: Path | None = PrivateAttr(default=None)

    @property
    def folder(self) -> Path | None:
        return self._folder

    @property
    def slug(self) -> str:
        return self._folder.name if self._folder else self.name

    def kpi(self, kpi_id: str) -> Kpi:
        for kpi in self.kpis:
            if kpi.id == kpi_id:
                return kpi
        raise KeyError(kpi_id)
