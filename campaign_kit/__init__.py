"""campaign_kit: the shared package behind the ambassador campaign workbook's notebooks."""

from campaign_kit.core.errors import CampaignError, Problem
from campaign_kit.core.validation import load_campaign

__all__ = ["CampaignError", "Problem", "load_campaign"]
__version__ = "0.1.0"
