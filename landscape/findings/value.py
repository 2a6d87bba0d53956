"""Value creation findings: the stories told, where value is not yet told, and whose voice tells it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING

from landscape.findings import Finding, Focus, finding
from landscape.findings.phrases import and_list, count_noun, listed_or_said, or_list

if TYPE_CHECKING:  # pragma: no cover
    from landscape.passes.value import Story, ValueResult

__all__ = ["QUESTION", "findings", "story_label"]

QUESTION = "What difference are we making, and for whom?"

_finding = partial(finding, "value")
#: Where a headline too long to read aloud sends the reader: the evidence lists every one.
_EVIDENCE = "all named under How we know"
_HOW = ("Value-creation stories from the Stories sheet, each counted once per cycle of value it shows evidence of "
        "(Wenger, Trayner & de Laat 2011; Wenger-Trayner & Wenger-Trayner 2020).")


def story_label(story: Story) -> str:
    """How a sentence names a story: its title in quotes where its words may be shared, else its id.

    >>> from landscape.passes.value import Story
    >>> story_label(Story("S1", 2, "Half the time", None, (), (), (), None, None, (), None, None, True, None))
    "'Half the time'"
    >>> story_label(Story("S2", 3, "Private", None, (), (), (), None, None, (), None, None, False, None))
    'story S2'
    """
    return f"'{story.title}'" if story.consent and story.title else f"story {story.id}"


def findings(result: ValueResult) -> tuple[Finding, ...]:
    """The Value findings: what the stories tell, chains, value not yet told, stories the map does not
    hold, whose voice tells them, and stories counted but not quoted.

    Examples
    --------
    >>> from landscape import load, sample_path
    >>> from landscape.passes import value
    >>> [f.kind for f in findings(value(load(sample_path("clinical-simulation"))))][:2]
    ['stories', 'chains']
    """
    if not result.stories:
        statement = ("No value-creation story is recorded, so the difference the landscape makes is not yet told "
                     "here.")
        return (_finding("no-stories", statement, "What difference has this landscape made, and who could tell it? "
                         "A Stories sheet (landscape template has one) collects the stories.",
                         "The input has no Stories sheet, or it is empty.", headline=statement),)
    return (*_overview(result), *_untold(result), *_without_ties(result), *_tellers(result))


def _overview(result: ValueResult) -> Iterator[Finding]:
    stories = result.stories
    cycles = result.cycles
    told = and_list(f"{count} {cycle}" for cycle, count in cycles.items())
    late = sum(1 for s in stories if {"applied", "realised"} & set(s.cycles))
    reach = ("none of them yet reaches" if not late else "it reaches" if len(stories) == 1 else
             f"{late} of them {'reaches' if late == 1 else 'reach'}")
    headline = (f"{count_noun(len(stories), 'story tells', 'stories tell')} of value created; {reach} changed "
                "practice or results (applied or realised value).")
    yield _finding(
        "stories", f"{headline} Stories per cycle: {told or 'none named'}.", QUESTION,
        f"{_HOW} A story with two cycles counts in both.", {"stories": len(stories), **cycles},
        headline=headline)
    chained = [s for s in stories if s.id in result.chains]
    if chained:
        names = [story_label(s) for s in chained]
        headline = (f"{count_noun(len(chained), 'story follows', 'stories follow')} value from the activity itself "
                    f"through to changed practice or results: {listed_or_said(names, _EVIDENCE)}.")
        yield _finding(
            "chains", f"{headline} Stories: {'; '.join(names)}.",
            "What made these chains possible, and where else could they happen?",
            "Stories with an early cycle (immediate or potential value) and a late one (applied or realised value).",
            {"chains": len(chained)}, focus=Focus.of(people=[p for s in chained for p in s.people]),
            headline=headline)
    if result.unquoted:
        why = Counter(s.not_quoted for s in stories if not s.consent)
        statement = (f"{count_noun(result.unquoted, 'story is', 'stories are')} counted but not quoted: "
                     + "; ".join(f"{reason} ({count})" if len(why) > 1 else reason for reason, count in why.items())
                     + ".")
        yield _finding(
            "unquoted", statement, "Would the tellers agree to share them, perhaps in their own words?",
            "A story is quoted only where its consent column says yes.", {"unquoted": result.unquoted},
            headline=statement)


def _untold(result: ValueResult) -> Iterator[Finding]:
    pairs = [f"{a} and {b}" for a, b in result.untold_boundaries]
    if pairs:
        headline = (f"Value not yet told: {count_noun(len(pairs), 'boundary carries', 'boundaries carry')} learning "
                    "ties but no story.")
        yield _finding(
            "untold-boundaries", f"{headline} Between {'; '.join(pairs)}.",
            "What have the ties across these boundaries made possible, and who could tell it?",
            f"Pairs of {result.group_attribute} groups with a learning tie between a member of each and no story about "
            f"that boundary (in boundary, or a tie in source and target). {_HOW}", {"boundaries": len(pairs)},
            focus=Focus.of(groups=[g for pair in result.untold_boundaries for g in pair]), headline=headline)
    if result.untold_communities:
        headline = (f"No story tells what {or_list(result.untold_communities)} "
                    f"{'has' if len(result.untold_communities) == 1 else 'have'} made possible, though members learn "
                    "from each other there.")
        yield _finding(
            "untold-communities", headline, "What difference do these communities make, and for whom?",
            f"Communities with a learning tie between two members and no story naming them. {_HOW}",
            {"communities": len(result.untold_communities)}, focus=Focus.of(groups=result.untold_communities),
            headline=headline)


def _without_ties(result: ValueResult) -> Iterator[Finding]:
    found = [s for s in result.stories if s.id in result.stories_without_ties]
    if not found:
        return
    about = [f"{story_label(s)} ({_where(result, s)})" for s in found]
    headline = (f"{count_noun(len(found), 'story tells', 'stories tell')} of value where the map holds no tie: "
                f"{listed_or_said(about, _EVIDENCE)}.")
    yield _finding(
        "stories-without-ties", f"{headline} Stories: {'; '.join(about)}.",
        "Did the survey miss a tie, or did the value travel another way: a meeting, a document, someone in between?",
        "Stories about a boundary no learning tie crosses, or about a tie (source and target) the learning ties do "
        "not hold.", {"stories": len(found)}, focus=Focus.of(groups=[g for s in found for b in s.boundaries for g in b],
                                                            ties=[s.tie for s in found if s.tie]),
        headline=headline)


def _where(result: ValueResult, story: Story) -> str:
    """What a story is about on the map: the tie between two people, or the boundary between two groups."""
    if story.tie is not None:
        return "a tie between " + " and ".join(result.names.get(pid, pid) for pid in story.tie)
    return " and ".join(story.boundaries[0]) if story.boundaries else "a boundary"


def _tellers(result: ValueResult) -> Iterator[Finding]:
    if not result.tellers or set(result.tellers) == {"(none)"}:
        return  # no stakeholder group recorded for anyone who tells a story: nothing to say of whose voice
    told = and_list(f"{count} by {group}" for group, count in result.tellers.items())
    silent = list(result.silent_groups)
    groups = and_list(g if g != "(none)" else "people with no stakeholder group recorded" for g in result.tellers)
    story = "The story is" if len(result.stories) == 1 else "The stories are"
    headline = (f"{story} told by {groups}" +
                (f"; none by {or_list(silent) if len(silent) <= 10 else 'several groups (' + _EVIDENCE + ')'}." if silent
                 else "."))
    yield _finding(
        "tellers", f"{headline} Stories: {told}." + (f" No story by: {'; '.join(silent)}." if silent else ""),
        "Whose voice is missing from the value story, and what difference would they say the landscape makes?",
        f"Each story's teller by {result.voices_attribute}; groups with members and no story told.",
        {"tellers": sum(result.tellers.values()), "silent_groups": len(silent)}, focus=Focus.of(groups=silent),
        headline=headline)
