"""``python -m agreements``: the same as the ``agreements`` command."""

from agreements.cli import main_entry

if __name__ == "__main__":
    main_entry()
