#!/usr/bin/env bash
# Coverage of campaign_kit by the whole suite, including the code that runs inside the notebooks'
# kernels (report and chart modules, display): coverage follows papermill's kernel subprocesses
# ([tool.coverage.run] patch = subprocess) and combines their data. Browser tests are left out (their
# JupyterLab server would be measured too, for minutes). Prints the report per module.
#   .venv/bin/pip install -e ".[audit]"   # once
#   bash benchmarks/coverage.sh [pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf outputs/.coverage && mkdir -p outputs/.coverage
.venv/bin/coverage run -m pytest tests -q -p no:cacheprovider -m "not browser" "$@"
.venv/bin/coverage combine -q
.venv/bin/coverage report --sort=cover
