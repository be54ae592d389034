#!/usr/bin/env python
"""Django's command-line utility for the site."""
import os
import sys
from pathlib import Path


def main() -> None:
    root = Path(__file__).resolve().parent
    sys.path[:0] = [str(root), str(root / "apps")]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sites.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
