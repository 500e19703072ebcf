"""``python -m kb.cli``: the ``kb`` command without the installed console script."""

from kb.cli import main

if __name__ == "__main__":  # not when a spawned worker re-imports the main module
    main()
