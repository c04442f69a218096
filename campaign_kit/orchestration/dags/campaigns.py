"""Campaign workbook DAGs for Apache Airflow 3: copy this file into Airflow's dags/ folder.

One DAG per campaign folder of the workbook (`campaign_<folder>`): the plan (goals, selection,
rewards) on the campaign's first day, the mid-term on the first Monday of each month, the final on its
last day, each phase a task that runs the workbook's own command line with the run's logical date as
`--as-of`, then the portfolio. The DAGs are made by `campaign_kit/orchestration/airflow.py` in the
workbook, which this file loads by its path: Airflow's environment needs nothing of the workbook's.

Settings, each from the environment of the scheduler, DAG processor and workers (or written here):
  CAMPAIGN_WORKBOOK     the workbook checkout, with its .venv (run ./workbook once there); the same
                        path on every worker
  CAMPAIGN_OUTPUTS      where snapshots go (default: <workbook>/outputs); shared storage when tasks run
                        on several machines
  CAMPAIGN_PARAMETERS   the campaign folders (default: <workbook>/parameters)
  CAMPAIGN_TIMEZONE     the campaigns' time zone, e.g. Europe/Amsterdam (default: UTC); runs start
  CAMPAIGN_RUN_AT       at this time of day there (default 06:00)
  CAMPAIGN_RETRIES      retries of a failed or stopped phase (default 3), the first after
  CAMPAIGN_RETRY_DELAY  this many seconds (default 300), doubling up to an hour

The pools (one slot per campaign, so that its runs never use its activity store at once):
  python campaigns.py pools > pools.json && airflow pools import pools.json
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

WORKBOOK = os.environ.get("CAMPAIGN_WORKBOOK", "")  # or write the path here, e.g. "/srv/workbook"
FACTORY = Path("campaign_kit") / "orchestration" / "airflow.py"


def _workbook() -> Path:
    """The workbook: as set, else the checkout this file sits in (when Airflow reads it from there)."""
    if WORKBOOK:
        return Path(WORKBOOK).expanduser().resolve()
    here = Path(__file__).resolve()
    for folder in here.parents:
        if (folder / FACTORY).is_file():
            return folder
    raise RuntimeError(f"{here.name}: set CAMPAIGN_WORKBOOK (or WORKBOOK in this file) to the workbook's folder")


def _factory(workbook: Path) -> ModuleType:
    """The DAG factory, loaded by its path: the workbook's package needs its own venv to import."""
    path = workbook / FACTORY
    if not path.is_file():
        raise RuntimeError(f"no campaign workbook at {workbook}: {FACTORY} is missing (CAMPAIGN_WORKBOOK)")
    spec = importlib.util.spec_from_file_location("campaign_kit_orchestration_airflow", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


ROOT = _workbook()
factory = _factory(ROOT)
PARAMETERS = os.environ.get("CAMPAIGN_PARAMETERS") or str(ROOT / "parameters")
hour, minute = (int(part) for part in os.environ.get("CAMPAIGN_RUN_AT", "06:00").split(":"))

globals().update(
    factory.campaign_dags(
        ROOT,
        parameters=PARAMETERS,
        outputs=os.environ.get("CAMPAIGN_OUTPUTS") or None,
        timezone=os.environ.get("CAMPAIGN_TIMEZONE", "UTC"),
        run_at=dt.time(hour, minute),
        retries=int(os.environ.get("CAMPAIGN_RETRIES", "3")),
        retry_delay=dt.timedelta(seconds=float(os.environ.get("CAMPAIGN_RETRY_DELAY", "300"))),
    )
)

if __name__ == "__main__" and sys.argv[1:] == ["pools"]:
    print(factory.pools_json(PARAMETERS))
