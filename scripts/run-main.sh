#!/usr/bin/env bash
# Sets up (scripts/setup.sh) and runs the main job: the Prefect ingest flow over the sample
# plans in data/raw/ into SQLite at data/processed/trustplans.db, on Prefect's local
# ephemeral API. Prints the run's summary.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/trustplans ingest --flow data/raw
