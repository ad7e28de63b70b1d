#!/usr/bin/env bash
# Sets up (scripts/setup.sh) and runs the whole test suite, PostgreSQL included.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/python -m ruff check .
exec .venv/bin/python -m pytest "$@"
