"""A seeded generator of realistic landscapes for the benchmarks, at any size.

    python benchmarks/generate.py 10000 --out /tmp/landscape-10k     # CSV folder and .xlsx

The landscape: sectors hold organisations, organisations hold communities of practice (about
25 people each); people have a stakeholder group (eight, unevenly sized), a level (1-5, fewer at
the top) and a scale (local, regional, national by level). Ties, about ten a person plus one
reporting line:

- advice (directed): about seven a person, 80% within the community, 15% within the organisation,
  5% anywhere; a few brokers (1% of people) have ten more ties to other communities;
- collaboration (undirected): about two a person, 70% within the community;
- reports_to (directed): everyone below level 5 reports to someone one level up in their
  organisation (a tree, so Power has depths and spans).

Everything is drawn with numpy from one seed, so a size always gives the same landscape.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["generate", "write_csv", "write_xlsx"]

GROUPS = ["nurses", "doctors", "students", "educators", "technicians", "managers", "patients", "allied health"]
GROUP_WEIGHTS = np.array([0.24, 0.16, 0.22, 0.12, 0.08, 0.08, 0.04, 0.06])
LEVEL_WEIGHTS = np.array([0.45, 0.3, 0.15, 0.08, 0.02])  # level 1 (most people) to 5 (the top)


def generate(n: int, seed: int = 1) -> tuple[list[list[Any]], list[list[Any]]]:
    """Participants and relationships rows (header first) for ``n`` people."""
    rng = np.random.default_rng(seed)
    communities = max(4, n // 25)
    organisations = max(2, communities // 10)
    sectors = max(2, organisations // 20)
    community = rng.integers(0, communities, n)
    org_of_community = rng.integers(0, organisations, communities)
    sector_of_org = rng.integers(0, sectors, organisations)
    organisation = org_of_community[community]
    level = rng.choice(np.arange(1, 6), n, p=LEVEL_WEIGHTS)
    group = rng.choice(len(GROUPS), n, p=GROUP_WEIGHTS)
    second = np.where(rng.random(n) < 0.05, rng.integers(0, communities, n), -1)
    ids = np.array([f"P{i:06d}" for i in range(n)])

    people: list[list[Any]] = [["id", "name", "community", "organisation", "sector", "stakeholder_group", "level",
                                "scale"]]
    scales = np.array(["", "local", "local", "regional", "regional", "national"])
    for i in range(n):
        home = f"C{community[i]:05d}"
        both = f"{home};C{second[i]:05d}" if second[i] >= 0 and second[i] != community[i] else home
        people.append([ids[i], f"Person {i}", both, f"O{organisation[i]:04d}", f"S{sector_of_org[organisation[i]]:02d}",
                       GROUPS[group[i]], int(level[i]), scales[level[i]]])

    by_community = _members(community, communities)
    by_organisation = _members(organisation, organisations)

    def partners(sources: np.ndarray, local_share: float, org_share: float) -> np.ndarray:
        draw = rng.random(len(sources))
        targets = rng.integers(0, n, len(sources))  # anywhere
        local = draw < local_share
        within_org = (draw >= local_share) & (draw < local_share + org_share)
        targets[local] = _pick(rng, by_community, community[sources[local]])
        targets[within_org] = _pick(rng, by_organisation, organisation[sources[within_org]])
        return targets

    advice_from = np.repeat(np.arange(n), rng.poisson(7, n))
    brokers = rng.choice(n, max(1, n // 100), replace=False)
    bridge_from = np.repeat(brokers, 10)
    collab_from = np.repeat(np.arange(n), rng.poisson(2, n))
    ties: list[list[Any]] = [["source", "target", "type", "weight", "direction"]]
    for sources, targets, kind, direction in (
        (advice_from, partners(advice_from, 0.80, 0.15), "advice", "directed"),
        (bridge_from, rng.integers(0, n, len(bridge_from)), "advice", "directed"),
        (collab_from, partners(collab_from, 0.70, 0.20), "collaboration", "undirected"),
    ):
        keep = sources != targets
        weights = rng.integers(1, 4, len(sources))
        ties += [[ids[s], ids[t], kind, int(w), direction] for s, t, w in zip(sources[keep], targets[keep], weights[keep])]
    # reporting lines: to someone one level up in the same organisation, where there is one
    for org, members in enumerate(by_organisation):
        if len(members) == 0:
            continue
        levels = level[members]
        for lvl in range(1, 5):
            juniors, seniors = members[levels == lvl], members[levels == lvl + 1]
            if len(juniors) and len(seniors):
                bosses = seniors[rng.integers(0, len(seniors), len(juniors))]
                ties += [[ids[j], ids[b], "reports_to", 1, "directed"] for j, b in zip(juniors, bosses)]
    return people, ties


def _members(labels: np.ndarray, count: int) -> list[np.ndarray]:
    order = np.argsort(labels, kind="stable")
    bounds = np.searchsorted(labels[order], np.arange(count + 1))
    return [order[bounds[i]:bounds[i + 1]] for i in range(count)]


def _pick(rng: np.random.Generator, groups: list[np.ndarray], which: np.ndarray) -> np.ndarray:
    """One random member of groups[which[i]] for each i (a group is never empty here: its owner)."""
    sizes = np.array([len(groups[w]) for w in which])
    offsets = (rng.random(len(which)) * sizes).astype(np.int64)
    return np.array([groups[w][o] for w, o in zip(which, offsets)], dtype=np.int64)


def write_csv(folder: Path, people: list[list[Any]], ties: list[list[Any]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in (("participants", people), ("relationships", ties)):
        with (folder / f"{name}.csv").open("w", newline="", encoding="utf-8") as handle:
            csv.writer(handle, lineterminator="\n").writerows(rows)
    return folder


def write_xlsx(path: Path, people: list[list[Any]], ties: list[list[Any]]) -> Path:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    for name, rows in (("Participants", people), ("Relationships", ties)):
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("size", type=int, help="number of participants")
    parser.add_argument("--out", type=Path, required=True, help="folder to write csv/ and landscape.xlsx into")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-xlsx", action="store_true", help="write only the CSV folder")
    args = parser.parse_args()
    people, ties = generate(args.size, args.seed)
    write_csv(args.out / "csv", people, ties)
    if not args.no_xlsx:
        write_xlsx(args.out / "landscape.xlsx", people, ties)
    print(f"{len(people) - 1} participants, {len(ties) - 1} ties -> {args.out}")


if __name__ == "__main__":
    main()
