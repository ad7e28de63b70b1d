#!/usr/bin/env bash
# Sets up (scripts/setup.sh) and runs the whole test suite, PostgreSQL included: ruff, the
# layering contract (lint-imports, pyproject.toml), then pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/python -m ruff check .
.venv/bin/lint-imports --no-cache
exec .venv/bin/python -m pytest "$@"
