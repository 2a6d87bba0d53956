"""``python -m landscape``: the command line, for when the ``landscape`` script is not on PATH."""

from landscape.cli import main

if __name__ == "__main__":  # pragma: no cover - run as a program
    main(prog_name="landscape")
