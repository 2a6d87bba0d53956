"""Build samples/krackhardt-hightech/ from the published data (see README.md there).

    python samples/build/krackhardt_hightech.py PATH/TO/krackhardt_hightech

PATH is a folder holding the published data as participants.csv and relationships.csv (the
shared copy documented in its SOURCE.md). The sample renames columns to landscape's contract and
keeps the original codes; nothing else changes.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "krackhardt-hightech"


def main(source: Path) -> None:
    with (source / "participants.csv").open(newline="", encoding="utf-8") as handle:
        people = list(csv.DictReader(handle))
    with (source / "relationships.csv").open(newline="", encoding="utf-8") as handle:
        ties = list(csv.DictReader(handle))
    OUT.mkdir(exist_ok=True)
    with (OUT / "participants.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["id", "name", "role", "level", "community", "department", "age", "tenure_years"])
        for person in people:
            community = person["department_label"] if person["department"] != "0" else "CEO"
            writer.writerow([person["id"], person["name"], person["level_label"], person["level"],
                             community, person["department"], person["age"], person["tenure_years"]])
    with (OUT / "relationships.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["source", "target", "type", "weight"])
        for tie in ties:
            writer.writerow([tie["source"], tie["target"], tie["type"], tie["weight"]])


if __name__ == "__main__":
    main(Path(sys.argv[1]))
