"""``python -m kb.cli``: the ``kb`` command without the installed console script."""

from kb.cli import main

main()
