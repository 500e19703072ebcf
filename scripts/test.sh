#!/usr/bin/env bash
# Set up (with the test, llama.cpp, benchmark and Ray extras), then run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh "test,llm,bench,scale"
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  # The browser check of the app needs Debian's chromium and chromium-driver.
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    (apt-get update -qq && apt-get install -y -qq chromium chromium-driver >/dev/null) \
      || echo "warning: could not install chromium; the browser test will fail" >&2
  fi
fi
.venv/bin/python -m pytest "$@"
