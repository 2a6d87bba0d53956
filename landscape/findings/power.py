"""Power findings: formal authority against the flow of learning, from a finished :class:`PowerResult`."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING, Any

from landscape.findings import Finding, Focus, finding
from landscape.findings.phrases import count_noun, count_people, first_few, listed_or_said, ties_measured
from landscape.passes.statistics import MIN_FOR_TESTS

if TYPE_CHECKING:  # pragma: no cover
    from landscape.passes.power import PowerResult

__all__ = ["QUESTION", "concentration_words", "findings", "spread_words", "strength_words"]

QUESTION = "How can learning trump power?"

_finding = partial(finding, "power")


def findings(result: PowerResult) -> tuple[Finding, ...]:
    """The Power findings: formal against informal standing, then concentration and cut points.

    Examples
    --------
    >>> from landscape import load, sample_path
    >>> from landscape.passes import power
    >>> land = load(sample_path("krackhardt-hightech"), level_order="lower-is-senior")
    >>> [f.kind for f in findings(power(land, relations=["advice"]))][:2]
    ['alignment', 'sought-beyond-rank']
    """
    no_hierarchy = ("No level or reporting line is recorded, so formal authority cannot be set beside the flow of "
                    "learning.")
    found = list(_hierarchy(result)) if result.formal_basis != "none" else [_finding(
        "no-hierarchy", no_hierarchy,
        "Where does formal authority sit? A level column, or reports_to ties, would let the map show it.",
        "The participants have no level and there are no reports_to ties.", headline=no_hierarchy)]
    found += _structure(result)
    found += _ratings(result)
    return (*_level_order_warning(result), *found)


def _level_order_warning(result: PowerResult) -> Iterator[Finding]:
    """An order given as an option that the reporting ties contradict: said first, since every
    finding about seniority may then be upside down."""
    if result.formal_basis == "level" and result.level_order_contradicted:
        up, down = result.level_order_evidence
        given = "higher numbers are more senior" if result.level_order == "higher-is-senior" else \
            "lower numbers are more senior"
        pointing = "lower" if result.level_order == "higher-is-senior" else "higher"
        statement = (f"The level order given says {given}, but {max(up, down)} of the {up + down} reporting lines run "
                     f"to a {pointing} number: what follows about seniority may be upside down.")
        yield _finding(
            "level-order-contradicted", statement,
            "Which way does the level column run in this organisation?",
            "Reporting ties (reports_to) between two different levels, by the way they point; the level order was "
            "given with --level-order (leave it out to read it from the reporting ties).",
            {"to_higher_level": up, "to_lower_level": down}, headline=statement)


def _basis_text(result: PowerResult) -> str:
    if result.formal_basis != "level":
        return "depth in the reporting tree"
    order = "1 = most senior" if result.level_order == "lower-is-senior" else "higher = more senior"
    up, down = result.level_order_evidence
    source = {"option": "as the level order given says",
              "reporting ties": f"as {max(up, down)} of the {up + down} reporting ties between two levels show",
              "default": (f"the default: the {up + down} reporting ties between two levels disagree ({up} run to a "
                          f"higher number, {down} to a lower one)" if up + down else
                          "the default; no reporting ties show which way the levels run")}[result.level_order_source]
    return f"level ({order}, {source})"


def _hierarchy(result: PowerResult) -> Iterator[Finding]:
    """Seniority beside being sought out: alignment, who stands out either way, direction."""
    basis_text = _basis_text(result)
    how_ties = ties_measured(result.ties)
    relations = result.ties["relations"]
    in_degree = result.alignment[0]
    if in_degree.spearman is not None and in_degree.too_few:
        yield _too_few(in_degree.n, "formal seniority and being sought out go together",
                       f"Rank correlation between seniority ({basis_text}) and in-degree on {how_ties}", in_degree)
    elif in_degree.spearman is not None:
        yield _finding(
            "alignment",
            f"Formal seniority and being sought out {strength_words(in_degree.spearman)} (Spearman rho = "
            f"{in_degree.spearman:.2f}, p = {in_degree.spearman_p:.2g}; Kendall tau-b = {in_degree.kendall_tau_b:.2f}; "
            f"n = {in_degree.n}).",
            "Where does learning follow the organisation chart, and where does it go around it?",
            f"Rank correlation between seniority ({basis_text}) and in-degree on {how_ties}.",
            {"spearman": in_degree.spearman, "spearman_p": in_degree.spearman_p,
             "kendall_tau_b": in_degree.kendall_tau_b, "kendall_p": in_degree.kendall_p, "n": in_degree.n},
            headline=_alignment_headline(in_degree.spearman, in_degree.n, in_degree.spearman_p))
    ranked = [p for p in result.participants if p.formal_rank is not None]
    sought = {p.in_degree for p in ranked}
    if ranked and len(sought) == 1:
        value = sought.pop()
        who = ("Nobody is sought out: no learning tie is recorded" if not relations else
               f"Nobody with a seniority is sought out on ties of type {', '.join(relations)}"
               if value == 0 else
               f"Everyone with a seniority is sought out equally often (by {count_noun(value, 'person', 'people')}"
               " each)")
        statement = (f"{who}, so there is nothing to set beside formal rank: nobody is listed as sought out beyond "
                     "their rank, or as holding rank that goes unsought.")
        yield _finding(
            "sought-out-alike", statement,
            "Who do people go to in order to learn? Ties of that kind would show whether learning follows the "
            "organisation chart.",
            f"In-degree on {how_ties}, for the {count_noun(len(ranked), 'person', 'people')} with a seniority "
            f"({basis_text}).", {"in_degree": value, "ranked": len(ranked)}, headline=statement)
    # Below MIN_FOR_TESTS ranked people a rank is too coarse to say anyone stands out (the lists stay in the data).
    hidden = result.hidden_influencers if result.ranked >= MIN_FOR_TESTS else ()
    if hidden:
        yield _finding(
            "sought-beyond-rank",
            f"{count_people(len(hidden), 'is', 'are')} sought out far more than their "
            f"formal rank would suggest: {first_few(result.names.get(pid, pid) for pid in hidden)}.",
            "What do they know that others come for, and does the organisation see and support it?",
            f"Mismatch = rank of in-degree / N - rank of seniority / N (average ranks over the {result.ranked} "
            f"people with a seniority); listed at {result.mismatch_threshold} or more.",
            {"people": len(hidden)}, hidden, Focus(people=hidden),
            headline=f"{count_people(len(hidden), 'is', 'are')} sought out far more than their formal rank would "
                     f"suggest: {listed_or_said(result.names.get(pid, pid) for pid in hidden)}.")
    formal_only = result.formal_only if result.ranked >= MIN_FOR_TESTS else ()
    if formal_only:
        statement = (f"{count_people(len(formal_only), 'holds', 'hold')} more formal rank than the learning ties "
                     "reflect: they are sought out less than their position would suggest.")
        yield _finding(
            "rank-beyond-seeking", statement,
            "Are senior people's knowledge and decisions within reach of those who learn from each other?",
            f"The same mismatch, at -{result.mismatch_threshold} or less; who they are is in the data, not "
            "in this sentence.", {"people": len(formal_only)}, formal_only, Focus(people=formal_only),
            headline=statement)
    direction = result.direction
    if direction["upward"] + direction["downward"] + direction["lateral"]:
        yield _finding(
            "direction",
            f"Ties run upward {count_noun(direction['upward'], 'time')} (to someone more senior), downward "
            f"{count_noun(direction['downward'], 'time')} and laterally {count_noun(direction['lateral'], 'time')}.",
            "Where could senior people learn from others? Does anyone learn from juniors?",
            f"Each pair tied by a directed relationship of type {', '.join(relations)}, classified by "
            f"seniority ({basis_text}); undirected ties are counted apart.",
            {key: direction[key] for key in ("upward", "downward", "lateral")},
            # Directed rows only (someone goes to someone): two-way types such as collaboration are counted apart.
            headline=f"Where someone goes to someone else, {direction['upward']} "
                     f"{'goes' if direction['upward'] == 1 else 'go'} up to someone more senior, "
                     f"{direction['downward']} down to someone more junior and {direction['lateral']} to someone "
                     "of the same rank.")


def _structure(result: PowerResult) -> Iterator[Finding]:
    """Concentration, reciprocity and the people who hold the landscape together."""
    how_ties = ties_measured(result.ties)
    central = result.centralization
    if central["in_degree"] is not None and result.ties["arcs"]:
        yield _finding(
            "concentration",
            f"Being sought out is {concentration_words(central['in_degree'])}: in-degree "
            f"centralization {central['in_degree']:.2f}, betweenness centralization {central['betweenness']:.2f} "
            "(0 = everyone alike, 1 = a star).",
            "Does the landscape depend on a few people for answers and connections? What happens when they are away?",
            f"Freeman (1979) centralization on {how_ties}, {result.mode} ties; the words follow the in-degree "
            "centralization: below 0.005 spread evenly, below 0.2 hardly concentrated, below 0.5 somewhat "
            "concentrated, from 0.5 highly concentrated (this tool's convention)." + _estimated(result),
            dict(central), headline=spread_words(central["in_degree"]))
    recip = result.reciprocity
    if recip["edgewise"] is not None and result.mode == "directed":
        yield _finding(
            "reciprocity",
            f"{recip['edgewise']:.0%} of ties are returned (edgewise reciprocity; "
            f"{count_noun(recip['mutual'], 'mutual pair')}, {recip['asymmetric']} one-way).",
            "Is learning mutual, or does it flow one way?",
            "Edgewise reciprocity 2M/m on the simple directed graph of learning ties.",
            {"edgewise": recip["edgewise"], "dyadic": recip["dyadic"], "mutual": recip["mutual"],
             "asymmetric": recip["asymmetric"]},
            # In pairs of people, as Boundaries and Scale count (the share returned counts arcs: evidence).
            headline=f"Of {count_noun(recip['mutual'] + recip['asymmetric'], 'pair of people tied', 'pairs of people tied')}"
                     f", {recip['mutual']} {'is' if recip['mutual'] == 1 else 'are'} tied both ways and "
                     f"{recip['asymmetric']} one way only.")
    articulation = result.articulation_points
    if articulation:
        statement = (f"{count_people(len(articulation), 'holds', 'hold')} parts of the landscape together: without "
                     "any one of them, some people would be cut off from the rest.")
        yield _finding(
            "cut-points", statement,
            "Who else could build those connections, so that the landscape does not rest on one person?",
            f"Articulation points of the learning ties taken as undirected, on {how_ties}.",
            {"people": len(articulation), "bridges": len(result.bridges)}, articulation,
            Focus(people=articulation, ties=result.bridges), headline=statement)


def _ratings(result: PowerResult) -> Iterator[Finding]:
    """Rated influence beside being sought out."""
    rated = result.rated_alignment
    if rated and rated[0].spearman is not None and rated[0].too_few:
        yield _too_few(rated[0].n, "rated influence and being sought out go together",
                       "Rank correlation between rated influence and in-degree", rated[0])
    elif rated and rated[0].spearman is not None:
        people = (*result.rated_above_structure, *result.structure_above_rating)
        yield _finding(
            "rated-influence",
            f"Rated influence and being sought out {strength_words(rated[0].spearman)} (Spearman rho = "
            f"{rated[0].spearman:.2f}, n = {rated[0].n}); {len(result.rated_above_structure)} rated above and "
            f"{len(result.structure_above_rating)} below what the ties show.",
            "Where do people's views of influence and the ties disagree, and what explains the difference?",
            "Rank correlation between the influence column (0-10) and in-degree; gaps of a quarter of the ranking "
            "or more listed.", {"spearman": rated[0].spearman, "n": rated[0].n}, people, Focus(people=people),
            headline=f"How influential people are rated and how often they are sought out "
                     f"{strength_words(rated[0].spearman)}: "
                     f"{count_people(len(result.rated_above_structure), 'is', 'are')} "
                     f"rated above what the ties show, and {len(result.structure_above_rating)} below.")
    ratings = [p.influence for p in result.participants if p.influence is not None]
    distinct = set(ratings)
    if len(ratings) >= 3 and len(distinct) == 1:
        rating = distinct.pop()
        statement = (f"Everyone rated has the same influence ({rating:g}), so the ratings cannot be set beside being "
                     "sought out: nobody is listed as rated above or below what the ties show.")
        yield _finding(
            "rated-influence-alike", statement,
            "What would a rating that tells people apart look like, and who could give it?",
            "The influence column (0-10) of the people who have one.", {"influence": rating}, headline=statement)


def _estimated(result: PowerResult) -> str:
    """How betweenness was estimated, for a finding's "how", when it was not exact."""
    estimate = result.betweenness_estimate
    if estimate["method"] == "exact":
        return ""
    accuracy = f" (on a 10,000-person benchmark: {estimate['accuracy']})" if estimate["accuracy"] else ""
    return (f" Betweenness is estimated, not exact: from {estimate['sources']:,} source people drawn with seed "
            f"{estimate['seed']} (Brandes & Pich 2007){accuracy}.")


def concentration_words(value: float) -> str:
    """Words for an in-degree centralization, from "spread evenly" (0) to "highly concentrated".

    >>> [concentration_words(v) for v in (0.0, 0.12, 0.47, 0.8)]
    ['spread evenly', 'hardly concentrated', 'somewhat concentrated', 'highly concentrated']
    """
    if value < 0.005:
        return "spread evenly"
    if value < 0.2:
        return "hardly concentrated"
    if value < 0.5:
        return "somewhat concentrated"
    return "highly concentrated"


def _too_few(n: int, what: str, how: str, correlation: Any) -> Finding:
    """Too few people for a correlation to say anything: the finding says so, the number stays in
    the data (``too_few``)."""
    statement = f"Only {count_noun(n, 'person has', 'people have')} both values: too few to tell whether {what}."
    return _finding(
        "too-few", statement,
        "Who else could be asked, so that the pattern can be seen?",
        f"{how}; below {MIN_FOR_TESTS} people no correlation is reported as a finding (it is in the data, marked "
        "too_few).", {"n": n, "spearman": correlation.spearman},
        headline=statement)


def spread_words(value: float) -> str:
    """A headline for an in-degree centralization: how far being sought out rests on a few people.

    >>> spread_words(0.12)
    'Being sought out is spread across many people, not resting on a few.'
    """
    return {
        "spread evenly": "Everyone is sought out about equally often.",
        "hardly concentrated": "Being sought out is spread across many people, not resting on a few.",
        "somewhat concentrated": "Being sought out leans somewhat on a few people.",
        "highly concentrated": "Being sought out rests on a few people: most go to the same handful.",
    }[concentration_words(value)]


def _alignment_headline(rho: float, n: int, p: float | None = None) -> str:
    """A headline for seniority beside being sought out, in the words of :func:`strength_words`;
    with ``p`` of 0.05 or more, what chance alone could give is not read as a pattern.

    >>> _alignment_headline(0.35, 10, 0.32)
    'Among the 10 people with a rank, how senior someone is and how often others go to them show no clear pattern: this could be chance.'

    >>> _alignment_headline(-0.46, 21)[:60]
    'Among the 21 people with a rank, the more junior are sought '
    >>> _alignment_headline(0.56, 75)[-58:]
    ' to them: learning largely follows the organisation chart.'
    """
    among = f"Among the {count_noun(n, 'person', 'people')} with a rank, "
    if p is not None and p >= 0.05 and abs(rho) >= 0.2:
        return among + ("how senior someone is and how often others go to them show no clear pattern: this could be "
                        "chance.")
    if rho >= 0.5:
        return among + ("the more senior someone is, the more often others go to them: learning largely follows the "
                        "organisation chart.")
    if rho >= 0.2:
        return among + ("senior people are sought out somewhat more often: learning partly follows the organisation "
                        "chart.")
    if rho > -0.2:
        return among + "rank makes little difference to how often someone is sought out: learning goes its own way."
    return among + ("the more junior are sought out more often than the more senior: learning runs against the "
                    "organisation chart.")


def strength_words(rho: float) -> str:
    """Words for a rank correlation between two measures.

    >>> [strength_words(r) for r in (0.7, 0.3, 0.0, -0.4)]
    ['go together strongly', 'go together somewhat', 'hardly go together', 'run against each other']
    """
    if rho >= 0.5:
        return "go together strongly"
    if rho >= 0.2:
        return "go together somewhat"
    if rho > -0.2:
        return "hardly go together"
    return "run against each other"
