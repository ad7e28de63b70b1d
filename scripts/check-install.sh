#!/usr/bin/env bash
# Proves that `pip install .` alone (pyproject.toml, no lock file) gives a working tool: a
# fresh venv outside the project, the project installed from its pyproject, and one HTML, one
# PDF and one Word sample extracted to plan JSON from a folder that is not the project.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null 2>&1 || PY=python3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$PY" -m venv "$work/venv"
quiet() { "$@" 2> >(grep -v "is ignored: it is neither a file nor a directory" >&2); }
quiet "$work/venv/bin/python" -m pip install -q --upgrade "pip>=24" >/dev/null
quiet "$work/venv/bin/python" -m pip install -q . >/dev/null
for sample in swbh-2020-vision.html wah-2022-23-objectives.pdf uhb-2021-22-plan.docx; do
  (cd "$work" && "$work/venv/bin/trustplans" extract "$root/data/raw/$sample" --format json) > "$work/plan.json"
  "$work/venv/bin/python" - "$work/plan.json" "$sample" <<'PY'
import json, sys
plan = json.load(open(sys.argv[1], encoding="utf-8"))
found = sum(len(plan[part]) for part in ("objectives", "commitments", "indicators"))
assert found > 0, f"{sys.argv[2]}: nothing extracted"
print(f"check-install: {sys.argv[2]}: {plan['document']['format']}, {found} items, "
      f"{plan['document']['organisation']['name']}")
PY
done
echo "check-install: pip install . works"
