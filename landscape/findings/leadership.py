"""Leadership findings: who is looked to and how leadership is shared, from a finished :class:`LeadershipResult`."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import partial
from typing import TYPE_CHECKING, Any

from landscape.findings import Finding, Focus, finding
from landscape.findings.phrases import (and_list, capital, count_noun, count_people, listed_or_said, or_list, plural,
                                        two_places)
from landscape.passes.statistics import MIN_FOR_TESTS

if TYPE_CHECKING:  # pragma: no cover
    from landscape.passes.leadership import LeadershipResult

__all__ = ["QUESTION", "emergence_sentence", "findings"]

QUESTION = "How do we foster distributed leadership?"

_finding = partial(finding, "leadership")


def findings(result: LeadershipResult) -> tuple[Finding, ...]:
    """The Leadership findings: how leadership is shared, then across which boundaries, then rank,
    leadership groups and change.

    Examples
    --------
    >>> from landscape import load, sample_path
    >>> from landscape.passes import leadership
    >>> [f.kind for f in findings(leadership(load(sample_path("krackhardt-hightech"))))][:2]
    ['leadership-proxy', 'configuration']
    """
    return (*_proxy(result), *_configuration(result), *_groups(result), *_rank(result), *_roles(result),
            *_emergence(result))


def _who(result: LeadershipResult, pid: str) -> str:
    """A person's name with the groups they come from: ``Yara Fischer (Sim Technicians Network)``."""
    groups = result.member_of.get(pid, ())
    return f"{result.names.get(pid, pid)} ({', '.join(groups)})" if groups else result.names.get(pid, pid)


def _how(result: LeadershipResult) -> str:
    ties = result.ties
    source = ("who looks to whom for leadership" if result.relation_source == "leadership ties" else
              "being sought out on the learning ties, standing in for leadership")
    turned = f"; {count_noun(ties['turned'], 'row')} of a type that runs from the leader turned round" \
        if ties.get("turned") else ""
    return (f"{count_noun(ties['rows'], 'relationship row')} of type {', '.join(result.relations) or '(none)'} "
            f"({source}): {count_noun(result.nominations, 'nomination')} of one person by another, self-ties left "
            f"out, a pair named twice counted once{turned}.")


def _proxy(result: LeadershipResult) -> Iterator[Finding]:
    if result.relation_source != "learning ties (proxy)":
        return
    headline = ("Nobody recorded who they look to for leadership, so this section reads who people go to "
                f"({and_list(result.relations) or 'no tie recorded'}) instead.")
    yield _finding(
        "leadership-proxy", headline,
        "Who do people look to for leadership? One question in the next survey (or a type of kind leadership) "
        "would show it directly.",
        f"No relationship type is of kind leadership (looks_to, leads... or declared in a Relation types sheet); "
        f"in-degree on {', '.join(result.relations) or 'no type'} stands in, which is being sought out, not "
        "being followed.", {"relations": len(result.relations)}, headline=headline)


def _shares(result: LeadershipResult) -> str:
    share = result.top_share
    return (f"shared-leadership density {result.density if result.density is None else round(result.density, 4)}, "
            f"in-degree centralization {two_places(result.centralization)}, Gini {two_places(result.gini)}; the most "
            f"named person holds {_percent(share['top1'])} of the nominations, the top three {_percent(share['top3'])}, "
            f"the top 10% {_percent(share['top10pct'])}")


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def _configuration(result: LeadershipResult) -> Iterator[Finding]:
    names = [_who(result, pid) for pid in result.leaders]
    plain = listed_or_said([result.names.get(pid, pid) for pid in result.leaders], "all named in the evidence")
    count = len(result.leaders)
    kind = result.configuration
    if not result.nominations and result.nomination_waves:
        headline = (f"Nobody recorded who they look to for leadership in this wave; the nominations are in "
                    f"{and_list(result.nomination_waves)}.")
        question = (f"Was leadership asked about this time? --wave {result.nomination_waves[-1]} maps the latest "
                    "nominations.")
    elif not result.nominations:
        headline = "Nobody is recorded as looking to anyone for leadership."
        question = "Who takes the lead when something needs doing, and would people say so if asked?"
    elif kind == "none":
        headline = "Nobody is looked to for leadership by more than one person."
        question = "Who could take the lead on what matters most here, and what would help them step forward?"
    elif kind == "leader-centred":
        top = result.leaders[0]
        headline = (f"Most of those who look to someone for leadership look to the same person: {_who(result, top)}."
                    if (result.top_share["top1"] or 0) >= 0.5 else
                    f"Only one person is looked to for leadership by several people: {_who(result, top)}.")
        question = "Who else could take the lead, and on what? What would it take for them to step forward?"
    elif kind == "distributed-coordinated":
        headline = f"Leadership is shared: {count} people are widely looked to ({plain}), and they look to each other."
        question = "How do these leaders keep in step, and who else could join them in taking the lead?"
    else:
        apart = "none of them looks to another" if not _any_tied(result) else "they do not all look to one another"
        headline = f"{count} people are widely looked to ({plain}), but {apart}: leadership is split."
        question = "Where could these leaders meet, and what could they take on together?"
    if result.relation_source != "leadership ties" and result.nominations:
        headline = f"Going by who is sought out (nobody recorded leadership): {headline[0].lower()}{headline[1:]}"
    rule = (f"Widely looked to: named by at least 2 people and by at least half as many as the most named person "
            f"(here {result.leader_threshold or '-'} or more). Leader-centred: one person holds half of all "
            "nominations or more, or is the only one widely looked to; distributed-coordinated: several are, and "
            "their nominations of one another join them all; distributed-fragmented: several are, and they do not "
            "(after Mehra et al. 2006; the thresholds are this tool's conventions).")
    statement = ((f"Configuration: {kind}; {_shares(result)}" + (f"; widely looked to: {'; '.join(names)}."
                                                                  if names else "."))
                 if result.nominations else f"Configuration: {kind}; no nominations.")
    yield _finding(
        "configuration", statement, question,
        f"{_how(result)} Density = nominations / n(n-1) (Carson et al. 2007; with ratings, the mean rating over "
        f"its maximum); Freeman in-degree centralization (Mayo et al. 2003). {rule}",
        {"density": result.density, "centralization": result.centralization, "gini": result.gini,
         "top1": result.top_share["top1"], "top3": result.top_share["top3"],
         "top10pct": result.top_share["top10pct"], "leaders": count},
        result.leaders, Focus.of(people=result.leaders), headline=headline)


def _any_tied(result: LeadershipResult) -> bool:
    """Whether any two of the leaders are tied by a nomination (the result keeps only whether all are joined)."""
    return result.leader_pairs > 0


def _groups(result: LeadershipResult) -> Iterator[Finding]:
    groups = result.groups
    if not result.nominations or len(groups) < 2:
        return
    silent = [g for g, info in groups.items() if info["members"] and not (info["given"] or info["internal"]
                                                                          or info["external"])]
    if silent:
        who = or_list(silent) if len(silent) <= 10 else "these groups (all named below)"
        headline = f"Nobody in {who} named anyone for leadership or was named."
        yield _finding(
            "unasked-group", f"{headline} Groups: {'; '.join(silent)}.",
            "Were they asked? If they were, who do they look to, and who looks to them?",
            f"Per {result.group_attribute}: nominations its members made and received. " + _how(result),
            {"groups": len(silent)}, focus=Focus.of(groups=silent), headline=headline)
    unseen = [g for g in result.unseen_groups if g not in silent]
    if unseen:
        evidence = "; ".join(f"{g}: {info['internal']} from inside, 0 from outside" for g, info in groups.items()
                             if g in unseen)
        who = or_list(unseen) if len(unseen) <= 10 else "these groups (all named below)"
        headline = (f"Nobody in {who} is looked to for leadership by anyone outside "
                    f"{'it' if len(unseen) == 1 else 'their group'}.")
        yield _finding(
            "unseen-group", f"{headline} Nominations received: {evidence}.",
            "Who in these groups could take the lead beyond their own group, and on what?",
            f"Per {result.group_attribute}: the nominations its members receive, from inside the group (I) and "
            f"from people with a {result.group_attribute} outside it (E); E-I = (E - I) / (E + I) "
            "(Krackhardt & Stern 1988). " + _how(result), {"groups": len(unseen)},
            focus=Focus.of(groups=unseen), headline=headline)
    seen = {g: info for g, info in groups.items() if info["looked_to_from_outside"]}
    if seen:
        evidence = "; ".join(f"{g}: E-I {two_places(info['ei'])} ({info['external']} from outside, "
                             f"{info['internal']} from inside)" for g, info in seen.items())
        across = [g for g, info in seen.items() if info["ei"] is not None and info["ei"] > 0]
        headline = (f"{count_noun(len(seen), 'group has', 'groups have')} members looked to for leadership from "
                    f"outside" + (f"; for {listed_or_said(across, 'some (named below)')}, more from outside than "
                                  "from inside" if across else "") + ".")
        yield _finding(
            "looked-to-across", f"{headline} {evidence}.",
            "What do people outside these groups come to them for, and could that leadership be shared wider?",
            f"As above: nominations received by each {result.group_attribute}'s members, from outside and inside.",
            {"groups": len(seen)}, focus=Focus.of(groups=seen), headline=headline)


def _rank(result: LeadershipResult) -> Iterator[Finding]:
    rank = result.seniority
    if rank is None or rank.spearman is None or rank.too_few or not result.nominations:
        return
    rho = rank.spearman
    headline = ("Those looked to for leadership are mostly the most senior people." if rho >= 0.5 else
                "Leadership does not come only from the top: being looked to hardly follows seniority." if rho < 0.2
                else "Being looked to for leadership follows seniority only in part.")
    yield _finding(
        "leadership-seniority",
        f"Seniority and being looked to for leadership: Spearman rho = {rho:.2f} (p = {rank.spearman_p:.2g}; "
        f"Kendall tau-b = {rank.kendall_tau_b:.2f}; n = {rank.n}).",
        "Where does leadership come from outside the formal hierarchy, and is it recognised there?",
        f"Rank correlation between seniority ({result.formal_basis}, as the Power pass reads it) and the "
        f"nominations received. {_how(result)}",
        {"spearman": rho, "spearman_p": rank.spearman_p, "n": rank.n}, headline=headline)
    beyond = result.beyond_rank if rank.n >= MIN_FOR_TESTS else ()
    if beyond:
        names = [_who(result, pid) for pid in beyond]
        headline = (f"{count_people(len(beyond), 'is', 'are')} widely looked to for leadership beyond their "
                    f"formal rank: {listed_or_said(names)}.")
        yield _finding(
            "leaders-beyond-rank", headline,
            "What could their leadership do if the organisation recognised it, and what holds it back now?",
            "Widely looked to, and rank of in-degree / N minus rank of seniority / N at least 0.25 (average ranks, "
            "Power's rule); nobody at the most senior level is listed.", {"people": len(beyond)}, beyond,
            Focus.of(people=beyond), headline=headline)


def _roles(result: LeadershipResult) -> Iterator[Finding]:
    roles = result.roles
    if roles is None:
        return
    held = roles["held"]
    # A group "others have": held by someone in another group (not only by people with no group).
    somewhere = sorted({role for counts in result.coverage.values() for role in counts}, key=list(held).index)
    missing = {g: [role for role in somewhere if role not in counts] for g, counts in result.coverage.items()}
    missing = {g: lacking for g, lacking in missing.items() if lacking}
    parts = []
    if roles["nobody"]:
        parts.append(f"nobody is one of the {or_list(roles['nobody'])}")
    if missing:
        parts.append("; ".join(f"{g} has no {or_list(lacking)}" for g, lacking in missing.items()))
    if parts:
        lacking = (f"{plural(len(missing), result.group_attribute)} "
                   f"{'lacks a group' if len(missing) == 1 else 'lack groups'} that others have")
        headline = ("Some leadership groups are missing: " +
                    (f"nobody is one of the {or_list(roles['nobody'])}" + (f", and {lacking}" if missing else "")
                     if roles["nobody"] else lacking) + ".")
        yield _finding(
            "leadership-groups", f"{capital('; '.join(parts))}.",
            "Who could take on these roles, and what support would they need?",
            f"The leadership_group column, per {result.group_attribute} (coverage: how many members hold each). "
            "The seven groups are Wenger-Trayner's: agenda activists, community keepers, critical friends, social "
            "reporters, external messengers, value detectives, organisational brokers.",
            {"nobody": len(roles["nobody"]), "groups_lacking": len(missing)},
            focus=Focus.of(groups=missing), headline=headline)
    # Only roles whose holders have learning ties with someone in a group: without any there is nothing to say.
    inward = {role: info for role, info in held.items() if role in ("external messengers", "organisational brokers")
              and info["ei"] is not None and info["ei"] < 0}
    if inward:
        evidence = "; ".join(f"{capital(role)} ({count_noun(len(info['people']), 'person', 'people')}): "
                             f"{info['external']} ties outside their {result.group_attribute}, {info['internal']} "
                             f"inside (E-I {two_places(info['ei'])})" for role, info in inward.items())
        headline = (f"The learning ties of the {and_list(inward)} stay mostly inside their own "
                    f"{result.group_attribute}.")
        people = [pid for info in inward.values() for pid in info["people"]]
        yield _finding(
            "outward-roles", f"{headline} {evidence}.",
            "Their role is to carry things across: what would help them reach beyond their own group?",
            f"The learning ties ({', '.join(roles['relations']) or 'none'}) of the people who hold each group, each "
            f"pair once: E = to someone who shares no {result.group_attribute}, I = to someone who does; E-I = "
            "(E - I) / (E + I).", {"groups": len(inward)}, focus=Focus.of(people=people), headline=headline)


def emergence_sentence(change: Mapping[str, Any], names: Mapping[str, str], label: str = "") -> tuple[str, str]:
    """The headline and statement of a change in who is widely looked to between two waves (Leadership and
    Continuity say it alike). Those newly looked to are named (recognition); those no longer are counted.

    >>> emergence_sentence({"before": "2024", "after": "2025", "new": ["b"], "no_longer": ["a"],
    ...     "centralization": {"before": 1.0, "after": 0.5}, "gini": {"before": 0.75, "after": 0.5}}, {"b": "Bo"})[0]
    'Since 2024, 1 person is newly looked to for leadership by several people: Bo; 1 person who was widely looked to then is no longer. Leadership is less concentrated than it was.'
    """
    new, gone = change["new"], change["no_longer"]
    before, after = change["centralization"]["before"], change["centralization"]["after"]
    parts = []
    if new:
        parts.append(f"{count_people(len(new), 'is', 'are')} newly looked to for leadership by several people: "
                     f"{listed_or_said(names.get(pid, pid) for pid in new)}")
    if gone:
        parts.append(f"{count_people(len(gone), 'who was', 'who were')} widely looked to then "
                     f"{'is' if len(gone) == 1 else 'are'} no longer")
    trend = ("" if before is None or after is None or abs(after - before) < 0.05 else
             " Leadership is less concentrated than it was." if after < before else
             " Leadership is more concentrated than it was.")
    headline = (f"Since {change['before']}, {'; '.join(parts)}.{trend}" if parts else
                f"The same people are widely looked to for leadership as in {change['before']}.{trend}")
    statement = (f"{label}Leaders in {change['before']}: {len(change.get('leaders_before', [])) or len(gone)}; new "
                 f"since: {len(new)}; no longer: {len(gone)}; in-degree centralization {two_places(before)} then, "
                 f"{two_places(after)} now; Gini {two_places(change['gini']['before'])} then, "
                 f"{two_places(change['gini']['after'])} now.")
    return headline, statement


def _emergence(result: LeadershipResult) -> Iterator[Finding]:
    change = result.emergence
    if change is None:
        return
    headline, statement = emergence_sentence(change, result.names)
    yield _finding(
        "leadership-emergence", statement,
        "What helped new leaders step forward, and how does the community keep making room for them?",
        f"Widely looked to in each wave by the same rule; the earlier wave is {change['before']}, as the wave "
        "column names it. Those no longer looked to are counted, not named: a conversation, not a list.",
        {"new": len(change["new"]), "no_longer": len(change["no_longer"])}, change["new"],
        Focus.of(people=change["new"]), headline=headline)

