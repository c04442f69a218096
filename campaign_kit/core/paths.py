"""Every path the workbook uses, built from one project root.

The root is the folder holding `parameters/`, `notebooks/` and `outputs/`. It is the current
directory when that looks like a workbook, else the checkout this package was installed from, so the
command line works from anywhere inside a clone and from cron.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent  # campaign_kit/
CAMPAIGN_FILE = "campaign.yaml"
# Set by `campaign run` for its kernels: nobody is present, so forms show a read-only summary.
UNATTENDED_ENV = "CAMPAIGN_KIT_UNATTENDED"


def _looks_like_root(path: Path) -> bool:
    return (path / "notebooks").is_dir() and (path / "parameters").is_dir()


def project_root() -> Path:
    """The workbook folder: $CAMPAIGN_ROOT, the current folder or a parent of it, else the checkout."""
    env = os.environ.get("CAMPAIGN_ROOT")
    if env:
        return Path(env).resolve()
    here = Path.cwd().resolve()
    for candidate in (here, *here.parents):
        if _looks_like_root(candidate):
            return candidate
    return PACKAGE_DIR.parent


def parameters_dir() -> Path:
    return project_root() / "parameters"


def notebooks_dir() -> Path:
    return project_root() / "notebooks"


def outputs_dir() -> Path:
    return project_root() / "outputs"


def resolve_campaign_dir(campaign: str | Path) -> Path:
    """A campaign given as a folder path, a path to its campaign.yaml, or its name under parameters/."""
    path = Path(campaign)
    if path.name == CAMPAIGN_FILE:
        return path.parent.resolve()
    if path.is_dir():
        return path.resolve()
    named = parameters_dir() / str(campaign)
    if named.is_dir():
        return named.resolve()
    return path.resolve()
