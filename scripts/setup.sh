#!/usr/bin/env bash
# Create .venv and install arxiv-kb into it. Usage: scripts/setup.sh [EXTRAS]  (e.g. "test,llm")
# torch is installed first and pinned: `pip install torch==2.13.0` takes the CPU build here;
# an unpinned torch would pull GBs of CUDA packages.
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-}"
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet torch==2.13.0
if [ -n "$extras" ]; then
  .venv/bin/python -m pip install --quiet -e ".[$extras]"
else
  .venv/bin/python -m pip install --quiet -e .
fi
