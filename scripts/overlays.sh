#!/usr/bin/env bash
# The overlays of every document of a corpus (a folder per document, as ../shared/corpus):
# `trustplans extract FILE --overlay OUT/<folder>`: PNG pages for a PDF, an annotated HTML copy
# for a web page or Word file. Run after scripts/setup.sh.
#   bash scripts/overlays.sh [CORPUS (default ../shared/corpus)] [OUT (default data/processed/overlays)]
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="${1:-../shared/corpus}"
out="${2:-data/processed/overlays}"
failed=0
for file in "$corpus"/*/*.pdf "$corpus"/*/*.docx "$corpus"/*/*.html; do
    [ -e "$file" ] || continue
    folder="$(basename "$(dirname "$file")")"
    if ! .venv/bin/trustplans -q extract "$file" --format json --overlay "$out/$folder" > /dev/null; then
        echo "overlays: $file: no overlay (see the error above)" >&2
        failed=1
    fi
done
exit "$failed"
