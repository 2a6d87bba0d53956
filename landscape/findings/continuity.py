"""Continuity findings: what changed between two waves, from a finished :class:`ComparisonResult`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING

from landscape.findings import Finding, Focus, finding
from landscape.findings.phrases import and_list, capital, count_noun, count_people, first_few, signed, two_places
from landscape.findings.power import concentration_words

if TYPE_CHECKING:  # pragma: no cover
    from landscape.passes.continuity import ComparisonResult

__all__ = ["QUESTION", "findings"]

QUESTION = "How do we enable ongoing learning loops?"

_finding = partial(finding, "continuity")


def findings(result: ComparisonResult) -> tuple[Finding, ...]:
    """The Continuity findings: who came and went, the ties kept and lost, moves between levels,
    boundaries opened and closed, concentration, brokers and voices.

    Examples
    --------
    >>> import landscape
    >>> from landscape.passes.continuity import compare
    >>> land = landscape.load(landscape.sample_path("krackhardt-hightech"))
    >>> [f.kind for f in findings(compare(land, land))]
    ['no-change']
    """
    found = list(_unfiled(result))
    if not (result.newcomers or result.leavers or result.gained or result.lost):
        counts = result.participants
        statement = (f"Nothing changed between {result.before} and {result.after}: the same "
                     f"{count_people(counts['after'], 'takes', 'take')} part, with the same "
                     f"{count_noun(_tie_count(result), 'tie')}.")
        found.append(_finding(
            "no-change", statement,
            QUESTION, _how_waves(result) + " Ties compared each once, by their two ends, type and direction.",
            {"participants": counts["after"], "ties": _tie_count(result)}, headline=statement))
        return tuple(found)
    for part in (_people, _ties, _levels, _boundaries, _concentration, _brokers, _voices, _leadership):
        found += part(result)
    return tuple(found)


def _leadership(result: ComparisonResult) -> list[Finding]:
    """Who is newly looked to for leadership (the Leadership pass's emergence, said alike)."""
    from landscape.findings.leadership import emergence_sentence

    change = result.leadership
    if change is None:
        return []
    headline, statement = emergence_sentence(change, result.names)
    return [_finding(
        "leadership-emergence", statement,
        "What helped new leaders step forward, and how does the community keep making room for them?",
        "Widely looked to in each wave: named by at least 2 people and by at least half as many as the most named "
        "(the Leadership pass's rule), on the leadership ties of both waves. Those no longer looked to are counted, "
        "not named.", {"new": len(change["new"]), "no_longer": len(change["no_longer"])}, change["new"],
        Focus.of(people=change["new"]), headline=headline)]


def _how_waves(result: ComparisonResult) -> str:
    return (f"Participants matched by id between {result.before} and {result.after}" +
            (" (in the wave column's mode a participant takes part in a wave when they have a tie in it)"
             if result.basis == "wave column" else "") + ".")


def _tie_count(result: ComparisonResult) -> int:
    """Ties of every type in the later wave, each once."""
    return sum(values["after"] for kind, values in result.ties.items() if kind != "all")


def _unfiled(result: ComparisonResult) -> Iterator[Finding]:
    """Ties the wave column leaves in neither wave."""
    blank = result.ties_without_wave
    if blank:
        statement = (f"{count_noun(blank, 'tie has', 'ties have')} no wave and {'is' if blank == 1 else 'are'} in "
                     "neither wave.")
        yield _finding(
            "ties-without-wave", statement,
            "Which wave do they belong to? Filling in the wave column puts them in the comparison.",
            "Relationship rows with a blank wave cell.", {"ties_without_wave": blank}, headline=statement)


def _people(result: ComparisonResult) -> Iterator[Finding]:
    """Who joined and who left."""
    b, a = result.before, result.after
    newcomers, leavers = result.newcomers, result.leavers
    counts = result.participants
    if newcomers or leavers:
        def groups_text(by: dict[str, int], shown: int | None = 6) -> str:
            return "; ".join(f"{group} {n}" for group, n in list(by.items())[:shown])

        parts, every = [], []
        if newcomers:
            parts.append(f"{count_people(len(newcomers), 'joined', 'joined')} ({groups_text(result.newcomers_by_group)})")
            every.append(f"{count_people(len(newcomers), 'joined', 'joined')} "
                         f"({groups_text(result.newcomers_by_group, None)})")
        if leavers:
            parts.append(f"{count_people(len(leavers), 'left', 'left')} ({groups_text(result.leavers_by_group)})")
            every.append(f"{count_people(len(leavers), 'left', 'left')} ({groups_text(result.leavers_by_group, None)})")
        yield _finding(
            "newcomers-leavers",
            f"From {b} to {a}, {' and '.join(parts)}; {counts['in_both']} took part in both.",
            "How are newcomers welcomed into the practice, and what did those who left take with them?",
            _how_waves(result) + f" Grouped by {result.group_attribute}.",
            {"newcomers": len(newcomers), "leavers": len(leavers), "in_both": counts["in_both"]},
            (*newcomers, *leavers),
            Focus.of(people=(*newcomers, *leavers), groups=(g for by in (result.newcomers_by_group, result.leavers_by_group)
                                                             for g in by if g != "(not recorded)")),
            headline=f"From {b} to {a}, {' and '.join(every)}; {counts['in_both']} took part in both.")
    else:
        statement = f"The same {count_people(counts['after'], 'takes', 'take')} part in {b} and {a}."
        yield _finding(
            "same-people", statement, QUESTION, _how_waves(result), {"participants": counts["after"]},
            headline=statement)


def _ties(result: ComparisonResult) -> Iterator[Finding]:
    """Ties kept, gained and lost: all learning ties, and those across boundaries."""
    b, a = result.before, result.after
    types = ", ".join(result.relations) or "(none)"
    whole = result.ties["all"]
    if whole["before"] or whole["after"]:
        yield _finding(
            "ties",
            f"Of {count_noun(whole['before'], 'tie')} of type {types} in {b}, "
            f"{whole['kept']} {'was' if whole['kept'] == 1 else 'were'} "
            f"kept and {whole['lost']} lost; {whole['gained']} {'was' if whole['gained'] == 1 else 'were'} gained, "
            f"{count_noun(whole['after'], 'tie')} in {a} (persistence, Jaccard {whole['jaccard']:.2f}).",
            "Which connections keep learning going, and which lapsed for want of an occasion to meet?",
            f"Each tie counted once (parallel rows collapsed, undirected ties with their ends in either order, "
            f"self-ties left out) on ties of type {types}; Jaccard = kept / (kept + gained + lost).",
            {key: whole[key] for key in ("before", "after", "kept", "gained", "lost", "jaccard")},
            headline=f"Of {count_noun(whole['before'], 'tie')} in {b}, {whole['kept']} "
                     f"{'was' if whole['kept'] == 1 else 'were'} kept and {whole['lost']} lost; "
                     f"{whole['gained']} new {'one was' if whole['gained'] == 1 else 'ones were'} made, "
                     f"for {count_noun(whole['after'], 'tie')} in {a}.")
    crossing = result.boundary_ties
    if crossing["before"] or crossing["after"]:
        yield _finding(
            "boundary-ties",
            f"Ties across {result.group_attribute} boundaries: {crossing['before']} in {b}, {crossing['after']} in "
            f"{a}; {crossing['kept']} kept (Jaccard {crossing['jaccard']:.2f}).",
            "Are the connections across boundaries lasting, or do they depend on one event or one person?",
            f"Learning ties whose ends share no {result.group_attribute}, in each wave by that wave's "
            "memberships; Jaccard as above.", {key: crossing[key] for key in ("before", "after", "kept", "jaccard")},
            headline=f"Ties across {result.group_attribute} boundaries: {crossing['before']} in {b}, "
                     f"{crossing['after']} in {a}, and {crossing['kept']} of them lasted from one to the other.")


def _levels(result: ComparisonResult) -> Iterator[Finding]:
    """Moves between participation levels of the people in both waves."""
    moves = result.level_moves
    if moves:
        inward = [m for m in moves if m["direction"] == "inward"]
        outward = [m for m in moves if m["direction"] == "outward"]
        to_core = [m["id"] for m in inward if m["after"] == "core" and m["before"] in ("occasional", "peripheral")]
        text = (f"{count_people(len(inward), 'moved', 'moved')} towards the core and "
                f"{count_people(len(outward), 'moved', 'moved')} towards the periphery")
        headline = text + (f"; {count_noun(len(to_core), 'went', 'went')} from the edge to the core "
                           f"({and_list(result.names.get(p, p) for p in to_core)})" if to_core else "")
        if to_core:
            text += (f"; {count_noun(len(to_core), 'went', 'went')} from the edge to the core "
                     f"({first_few(result.names.get(p, p) for p in to_core)})")
        yield _finding(
            "levels", text + ".",
            "What drew people in, and what would bring back those drifting outwards?",
            "Participation levels (core, active, occasional, peripheral) of the Voices pass in each wave, for "
            "the people in both.", {"inward": len(inward), "outward": len(outward)},
            tuple(m["id"] for m in moves), Focus(people=tuple(m["id"] for m in moves)), headline=headline + ".")


def _boundaries(result: ComparisonResult) -> Iterator[Finding]:
    """Boundaries opened and closed, and the E-I index in each wave."""
    b, a = result.before, result.after
    names = result.names
    opened, closed = result.boundaries_opened, result.boundaries_closed
    if opened:
        carriers: dict[str, list[str]] = defaultdict(list)
        for item in opened:
            if len(item["through"]) == 1 and item["ties"] >= 1:
                carriers[item["through"][0]].append(" and ".join(item["groups"]))
        text = (f"{count_noun(len(opened), 'boundary', 'boundaries')} that nobody crossed in {b} "
                f"{'is' if len(opened) == 1 else 'are'} crossed in {a}: "
                + first_few((" and ".join(item["groups"]) for item in opened), separator="; "))
        headline = (f"{count_noun(len(opened), 'boundary', 'boundaries')} that nobody crossed in {b} "
                    f"{'is' if len(opened) == 1 else 'are'} crossed in {a}: "
                    + "; ".join(" and ".join(item["groups"]) for item in opened))
        single = max(carriers.items(), key=lambda item: len(item[1]), default=None)
        question = "Who convened these new crossings, and how can they become part of how the landscape works?"
        if single:
            question = f"Who would carry {'it' if len(single[1]) == 1 else 'them'} if {names.get(single[0], single[0])} left?"
        if single and len(opened) == 1:
            carried = f"; it runs through one person, {names.get(single[0], single[0])}"
            text, headline = text + carried, headline + carried
        elif single:
            carried = (f"; {count_noun(len(single[1]), 'of them runs', 'of them run')} through the same person, "
                       f"{names.get(single[0], single[0])}")
            text, headline = text + carried, headline + carried
        through = tuple(sorted({pid for item in opened for pid in item["through"]}))
        yield _finding(
            "boundaries-opened", text + ".", question,
            f"Pairs of {result.group_attribute} groups with no learning tie between them in {b} and at least one in "
            f"{a}; 'through' = one person is an end of every such tie.",
            {"opened": len(opened)}, through,
            Focus.of(people=through, groups=(group for item in opened for group in item["groups"])),
            headline=capital(headline) + ".")
    if closed:
        yield _finding(
            "boundaries-closed",
            f"{count_noun(len(closed), 'boundary', 'boundaries')} crossed in {b} "
            f"{'is' if len(closed) == 1 else 'are'} no longer crossed in {a}: "
            + first_few((" and ".join(pair) for pair in closed), separator="; ") + ".",
            "What carried learning across these boundaries before, and could it be renewed?",
            f"Pairs of {result.group_attribute} groups with a learning tie in {b} and none in {a}.",
            {"closed": len(closed)}, focus=Focus.of(groups=(group for pair in closed for group in pair)),
            headline=f"{count_noun(len(closed), 'boundary', 'boundaries')} crossed in {b} "
                     f"{'is' if len(closed) == 1 else 'are'} no longer crossed in {a}: "
                     + "; ".join(" and ".join(pair) for pair in closed) + ".")
    ei = result.ei_network
    if ei["before"] is not None and ei["after"] is not None:
        yield _finding(
            "ei",
            f"Ties across {result.group_attribute} boundaries, E-I index: {signed(ei['before'])} in {b}, "
            f"{signed(ei['after'])} in {a}.",
            "Is learning flowing more across boundaries, or more within groups, than before?",
            "Krackhardt & Stern's E-I index of the learning ties in each wave (the Boundaries pass).",
            {"before": ei["before"], "after": ei["after"]},
            # E-I = (E - I) / (E + I), so the share of ties that cross is (1 + E-I) / 2.
            headline=f"The share of ties that cross {result.group_attribute} boundaries went from "
                     f"{(1 + ei['before']) / 2:.0%} in {b} to {(1 + ei['after']) / 2:.0%} in {a}.")


def _concentration(result: ComparisonResult) -> Iterator[Finding]:
    """In-degree centralization and reciprocity in each wave."""
    central = result.centralization.get("in_degree", {})
    recip = result.reciprocity["edgewise"]
    if central.get("before") is not None and central.get("after") is not None:
        yield _finding(
            "concentration",
            f"In-degree centralization {central['before']:.2f} in {result.before}, {central['after']:.2f} in "
            f"{result.after}; edgewise reciprocity {two_places(recip['before'])} and {two_places(recip['after'])}.",
            "Does the landscape rely on fewer people for answers than before? Is learning more mutual?",
            "Freeman centralization and edgewise reciprocity of the learning ties in each wave (the Power pass).",
            {"in_degree_before": central["before"], "in_degree_after": central["after"],
             "reciprocity_before": recip["before"], "reciprocity_after": recip["after"]},
            headline=_concentration_headline(result, central["before"], central["after"], recip))


def _brokers(result: ComparisonResult) -> Iterator[Finding]:
    """Brokers across groups who appeared or disappeared."""
    brokers = result.brokers
    names = result.names
    if brokers["appeared"] or brokers["disappeared"]:
        yield _finding(
            "brokers",
            # Naming is recognition: the brokers who appeared are named; who no longer brokers is
            # counted, and listed in the focus and the data, not in the sentence.
            f"Brokers across groups: {len(brokers['appeared'])} appeared "
            f"({first_few(names.get(p, p) for p in brokers['appeared']) or 'none'}) and "
            f"{len(brokers['disappeared'])} no longer broke{'r' if len(brokers['disappeared']) != 1 else 'rs'} "
            f"across groups; overlap {two_places(brokers['overlap'])}.",
            "Is the landscape's bridging spreading to more people, or resting on a few who may move on?",
            "The top tenth of Gould-Fernandez brokers across groups in each wave (as the boundary-crossing map "
            "marks them); overlap = Jaccard of the two sets.",
            {"appeared": len(brokers["appeared"]), "disappeared": len(brokers["disappeared"]),
             "overlap": brokers["overlap"]}, (*brokers["appeared"], *brokers["disappeared"]),
            Focus(people=(*brokers["appeared"], *brokers["disappeared"])),
            headline=f"{count_people(len(brokers['appeared']), 'has', 'have')} begun linking people across groups"
                     + (f" ({and_list(names.get(p, p) for p in brokers['appeared'])})" if brokers["appeared"] else "")
                     + f", and {len(brokers['disappeared'])} who did so before no longer "
                     f"{'does' if len(brokers['disappeared']) == 1 else 'do'}.")


def _voices(result: ComparisonResult) -> Iterator[Finding]:
    """Voices that arrived, left, or are still missing."""
    change = result.voices
    if change["arrived"] or change["still_missing"] or change["left"]:
        parts, every = [], []
        for key, label in (("arrived", "arrived"), ("left", "no longer taking part"),
                           ("still_missing", "still missing")):
            if change[key]:
                every.append(f"{label}: {and_list(change[key])}")
        if change["arrived"]:
            parts.append(f"arrived: {first_few(change['arrived'])}")
        if change["left"]:
            parts.append(f"no longer taking part: {first_few(change['left'])}")
        if change["still_missing"]:
            parts.append(f"still missing: {first_few(change['still_missing'])}")
        yield _finding(
            "voices", "Voices (" + change["attribute"] + "): " + "; ".join(parts) + ".",
            "Whose voice is still not in the room, and who could invite them?",
            "Group status of the Voices pass in each wave (missing = on the roster and absent).",
            {"arrived": len(change["arrived"]), "left": len(change["left"]),
             "still_missing": len(change["still_missing"])},
            focus=Focus.of(groups=(*change["arrived"], *change["left"], *change["still_missing"])),
            headline=f"Voices by {change['attribute']}: " + "; ".join(every) + ".")


def _concentration_headline(result: ComparisonResult, before: float, after: float,
                            recip: dict[str, float | None]) -> str:
    """How far being sought out rests on a few people in each wave, and how many ties are returned."""
    said = (f"In {result.before}, being sought out was {concentration_words(before)}; in {result.after}, it is "
            f"{concentration_words(after)}.")
    if recip["before"] is not None and recip["after"] is not None:
        said += (f" The share of ties returned went from {recip['before']:.0%} to {recip['after']:.0%}.")
    return said
