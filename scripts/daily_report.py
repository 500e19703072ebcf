#!/usr/bin/env python3
"""Cron-ready wrapper of ``kb daily`` (same options, same exit codes: 0 done, 1 nothing new,
2 failed). Example crontab line, weekdays after arXiv's announcement:

    30 6 * * 1-5  cd /path/to/arxiv-kb && .venv/bin/python scripts/daily_report.py --source live
"""

import sys

from kb.cli import main

if __name__ == "__main__":
    sys.exit(main(["daily", *sys.argv[1:]], standalone_mode=True))
