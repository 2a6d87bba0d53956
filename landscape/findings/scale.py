"""Scale findings: the landscape at several levels and the clusters its ties form, from a
finished :class:`ScaleResult`. The groups Louvain finds are called clusters, never communities:
communities of practice are what people convene."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING

from landscape.findings import Finding, Focus, finding
from landscape.findings.phrases import count_noun, ties_measured
from landscape.passes.scale import ACROSS
from landscape.passes.statistics import too_few

if TYPE_CHECKING:  # pragma: no cover
    from landscape.passes.scale import ScaleResult

__all__ = ["QUESTION", "findings"]

QUESTION = "How can we keep a multi-scale perspective?"

_finding = partial(finding, "scale")


def findings(result: ScaleResult) -> tuple[Finding, ...]:
    """The Scale findings: where ties sit, each level's E-I, the clusters the ties form and
    those that span declared units.

    Examples
    --------
    >>> from landscape import load, sample_path
    >>> from landscape.passes import scale
    >>> [f.kind for f in findings(scale(load(sample_path("clinical-simulation"))))][:2]
    ['tie-levels', 'level-ei']
    """
    return (*_levels(result), *_detected(result))


def _levels_headline(total: int, counts: dict[str, int]) -> str:
    """Where the pairs of people tied meet, finest level first, as one sentence to read aloud.

    >>> _levels_headline(10, {"community": 6, "organisation": 3, ACROSS: 1})
    'Of 10 pairs of people tied, 6 share a community, 3 more share an organisation, and 1 shares none of these.'
    """
    parts = []
    for i, (name, count) in enumerate(counts.items()):
        verb = "shares" if count == 1 else "share"
        if name == ACROSS:
            parts.append((f"{count} {'does' if count == 1 else 'do'} not" if i == 1 else f"{count} {verb} none of these")
                         if i else f"{count} {verb} no unit")
        else:
            parts.append(f"{count} {'more ' if i else ''}{verb} {'an' if name[:1] in 'aeiou' else 'a'} {name}")
    listed = ", ".join(parts[:-1]) + (", and " if len(parts) > 2 else " and ") + parts[-1] if len(parts) > 1 \
        else parts[0]
    return f"Of {count_noun(total, 'pair of people tied', 'pairs of people tied')}, {listed}."


def _levels(result: ScaleResult) -> Iterator[Finding]:
    """The declared levels: where ties sit, and how each level's units hold them."""
    levels = result.levels
    how_ties = ties_measured(result.ties)
    if not levels:
        yield _finding(
            "no-levels", "No level of scale is declared: the participants have no community or organisation.",
            "Which units do people belong to, at which scales? Community and organisation columns, and a Communities "
            "sheet nesting communities in larger units, let the map show the landscape at several scales.",
            "No community or organisation column, and no levels named.",
            headline="No level of scale is declared: the participants have no community or organisation.")
    total = result.ties_counted
    if not total:
        yield _finding(
            "no-ties",
            f"No two people are tied by {', '.join(result.ties['relations']) or 'any relationship'}: where ties sit, "
            "the E-I index, modularity and the clusters the ties form are not defined (there are no ties).",
            "Which ties would show how learning moves within and between units: who goes to whom, for advice or "
            "to work together?",
            f"Pairs of people tied (either way) on {how_ties}.", {"ties": 0},
            headline=(f"No two people are tied by {', '.join(result.ties['relations'])}, so " if result.ties["relations"]
                      else "No learning tie (such as advice or collaboration) is recorded, so ")
            + "there is nothing yet to show about where learning happens or the clusters it forms.")
    if levels and total:
        parts = ", ".join(f"{count} within the same {name}" if name != ACROSS else f"{count} {ACROSS}"
                          for name, count in result.tie_levels.items())
        statement = f"Of {count_noun(total, 'tie')}: {parts}."
        yield _finding(
            "tie-levels", statement,
            "At which scale is learning happening, and which scale is it missing?",
            f"Each pair of people tied (either way) on {how_ties}, counted at the finest level at which they share a "
            "unit.", dict(result.tie_levels), headline=_levels_headline(total, result.tie_levels))
    for level in levels:
        e = result.ei[level.name]
        declared = result.declared[level.name]
        if e.ei is not None and e.expected is not None:
            chance = f"; too few people ({len(result.nodes)}) to compare with chance" if too_few(len(result.nodes)) \
                else f" against {e.expected:+.2f} if ties fell at random"
            yield _finding(
                "level-ei",
                f"By {level.name}: E-I {e.ei:+.2f}{chance}; modularity of the declared units "
                f"{declared['modularity']:.2f}." if declared["modularity"] is not None else
                f"By {level.name}: E-I {e.ei:+.2f}{chance}.",
                f"Does each {level.name} hold learning together, or does learning flow across them?",
                "Krackhardt & Stern's E-I index, and Newman-Girvan modularity (gamma = 1) of the partition into "
                "units (first unit listed; people without one on their own).",
                {"ei": e.ei, "expected": e.expected, "modularity": declared["modularity"]}, (level.name,),
                headline=_level_headline(level.name, declared["pairs"]["within"], declared["pairs"]["across"]))


def _detected(result: ScaleResult) -> Iterator[Finding]:
    """The clusters the ties form, and those no declared unit captures."""
    detection = result.reported
    if detection is not None and result.ties_counted:
        best_level = max(detection.nmi, key=detection.nmi.get) if detection.nmi else None
        closest = f"; of the declared levels, {best_level} comes closest to them" if best_level else ""
        plain = (f"The ties form {_clusters(detection.communities)}: groups of people tied more to each other than "
                 f"to the rest{closest}.")
        match = (f"; NMI {detection.nmi[best_level]:.2f}, ARI {detection.ari[best_level]:.2f} with {best_level}"
                 if best_level else "")
        stability = f"runs with {len(detection.seeds)} seeds agree with ARI {detection.mean_ari:.2f}" \
            if detection.mean_ari is not None else "one run"
        objective = "" if detection.resolution == 1.0 else f", objective {detection.objective:.2f} at that resolution"
        yield _finding(
            "detected",
            f"The ties form {_clusters(detection.communities)}: groups of people tied more to each other than to the "
            f"rest{closest}. (Louvain, resolution {detection.resolution:g}, modularity {detection.modularity:.2f}"
            f"{objective}{match}; {stability}.)",
            "Where does the informal structure of learning differ from the units on paper?",
            f"igraph's multilevel Louvain on the unweighted, undirected ties ({ties_measured(result.ties)}), seeds "
            f"{detection.seeds[0]}-{detection.seeds[-1]}, the best of the runs; modularity is Q at resolution 1"
            + ("" if detection.resolution == 1.0 else f", the objective Q at resolution {detection.resolution:g}")
            + ". Resolution 1 is reported when it was run, else the first resolution asked for. Louvain calls these "
            "groups communities; here they are clusters, to keep them apart from the communities of practice.",
            {"resolution": detection.resolution, "clusters": detection.communities,
             "modularity": detection.modularity, "objective": detection.objective, "mean_ari": detection.mean_ari},
            headline=plain)
    for item in result.spanning[:3]:
        units = ", ".join(f"{unit} ({count})" for unit, count in item["units"].items())
        statement = (f"A cluster of {item['size']} people formed by the ties spans {len(item['units'])} units of the "
                     f"{item['level']} level: {units}. No single unit holds them all.")
        yield _finding(
            "spanning-community", statement,
            "Who convenes it? Does it need a name, a home or a mandate of its own?",
            f"Detected at resolution {detection.resolution:g}; listed when the second-largest unit holds at least a "
            "quarter of its members. Someone in several units counts in each.",
            {"size": item["size"], "units": len(item["units"])}, tuple(item["people"]),
            Focus.of(people=item["people"], groups=item["units"]), headline=statement)


def _level_headline(level: str, internal: int, external: int) -> str:
    """Where the pairs of people tied who both have a unit at ``level`` sit: mostly within units or
    across (pairs, as every headline counts; the E-I index in the evidence counts arcs).

    >>> _level_headline("community", 30, 10)
    'Learning ties mostly stay within each community: of 40 pairs of people tied who both have one, 75% share it, 25% do not.'
    """
    total = internal + external
    level = level.replace("_", " ")
    lead = (f"Learning ties mostly stay within each {level}" if internal > external else
            f"Learning ties mostly run from one {level} to another" if external > internal else
            f"Learning ties split evenly between staying within a {level} and crossing to another")
    return (f"{lead}: of {count_noun(total, 'pair of people tied who both have one', 'pairs of people tied who both have one')}, "
            f"{internal / total:.0%} share it, {external / total:.0%} do not.")


def _clusters(count: int) -> str:
    """
    >>> _clusters(1), _clusters(4)
    ('a single cluster', '4 clusters')
    """
    return "a single cluster" if count == 1 else f"{count} clusters"
