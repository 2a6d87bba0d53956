"""Voices findings: missing, thin and unheard voices, from a finished :class:`VoicesResult`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING

from landscape.findings import Finding, Focus, finding
from landscape.findings.phrases import capital, count_noun, count_people, first_few, ties_measured
from landscape.passes.statistics import MIN_GROUP_FOR_SHARES, too_few
from landscape.passes.voices import LEVELS

if TYPE_CHECKING:  # pragma: no cover
    from landscape.passes.voices import GroupVoice, VoicesResult

__all__ = ["LEVELS_HOW", "QUESTION", "findings"]

QUESTION = "Who needs to be involved?"

LEVELS_HOW = (
    "Participation levels come from the onion decomposition (Hebert-Dufresne, Grochow & Allard 2016), "
    "which peels the k-cores (Seidman 1983) of the learning ties, taken as undirected, one layer at a "
    "time: the later a person is peeled off, the deeper they sit. Depth runs from 0 (the outermost "
    "layer) to 1 (the deepest): core = depth above 3/4, active = above 1/2, occasional = above 1/4, "
    "peripheral = the rest and anyone with no tie. The bands are this tool's convention."
)

_finding = partial(finding, "voices")


def findings(result: VoicesResult) -> tuple[Finding, ...]:
    """The Voices findings: the roster, then each group in the result's order, then the landscape.

    Examples
    --------
    >>> from landscape import load, sample_path
    >>> from landscape.passes import voices
    >>> [(f.kind, f.focus.groups) for f in findings(voices(load(sample_path("clinical-simulation"))))
    ...  if f.kind == "missing-voice"]
    [('missing-voice', ('pharmacists',)), ('missing-voice', ('paramedics',))]
    """
    found = list(_roster(result)) + list(_answers(result))
    for group in result.groups:
        found += _presence(result, group)
        found += _heard(result, group)
        found += _reach(result, group)
    found += _landscape(result)
    return tuple(found)


def _roster(result: VoicesResult) -> Iterator[Finding]:
    if not result.roster_given:
        groups = result.groups
        listed = ("the one group present is listed but cannot" if len(groups) == 1 else
                  f"the {len(groups)} groups present are listed but none can")
        statement = f"No roster of expected voices was given, so {listed} be called missing or thin."
        yield _finding(
            "no-roster", statement,
            f"{QUESTION} A Voices sheet (stakeholder_group, expected, why) lets the map show the empty chairs.",
            "The input has no voices table.", {"groups_present": len(groups)},
            headline="No roster of expected voices was given, so no group can be called missing or thin.")


def _answers(result: VoicesResult) -> Iterator[Finding]:
    """Who answered the survey (overall and the group with the fewest), and the ties that two people
    tell differently."""
    answered = result.response
    if answered is not None and answered.participants:
        rate, silent = answered.rate or 0.0, result.non_respondents
        lowest = answered.lowest()
        fewest = ""
        if lowest is not None and lowest[1].rate is not None and lowest[1].rate < rate:
            group = lowest[1]
            fewest = f"; fewest among {group.group} ({group.respondents} of {group.members})"
        unknown = (f" For {count_noun(answered.unknown, 'more person', 'more people')}, whether they answered is not "
                   "recorded." if answered.unknown else "")
        by_group = "; ".join(f"{attribute}: " + ", ".join(f"{g.group} {g.respondents}/{g.members}" for g in groups)
                             for attribute, groups in answered.groups)
        edge = (f" The {count_noun(len(silent), 'person', 'people')} who did not answer are drawn hollow and are not "
                "counted as isolated or on the edge: their own ties are unknown, not absent." if silent else "")
        yield _finding(
            "response",
            f"{answered.respondents} of {answered.participants} people answered the survey ({rate:.0%}){fewest}."
            f"{unknown}{edge}",
            "Whose answers are missing, and what would it take to hear from them? What might the map look like "
            "with their ties?",
            "Participants whose responded cell says yes (or who reported a tie), of those whose answer is recorded"
            + (f"; by group: {by_group}" if by_group else "") + ". Below 80% overall or in a group, findings that "
            "rest on paths through people (betweenness, brokerage) or on centralization say they are fragile "
            "(Smith & Moody 2013); counts of who is named hold up better.",
            {"respondents": answered.respondents, "participants": answered.participants, "rate": answered.rate,
             "unknown": answered.unknown}, silent, Focus(people=silent),
            headline=f"{answered.respondents} of the {answered.participants} people answered the survey "
                     f"({rate:.0%}){fewest}.")
    accounts = result.different_accounts
    if accounts:
        names = result.names
        told = [f"{names.get(item['reported_by'], item['reported_by'])} names {names.get(item['about'], item['about'])}"
                f" ({item['type']})" for item in accounts]
        pairs = [(item["reported_by"], item["about"]) for item in accounts]
        yield _finding(
            "different-accounts",
            f"{count_noun(len(accounts), 'tie is', 'ties are')} told by one side only, though the other person "
            f"answered too: {first_few(told)}.",
            "Do the two see their relationship differently, or does one of them count it too small to mention? "
            "Which account should the map keep?",
            "One-sided ties (the reported_by column names one of the two, and no row of the same type names the "
            "other as reporter) where the other person's responded cell says yes; ties to people who did not "
            "answer are missing data and are not counted.",
            {"ties": len(accounts)}, tuple(dict.fromkeys(p for pair in pairs for p in pair)),
            Focus.of(people=(p for pair in pairs for p in pair), ties=pairs),
            headline=f"{count_noun(len(accounts), 'tie is', 'ties are')} told by one side only: one person names "
                     "another who answered the survey but did not name them back.")


def _presence(result: VoicesResult, group: GroupVoice) -> Iterator[Finding]:
    """Missing, thin (under-represented) or unexpected: the group against the roster."""
    label = group.group
    focus = Focus(groups=(label,))
    expected = " and ".join(part for part in (
        f"{group.expected}" if group.expected else "",
        f"{group.expected_share:.0%} of participants" if group.expected_share else "") if part)
    why = f" Expected because: {group.why}" if group.why else ""
    if group.status == "missing":
        wanted = f"expected ({expected})" if expected else "on the roster"
        yield _finding(
            "missing-voice", f"{capital(label)}: {wanted}, but nobody from this group takes part.{why}",
            f"Who could bring the voice of {label}, and what would make it worth their while to join?",
            f"Counted participants whose {result.attribute} is {label!r} (case and spacing ignored) against the "
            "voices roster.",
            {"present": 0, "expected": group.expected, "expected_share": group.expected_share}, (label,), focus,
            headline=f"Nobody from {label} takes part, though the roster expects {expected or 'them'}.")
    elif group.status == "under-represented":
        # The sentence gives the expectation(s) the group falls short of: those decided the status.
        short = result.shortfall(group)
        parts, plain = [], []
        if "count" in short:
            plain.append(f"{count_noun(group.present, 'takes part', 'take part')} where {group.expected} "
                         f"{'is' if group.expected == 1 else 'are'} expected")
            parts.append(f"{count_noun(group.present, 'takes part', 'take part')} where {group.expected} "
                         f"{'is' if group.expected == 1 else 'are'} expected"
                         + (f" (representation ratio {group.representation_ratio:.2f})"
                            if group.ratio_basis == "count" else ""))
        if "share" in short:
            plain.append(f"they are {group.share:.0%} of participants, where the roster expects "
                         f"{group.expected_share:.0%}")
            test = "" if too_few(len(result.participants)) else f"; binomial p = {group.p_value:.3g}"
            parts.append(f"{group.share:.0%} of participants against an expected {group.expected_share:.0%} "
                         f"(representation ratio {group.representation_ratio:.2f}, below {result.threshold}{test})")
        yield _finding(
            "thin-voice", f"{capital(label)}: {'; '.join(parts)}.{why}",
            f"What keeps more {label} from taking part, and who could invite them?",
            "Representation ratio = share present / share expected, or number present / number expected; the "
            f"p-value is the exact binomial lower tail P(X <= {group.present}), X ~ Binomial({len(result.participants)}, "
            "expected share).",
            {"present": group.present, "expected": group.expected, "expected_share": group.expected_share,
             "representation_ratio": group.representation_ratio, "p_value": group.p_value}, (label,), focus,
            headline=f"{capital(label)} are thin on the ground: {'; '.join(plain)}.")
    elif group.status == "unexpected" and result.roster_given:
        on_roster = group.expected is not None or group.expected_share is not None
        statement = (f"{capital(label)}: {count_noun(group.present, 'takes part', 'take part')} "
                     + ("where the roster expects none." if on_roster else "without being on the roster."))
        yield _finding(
            "unexpected-voice", statement,
            "Should the roster name them? What do they bring that it did not foresee?",
            f"Groups of {result.attribute} present among participants but not in the voices table, or in it with 0 "
            "expected.", {"present": group.present}, (label,), focus, headline=statement)


def _heard(result: VoicesResult, group: GroupVoice) -> Iterator[Finding]:
    """Whether a group present is sought out (unheard) and where it sits (all at the periphery)."""
    label = group.group
    focus = Focus(groups=(label,))
    if group.present >= MIN_GROUP_FOR_SHARES and group.silence_ratio is not None and \
            group.silence_ratio < result.silence_threshold:
        yield _finding(
            "unheard-voice",
            f"{capital(label)}: {group.share:.0%} of participants, but {group.voice_share:.0%} of the ties in which "
            f"someone is sought out or named (silence ratio {group.silence_ratio:.2f}).",
            f"How could what {label} know be sought out? Who asks them?",
            f"Voice share = the group's in-ties / all in-ties, on {ties_measured(result.ties)}; silence ratio = voice "
            f"share / share of participants; reported below {result.silence_threshold}.",
            {"share": group.share, "voice_share": group.voice_share, "silence_ratio": group.silence_ratio},
            (label,), focus,
            headline=f"{capital(label)} are {group.share:.0%} of participants, but they are the ones sought out in "
                     f"only {group.voice_share:.0%} of the ties.")
    levels = dict(group.levels)
    if group.present >= 2 and levels.get("peripheral") == group.present:
        statement = f"{capital(label)}: all {group.present} are at the periphery of the learning ties."
        yield _finding(
            "peripheral-group", statement,
            "Is this a legitimate way of taking part, a way in, or are they kept at the edge?",
            LEVELS_HOW, dict(levels), (label,), focus,
            headline=f"{'Both' if group.present == 2 else f'All {group.present}'} {label} are at the edge of the "
                     "learning ties.")


def _reach(result: VoicesResult, group: GroupVoice) -> Iterator[Finding]:
    """How a group is tied to the rest: through one outsider, one member, or not at all."""
    label = group.group
    total = len(result.participants)
    how_ties = ties_measured(result.ties)
    if group.present and len(group.outside_contacts) == 1 and total > group.present:
        contact = group.outside_contacts[0]
        statement = (f"Every tie between {label} and the rest of the landscape runs through one person outside the "
                     f"group ({result.names.get(contact, contact)}).")
        yield _finding(
            "single-contact", statement,
            f"If that connection lapsed, who would keep {label} in the conversation?",
            f"People outside the group tied (either way) to any member, on {how_ties}.",
            {"members": group.present, "outside_contacts": 1}, (label, contact),
            Focus(people=(contact,), groups=(label,)), headline=statement)
    elif group.present >= 2 and len(group.members_linking_out) == 1:
        statement = f"Only one of the {group.present} {label} has ties beyond the group."
        yield _finding(
            "single-link", statement,
            f"Who else could carry what {label} know out into the landscape?",
            f"Members tied (either way) to anyone outside the group, on {how_ties}.",
            {"members": group.present, "members_linking_out": 1}, (label,),
            Focus(people=group.members_linking_out, groups=(label,)), headline=statement)
    elif group.present and not group.outside_contacts and total > group.present:
        nobody = "the one member has no tie" if group.present == 1 else f"none of the {group.present} has a tie"
        statement = f"{capital(label)}: {nobody} to anyone outside the group."
        yield _finding(
            "no-outside-tie", statement,
            f"How could {label} be brought into the wider conversation?",
            f"Ties (either way) between members and non-members, on {how_ties}.",
            {"members": group.present, "outside_contacts": 0}, (label,), Focus(groups=(label,)), headline=statement)


def _landscape(result: VoicesResult) -> Iterator[Finding]:
    """The whole landscape: its mix against the roster, isolates, participation, blanks."""
    participants = result.participants
    total = len(participants)
    how_ties = ties_measured(result.ties)
    if result.dissimilarity is not None:
        d = result.dissimilarity
        yield _finding(
            "dissimilarity",
            f"The mix of participants differs from the expected mix by D = {d:.2f}: {d:.0%} of "
            "participants would have to come from other groups to match it.",
            "Which voices would move the landscape closest to the mix the roster expects?",
            "Index of dissimilarity D = 1/2 sum |share present - share expected| (Duncan & Duncan 1955), over the "
            "groups with an expected share and all others pooled.", {"dissimilarity": d},
            headline=f"The people taking part are not quite the mix the roster expects: {d:.0%} of them would have "
                     "to come from other groups to match it.")
    isolated = [p.id for p in participants if p.isolate]
    if isolated:
        relations = result.ties["relations"]
        kinds = f" of type {', '.join(relations)}" if relations else ""
        statement = f"{count_people(len(isolated), 'has', 'have')} no tie{kinds}."
        yield _finding(
            "isolates", statement,
            "Are they newcomers, people who did not answer, or people left out? Who could connect them?",
            f"Participants with no tie either way on {how_ties}.", {"isolated": len(isolated)}, isolated,
            Focus(people=tuple(isolated)), headline=statement)
    unasked = [p for p in participants if p.in_isolate and not p.isolate]
    if unasked:
        memberships = result.memberships()
        by_group = Counter(group for p in unasked for group in (memberships[p.id] or ("(not recorded)",)))
        breakdown = ", ".join(f"{group} {count}" for group, count in
                              sorted(by_group.items(), key=lambda item: (-item[1], item[0].casefold())))
        statement = (f"{count_people(len(unasked), 'takes part but is', 'take part but are')} named by nobody "
                     f"({breakdown}).")
        plain = ", ".join(f"{count} from {group}" if group != "(not recorded)" else
                          f"{count} with no {result.attribute} recorded" for group, count in
                          sorted(by_group.items(), key=lambda item: (-item[1], item[0].casefold())))
        plain = "" if set(by_group) == {"(not recorded)"} else f": {plain}"
        yield _finding(
            "in-isolates", statement,
            "Whose knowledge is going unasked for, and how could others come to seek it out?",
            f"Participants with in-degree 0 and at least one tie they named, on {how_ties}.",
            {"in_isolates": len(unasked)}, [p.id for p in unasked],
            Focus.of(people=(p.id for p in unasked), groups=(g for g in by_group if g != "(not recorded)")),
            headline=count_people(len(unasked), "takes part, but nobody names them",
                                  "take part, but nobody names them") + f"{plain}.")
    silent = [p.id for p in participants if p.out_isolate and not p.in_isolate]
    if silent:
        statement = (f"{count_people(len(silent), 'named nobody but was', 'named nobody but were')} named by others: "
                     "in survey data this is usually a sign that they did not answer, not that they are isolated."
                     if result.response is None else
                     f"{count_people(len(silent), 'answered', 'answered')} the survey and named nobody, but others "
                     "named them.")
        yield _finding(
            "out-isolates", statement,
            "Did everyone get the chance to answer, and to name whom they learn from?",
            "Participants with out-degree 0 and in-degree above 0.", {"out_isolates": len(silent)}, silent,
            Focus(people=tuple(silent)), headline=statement)
    silent = len(result.non_respondents)
    if total > silent:
        counts = Counter(p.participation_level for p in participants)
        total -= silent  # who did not answer has no level: their own ties are unknown
        taking = "who answered the survey" if silent else "taking part"
        shares = ", ".join(f"{level} {counts.get(level, 0)} ({counts.get(level, 0) / total:.0%})" for level in LEVELS)
        yield _finding(
            "participation-levels",
            f"Participation levels: {shares}. Wenger, McDermott & Snyder suggest roughly 10-15% core and 15-20% "
            "active, with most people peripheral: a prompt for conversation, not a norm.",
            "Does this mix of participation fit what the landscape needs now?",
            LEVELS_HOW + f" Here L = {result.deepest_layer}." + (
                f" The {count_noun(silent, 'person', 'people')} who did not answer the survey {'is' if silent == 1 else 'are'} "
                "left out." if silent else ""), {level: counts.get(level, 0) for level in LEVELS},
            headline=(f"The one person {taking} is" if total == 1 else f"All {total} people {taking} are")
            + " at the edge of the learning ties."
            if counts.get("peripheral", 0) == total else
            f"Of the {count_noun(total, 'person', 'people')} {taking}, {counts.get('core', 0)} "
                     f"{'is' if counts.get('core', 0) == 1 else 'are'} at the core, {counts.get('active', 0)} active, "
                     f"{counts.get('occasional', 0)} occasional and {counts.get('peripheral', 0)} at the edge.")
    if result.unrecorded:
        statement = f"{count_people(len(result.unrecorded), 'has', 'have')} no {result.attribute} recorded."
        yield _finding(
            "unrecorded", statement,
            "Which voice do they bring? Filling this in makes the picture of voices complete.",
            f"Participants with a blank {result.attribute} cell.", {"unrecorded": len(result.unrecorded)},
            result.unrecorded, Focus(people=result.unrecorded), headline=statement)
