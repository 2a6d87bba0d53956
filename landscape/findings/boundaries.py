"""Boundaries findings: which boundaries are crossed, by whom, and which not, from a finished
:class:`BoundariesResult`."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING

from landscape.findings import Finding, Focus, finding
from landscape.findings.phrases import and_list, capital, count_noun, count_people, first_few, listed_or_said, plural_noun, ties_measured
from landscape.passes.boundaries import FULL_MIXING_UP_TO, GROUP_VARIANT, LARGEST_GROUPS_LISTED
from landscape.passes.brokerage import ROLES
from landscape.passes.statistics import too_few

if TYPE_CHECKING:  # pragma: no cover
    from landscape.passes.boundaries import BoundariesResult

__all__ = ["QUESTION", "findings"]

QUESTION = "How can boundaries become learning assets?"

_finding = partial(finding, "boundaries")


def findings(result: BoundariesResult) -> tuple[Finding, ...]:
    """The Boundaries findings: the E-I index, the boundaries nobody or one person crosses, the
    brokers, boundary objects and people in several groups.

    Examples
    --------
    >>> from landscape import load, sample_path
    >>> from landscape.passes import boundaries
    >>> [f.kind for f in findings(boundaries(load(sample_path("krackhardt-hightech")), group="department"))][:2]
    ['ei-network', 'one-person-bridge']
    """
    if not result.groups:
        attribute = result.group_attribute
        statement = f"Nobody has a {attribute} recorded, so there are no boundaries to look at."
        return (_finding(
            "no-groups", statement,
            "Which communities, teams or organisations do people belong to? A column for them lets the map draw the "
            "boundaries.", f"The participants' {attribute} values are all blank.", headline=statement),)
    return (*_crossings(result), *_resting(result), *_spanning(result), *_negative(result))


def _negative(result: BoundariesResult) -> Iterator[Finding]:
    """Where dislike and conflict sit: within groups, or across their boundaries."""
    negative = result.negative
    if not negative or not (negative["within"] or negative["across"]):
        return
    attribute = result.group_attribute
    where = []
    if negative["across"]:
        top = "; ".join(f"{g} and {h} ({count})" for g, h, count in negative["pairs"][:3])
        where.append(f"{count_noun(negative['across'], 'runs', 'run')} across {attribute} boundaries (most between "
                     f"{top})")
    if negative["within"]:
        where.append(f"{count_noun(negative['within'], 'sits', 'sit')} within a {attribute}")
    statement = f"Of the negative ties ({', '.join(negative['types'])}), {' and '.join(where)}."
    yield _finding(
        "negative-ties", statement,
        "Where does friction sit, and could a tension across a boundary become a conversation that both sides "
        "learn from?",
        "Ties whose type is negative (declared in the Relation types sheet or known by name); they are never counted "
        "as learning ties. Within: both ends share a group; across: they share none.",
        {"within": negative["within"], "across": negative["across"]}, (),
        Focus.of(groups=(g for pair in negative["pairs"][:3] for g in pair[:2])), headline=statement)


def _crossing_headline(pairs: dict[str, int], attribute: str) -> str:
    """How many pairs of people tied share a group, in the unit Scale's sentence uses (pairs, once).

    >>> _crossing_headline({"pairs": 10, "within": 6, "across": 3, "without_group": 1}, "community")
    'Of 10 pairs of people tied, 3 join two different communities and 6 share one (1 involves someone with no community)'
    """
    across, within, without = pairs["across"], pairs["within"], pairs["without_group"]
    text = (f"Of {count_noun(pairs['pairs'], 'pair of people tied', 'pairs of people tied')}, {across} "
            f"join{'s' if across == 1 else ''} two different {plural_noun(attribute)} and {within} share{'s' if within == 1 else ''} one")
    if without:
        text += f" ({without} involve{'s' if without == 1 else ''} someone with no {attribute.replace('_', ' ')})"
    return text


def _crossings(result: BoundariesResult) -> Iterator[Finding]:
    """How often ties cross boundaries, the pairs of groups nobody joins, and inward groups."""
    attribute = result.group_attribute
    relations = result.ties["relations"]
    whole = result.ei_network
    if whole.ei is not None:
        # Equal to the two decimals printed, the sentence says so rather than "more" or "less".
        # "More" or "less" only when the gap is clear (|z| of 2 or more); E-I and its expectation
        # equal to two decimals, or a small z, read as chance.
        clear = whole.z is not None and abs(whole.z) >= 2 and round(whole.ei, 2) != round(whole.expected, 2)
        tendency = (f"{'more' if whole.ei > whole.expected else 'less'} often than chance would have them do" if clear
                    else "about as often as chance would have them")
        grouped = sum(1 for groups in result.memberships.values() if groups)
        compared = whole.z is not None and not too_few(grouped)
        headline = _crossing_headline(result.pairs, attribute) + (
            f": ties cross boundaries {tendency}." if compared else ".")
        chance = (f", against {whole.expected:+.2f} if ties fell at random between people (z = {whole.z:.1f}): ties "
                  f"cross boundaries {tendency}") if whole.z is not None and not too_few(grouped) else \
            (f"; {count_noun(grouped, 'person', 'people')} with a {attribute} are too few to compare with chance"
             if whole.z is not None else "")
        yield _finding(
            "ei-network",
            f"Ties across {attribute} boundaries: E-I index {whole.ei:+.2f} ({whole.external} across, {whole.internal} "
            f"within){chance}.",
            "Which boundaries are learning assets, and which are walls?",
            f"Krackhardt & Stern's E-I index on {ties_measured(result.ties)}; a tie is within when its two ends share "
            f"a {attribute}; the expectation and z come from random placement of the same number of ties "
            f"({result.mode}); E-I and its expectation equal to two decimals read as chance.",
            {"ei": whole.ei, "expected": whole.expected, "z": whole.z, "external": whole.external,
             "internal": whole.internal, "minimum": whole.minimum, "maximum": whole.maximum}, headline=headline)
    for g, h in result.unbridged[:5]:
        yield _finding(
            "unbridged", f"{g} and {h} share no tie.", f"What could make the boundary between {g} and {h} a learning "
            "asset?", f"No tie of type {', '.join(relations)} between a member of one and a member of the other, "
            "and nobody belongs to both.", {}, (g, h), Focus(groups=(g, h)),
            headline=f"Nobody in {g} is tied to anyone in {h}, and nobody belongs to both.")
    named = len(result.unbridged[:5])
    if result.unbridged_total > named:
        listed = "the full list is in the data" if result.mixing_complete else (
            f"with more than {FULL_MIXING_UP_TO} groups the data lists the pairs among the {LARGEST_GROUPS_LISTED} "
            "largest groups")
        more = (count_noun(result.unbridged_total - named, "more pair of groups shares", "more pairs of groups share")
                if named else count_noun(result.unbridged_total, "pair of groups shares", "pairs of groups share"))
        # The headline names every pair when the data holds them all; the evidence says where they are.
        every = ("; ".join(f"{g} and {h}" for g, h in result.unbridged[named:])
                 if result.mixing_complete and len(result.unbridged) == result.unbridged_total else "")
        yield _finding(
            "unbridged-more", f"{more} no tie.",
            "Which of these boundaries matter for what the landscape is trying to learn?",
            f"{'As above' if named else 'No tie between a member of one and a member of the other, and nobody belongs to both'}"
            f"; {listed}.", {"pairs": result.unbridged_total},
            focus=Focus.of(groups=(group for pair in result.unbridged[named:] for group in pair)),
            headline=f"{capital(more)} no tie" + (f": {every}." if every else "."))
    for g, e in result.ei_groups.items():
        if e.ei is not None and e.ei <= -0.5 and e.internal + e.external >= 3:
            yield _finding(
                "inward-group",
                f"{g}: {count_noun(e.internal, 'tie')} within and {e.external} across (E-I {e.ei:+.2f}; "
                f"{e.expected:+.2f} expected).",
                f"What would {g} gain from more ties across its boundary, and what would it risk?",
                GROUP_VARIANT + ".", {"ei": e.ei, "expected": e.expected, "internal": e.internal,
                                      "external": e.external}, (g,), Focus(groups=(g,)),
                headline=f"{capital(g)} keeps mostly to itself: {count_noun(e.internal, 'tie')} within the group, "
                         f"{e.external} across its boundary.")


def _resting(result: BoundariesResult) -> Iterator[Finding]:
    """Boundaries that rest on one person, or on a single tie."""
    carried = sorted((item for item in result.resting_on_one if item["ties"] >= 2),
                     key=lambda item: (-item["ties"], [group.casefold() for group in item["groups"]]))
    for item in carried[:5]:
        g, h = item["groups"]
        statement = (f"All {item['ties']} ties between {g} and {h} involve "
                     f"{and_list(result.names.get(p, p) for p in item['people'])}.")
        yield _finding(
            "one-person-bridge", statement,
            f"If that connection lapsed, who would keep {g} and {h} learning from each other?",
            "Ties whose ends are in the two groups; the people at an end of every one of them.",
            {"ties": item["ties"]}, (g, h, *item["people"]),
            Focus.of(people=item["people"], groups=(g, h), ties=(tuple(pair) for pair in item["pairs"])),
            headline=statement)
    single = [item for item in result.resting_on_one if item["ties"] == 1]
    if single:
        pairs = first_few((f"{item['groups'][0]} and {item['groups'][1]}" for item in single), separator="; ")
        # A single tie across a boundary has both its ends at an end of every tie: they are its people.
        yield _finding(
            "single-tie-boundary",
            f"{count_noun(len(single), 'boundary rests', 'boundaries rest')} on a single tie: {pairs}.",
            "Are these thin threads worth strengthening, and who could do it?",
            "Pairs of groups joined by exactly one tie.", {"boundaries": len(single)},
            headline=f"{count_noun(len(single), 'boundary hangs', 'boundaries hang')} on a single tie: "
                     + listed_or_said((f"{item['groups'][0]} and {item['groups'][1]}" for item in single),
                                      "each is listed below", "; ") + ".",
            subjects=
            tuple(f"{item['groups'][0]} / {item['groups'][1]}" for item in single),
            focus=Focus.of(people=(p for item in single for p in item["people"]),
                     groups=(g for item in single for g in item["groups"]),
                     ties=(tuple(pair) for item in single for pair in item["pairs"])))


def _spanning(result: BoundariesResult) -> Iterator[Finding]:
    """Brokers, boundary objects, people in several groups, and people in none."""
    attribute = result.group_attribute
    # Equal counts in the order of the ids, not of the rows.
    brokers = sorted(result.brokerage_participants.items(),
                     key=lambda item: (-(item[1]["total"] - item[1]["coordinator"]), item[0]))
    top = [(pid, counts) for pid, counts in brokers[:3] if counts["total"] - counts["coordinator"] > 0]
    if top:
        described = ", ".join(f"{result.names.get(pid, pid)} ({counts['total'] - counts['coordinator']}, mostly "
                              f"{max(ROLES[1:], key=lambda role: counts[role])})" for pid, counts in top)
        yield _finding(
            "brokers", f"Most brokerage across groups: {described}.",
            "Are these brokers recognised and supported? What happens to the boundaries if they leave?",
            "Gould & Fernandez roles other than coordinator (pairs brokered across a boundary), sna semantics: ordered "
            f"pairs, full credit, on {ties_measured(result.ties)}.",
            {pid: counts["total"] - counts["coordinator"] for pid, counts in top},
            tuple(pid for pid, _ in top), Focus(people=tuple(pid for pid, _ in top)),
            headline="Most often the go-between across groups, for pairs of people not tied directly: "
                     + and_list(f"{result.names.get(pid, pid)} "
                                f"({count_noun(counts['total'] - counts['coordinator'], 'pair')})"
                                for pid, counts in top) + ".")
    for item in result.boundary_objects[:3]:
        if item["reach"] < 2:
            continue
        extra = ""
        if item["substitutes"]:
            pairs = "; ".join(f"{g} and {h}" for g, h in item["substitutes"][:3])
            extra = f" It links groups that share no direct tie: {pairs}."
        statement = (f"The {item['object']} runs through {count_noun(item['ties'], 'tie')} ({item['crossing_ties']} "
                     f"across a boundary) and reaches {item['reach']} groups.{extra}")
        yield _finding(
            "boundary-object", statement,
            "Is it plastic enough for each group's needs, and robust enough to hold them together?",
            "Ties whose boundary_object names it; reach = groups of the people at either end (Star & Griesemer 1989).",
            {"ties": item["ties"], "crossing_ties": item["crossing_ties"], "reach": item["reach"]},
            (item["object"],), Focus.of(people=item["people"], groups=item["groups"]), headline=statement)
    multi = [s for s in result.spanners if s["multi_member"]]
    if multi:
        brokering = sum(1 for s in multi if s["brokerage"] > 0)
        if len(multi) == 1:
            who = "they broker pairs across groups" if brokering else "they broker no pair across groups"
        else:
            who = f"{brokering} of them {'brokers' if brokering == 1 else 'broker'} pairs across groups"
        statement = f"{count_people(len(multi), 'belongs', 'belong')} to more than one {attribute}; {who}."
        yield _finding(
            "multi-membership", statement,
            "How could their place in several practices carry learning across? Who supports them in it?",
            "Declared memberships (several values separated by ;) against Gould-Fernandez brokerage.",
            {"multi_members": len(multi), "brokering": brokering}, tuple(s["id"] for s in multi),
            Focus(people=tuple(s["id"] for s in multi)), headline=statement)
    if result.ungrouped:
        yield _finding(
            "ungrouped",
            f"{count_people(len(result.ungrouped), 'has', 'have')} no {attribute} recorded: they are left out of the "
            "E-I index and count as groups of their own in brokerage.",
            f"Which {attribute} do they belong to, or are they outside every group?",
            f"Participants with a blank {attribute} cell.", {"ungrouped": len(result.ungrouped)}, result.ungrouped,
            Focus(people=result.ungrouped),
            headline=f"{count_people(len(result.ungrouped), 'has', 'have')} no {attribute} recorded, so no boundary "
                     "can be drawn around them.")
