#!/usr/bin/env python
import os
import sys

# Commands that answer HTTP requests keep the production checks of settings (CCHC_ALLOWED_HOSTS required with
# CCHC_DEBUG off); every other command (migrate, import_plan, backup, ...) runs from a plain shell.
SERVING_COMMANDS = {"runserver", "testserver"}

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    if len(sys.argv) > 1 and sys.argv[1] not in SERVING_COMMANDS:
        os.environ["CCHC_COMMAND_LINE"] = "1"
    else:
        os.environ.pop("CCHC_COMMAND_LINE", None)
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
