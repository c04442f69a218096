"""What `campaign validate` checks beyond campaign.yaml: every data file the campaign names exists,
can be read and maps, with the same located messages a run would give. Nothing is written: the
activity exports are checked in memory, never in the campaign's store."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from campaign_kit.core.errors import CampaignError, Problem
from campaign_kit.core.model import Campaign
from campaign_kit.data.activity import SyncStep, check_sources, read_posts_file, source_files
from campaign_kit.phases.final.analysis import testimonial_warnings
from campaign_kit.phases.selection.people import load_people


@dataclass
class DataCheck:
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)  # read, but worth a look; they do not fail
    files: int = 0  # data files read


def check_data(campaign: Campaign, progress: Callable[[SyncStep], None] | None = None) -> DataCheck:
    """Read every people file and activity export the campaign names, and say what is wrong.
    `progress` hears how the reading of the exports goes (a long one on a terminal)."""
    result = DataCheck()
    known: set[str] | None = None
    if campaign.selection is not None:
        result.files += 2
        try:
            people = load_people(campaign)
            result.warnings += people.warnings
            known = set(people.employees["id"].dropna())
        except CampaignError as exc:
            result.problems += exc.problems
    if campaign.activity is not None:
        folder = campaign.folder
        for index, source in enumerate(campaign.activity.sources):
            try:
                result.files += len(source_files(folder, source, index))
            except CampaignError:
                pass  # check_sources says which pattern found nothing
        result.problems += check_sources(campaign, result.warnings, progress)
        if campaign.activity.posts:
            result.files += 1
            try:
                read_posts_file(campaign)
            except CampaignError as exc:
                result.problems += exc.problems
    result.warnings += testimonial_warnings(campaign, known)
    return result
