#!/usr/bin/env bash
# Set up, then run the main job on the offline default: the daily pipeline on the demo set
# that arxiv-kb generates itself (arXiv is out of reach offline). Writes indexes/reports/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
.venv/bin/kb daily --source demo "$@"
