"""The fuzz scripts are run by hand (see README.md), never collected by pytest: with
``--doctest-modules`` pytest would otherwise import every module here, and atheris with it."""

collect_ignore_glob = ["*.py"]
