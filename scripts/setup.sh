#!/usr/bin/env bash
# Sets up everything trustplans needs on a fresh Debian machine: system packages
# (PostgreSQL server for the tests, Tesseract for scanned PDFs, Chromium for the browser tests), a .venv with the pinned
# dependency set (requirements.lock) and the project installed in it. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v tesseract >/dev/null 2>&1 || need_apt+=(tesseract-ocr tesseract-ocr-eng)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need_apt+=(postgresql)
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)  # browser tests (Playwright drives it)
if [ "${#need_apt[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing ${need_apt[*]}"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
  else
    echo "setup: warning: missing ${need_apt[*]} and cannot apt-get install them" >&2
  fi
fi

PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null 2>&1 || PY=python3
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
# pip's notes about this machine's optional local indexes are noise; errors still show.
quiet() { "$@" 2> >(grep -v "is ignored: it is neither a file nor a directory" >&2); }
quiet .venv/bin/python -m pip install -q --upgrade "pip>=24" >/dev/null
quiet .venv/bin/python -m pip install -q -r requirements.lock
quiet .venv/bin/python -m pip install -q --no-deps -e . >/dev/null
echo "setup: ready (.venv/bin/trustplans)"
