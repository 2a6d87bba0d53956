"""The glossary: every measure a reader meets, in plain words, with its JSON key and its source.

One :class:`Term` per measure named in ``metrics.xlsx`` (the Participants, Groups and Ties
columns), on the atlas's person card and in the JSON of ``landscape analyse``: the readable
header a spreadsheet shows, one plain sentence, where the number sits in the JSON, and the
literature it follows (the References of the pass that computes it, and MEASURES.md). Columns
whose names come from the data (a level of scale, a resolution, the grouping attribute) get
their term from :func:`level_term`, :func:`cluster_term` and :func:`crossing_term`.

>>> term("voices.participants.*.in_degree").header
'Named by others'
>>> level_term("organisation").header
'Unit: organisation'
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

__all__ = ["GLOSSARY", "STATISTICS", "Term", "cluster_term", "crossing_term", "level_term", "term"]


@dataclass(frozen=True)
class Term:
    """One measure: the header a reader sees, what it means, its JSON key and its reference.

    ``key`` is the path of the value in the JSON of ``landscape analyse --format json``: dots
    between keys, ``*`` for a key that varies (a participant id, a group), ``[]`` for every item of
    a list and ``["..."]`` for a key taken from the data (a level, a resolution).
    """

    header: str
    meaning: str
    key: str
    reference: str = ""


_DEGREE = "Wasserman & Faust (1994), Social Network Analysis, ch. 4."
_CORE = ("Seidman (1983), Social Networks 5; Hebert-Dufresne, Grochow & Allard (2016), Scientific Reports 6; "
         "levels: Wenger, McDermott & Snyder (2002).")
_DIVERSITY = "Blau (1977); Agresti & Agresti (1978), Sociological Methodology 9; Burt (1992) for range."
_RANK = "Krackhardt (1990), ASQ 35; Brass (1984), ASQ 29."
_BROKERAGE = "Gould & Fernandez (1989), Sociological Methodology 19; sna::brokerage (Butts 2008)."
_HOLES = "Burt (1992), Structural Holes; Borgatti (1997), Connections 20(1)."
_EI = "Krackhardt & Stern (1988), Social Psychology Quarterly 51; Everett & Borgatti (2012), Social Networks 34."
_COMMUNITIES = ("Blondel et al. (2008), J. Stat. Mech. P10008; Reichardt & Bornholdt (2006), PRE 74; "
                "Fortunato & Barthelemy (2007), PNAS 104.")
_REPRESENTATION = "Duncan & Duncan (1955), ASR 20 (representation against an expected mix); MEASURES.md 3.1."
_VOICE_SHARE = "MEASURES.md 3.2 (share of in-ties against share of members)."

#: Every fixed measure, in the order the workbook shows them.
GLOSSARY: tuple[Term, ...] = (
    # Voices, per person
    Term("Named by others", "How many people named this person as someone they go to, counting everyone who shares "
         "a two-way tie (such as collaboration) with them.",
         "voices.participants.*.in_degree", _DEGREE),
    Term("Names others", "How many people this person named as someone they go to, counting everyone they share a "
         "two-way tie with (0 can mean they did not answer).",
         "voices.participants.*.out_degree", _DEGREE),
    Term("People tied to", "How many different people this person is tied to, whoever named whom.",
         "voices.participants.*.neighbours", _DEGREE),
    Term("Core depth", "How deep in the tightly knit core this person sits: the largest k such that they belong to a "
         "group in which everyone has at least k ties to the others (k-core).",
         "voices.participants.*.coreness", _CORE),
    Term("Layer from the edge", "Which layer this person is in when the network is peeled from its edge inwards, "
         "one layer at a time (1 = the outermost).", "voices.participants.*.onion_layer", _CORE),
    Term("Participation level", "Core, active, occasional or peripheral, from the layer they are in; peripheral "
         "participation can be a legitimate way of belonging.", "voices.participants.*.participation_level",
         _CORE + " Lave & Wenger (1991)."),
    Term("Contacts with a group", "How many of this person's contacts have a group recorded (the next four "
         "columns are measured over them).", "voices.participants.*.alters", _DIVERSITY),
    Term("Groups among contacts", "How many different groups this person's contacts belong to.",
         "voices.participants.*.range", _DIVERSITY),
    Term("Variety of contacts' groups", "The chance that two of this person's contacts, picked at random, come "
         "from different groups: 0 when all come from one group (Blau's index).",
         "voices.participants.*.blau", _DIVERSITY),
    Term("Variety of contacts' groups (0 to 1)", "The same variety scaled so that 1 means contacts spread evenly "
         "over every group (index of qualitative variation).", "voices.participants.*.iqv", _DIVERSITY),
    Term("Spread of contacts over groups", "How evenly this person's contacts spread over groups, in nats: 0 when "
         "all come from one group, higher the more groups and the more even (Shannon entropy).",
         "voices.participants.*.shannon", "Shannon (1948); Eagle, Macy & Claxton (2010), Science 328."),
    # Power, per person
    Term("Formal rank", "Where this person's seniority places them among everyone with one: 1 for the least "
         "senior, up to the number of people ranked for the most senior; people at one level share their average "
         "rank.", "power.participants.*.formal_rank", _RANK),
    Term("Steps below the top", "How many steps of the reporting line lie between this person and its top "
         "(0 = reports to nobody).", "power.participants.*.depth", _RANK),
    Term("Direct reports", "How many people report to this person.", "power.participants.*.direct_reports", _RANK),
    Term("Looked to for leadership", "How many people named this person as someone they look to for leadership (where "
         "nobody recorded leadership ties: how many seek them out, standing in for it).", "leadership.in_degree.*",
         "Carson, Tesluk & Marrone (2007), AMJ 50(5); Mehra et al. (2006), Leadership Quarterly 17."),
    Term("On paths between others", "How much of the shortest routes between pairs of other people run through "
         "this person, as a share of the most possible (betweenness).",
         "power.participants.*.betweenness", "Freeman (1979), Social Networks 1; Brandes (2001), J. Math. Sociol. 25."),
    Term("Sought out by the sought-after", "How much this person is sought out, counting more when those who seek "
         "them are themselves sought out; everyone's add up to 1 (PageRank).", "power.participants.*.pagerank",
         "Brin & Page (1998); damping 0.85."),
    Term("Sought out beyond rank", "How far this person's rank in being named by others is above (positive) or "
         "below (negative) their formal rank, as a share of everyone ranked (mismatch).",
         "power.participants.*.mismatch", _RANK),
    # Boundaries, per person
    Term("Lean of ties across groups", "Ties to other groups minus ties within their own, over all their ties: "
         "1 when every tie crosses a boundary, -1 when none does (E-I index).",
         "boundaries.ei.participants.*", _EI),
    Term("Broker within own group", "How many pairs this person links where all three are in one group "
         "(coordinator).", "boundaries.brokerage.participants.*.coordinator", _BROKERAGE),
    Term("Broker for another group", "How many pairs of one group this person links while belonging to another "
         "(itinerant).", "boundaries.brokerage.participants.*.itinerant", _BROKERAGE),
    Term("Speaks for own group", "How many times this person carries a tie from their own group out to another "
         "(representative).", "boundaries.brokerage.participants.*.representative", _BROKERAGE),
    Term("Opens the door to own group", "How many times this person brings a tie from another group into their "
         "own (gatekeeper).", "boundaries.brokerage.participants.*.gatekeeper", _BROKERAGE),
    Term("Links two other groups", "How many pairs from two different groups, neither their own, this person "
         "links (liaison).", "boundaries.brokerage.participants.*.liaison", _BROKERAGE),
    Term("Pairs brokered in all", "Every pair this person links, in any of the five ways above.",
         "boundaries.brokerage.participants.*.total", _BROKERAGE),
    Term("Pairs brokered across groups", "The pairs this person links across a boundary: every pair brokered but "
         "those inside one group (total minus coordinator); shown on the atlas's person card.",
         "boundaries.brokerage.participants.*.total - coordinator", _BROKERAGE),
    Term("Closed in by own contacts", "How much this person's contacts are tied to each other and to few others, "
         "so that the person has few ways out (Burt's constraint; higher = more closed in).",
         "boundaries.constraint.*", _HOLES),
    Term("Contacts who do not know each other", "How many of this person's contacts bring something the others "
         "do not: contacts minus the ties among them (effective size).", "boundaries.effective_size.*", _HOLES),
    # Groups
    Term("Members", "How many people are in this group.", "voices.groups[].present; boundaries.sizes.*; "
         "scale.aggregates.*.nodes[].members"),
    Term("Expected", "How many people the roster of voices expects from this group.", "voices.groups[].expected",
         _REPRESENTATION),
    Term("Expected share", "The share of participants the roster of voices expects from this group.",
         "voices.groups[].expected_share", _REPRESENTATION),
    Term("Share present", "The share of participants who are in this group.", "voices.groups[].share",
         _REPRESENTATION),
    Term("Present against expected", "Share present divided by share expected (or count present by count "
         "expected): 1 means as expected, below 0.5 is reported as under-represented (representation ratio).",
         "voices.groups[].representation_ratio", _REPRESENTATION),
    Term("Status", "Missing, under-represented or present against the roster of voices; unexpected when "
         "present but not on the roster, not-expected when neither.",
         "voices.groups[].status", _REPRESENTATION),
    Term("Share of being named", "The group's share of all the times anyone was named (voice share).",
         "voices.groups[].voice_share", _VOICE_SHARE),
    Term("Heard against present", "Share of being named divided by share of members: below 1 the group is named "
         "less than its size suggests (silence ratio).", "voices.groups[].silence_ratio", _VOICE_SHARE),
    Term("Ties within", "How many ties join two members of this group.",
         "boundaries.ei.groups.*.internal; scale.aggregates.*.nodes[].internal_ties", _EI),
    Term("Ties across", "How many ties join a member of this group to someone outside it.",
         "boundaries.ei.groups.*.external", _EI),
    Term("Lean of the group's ties across", "The group's ties across minus its ties within, over all of them: 1 when "
         "every tie crosses, -1 when none does (E-I index).", "boundaries.ei.groups.*.ei", _EI),
    Term("Lean expected by chance", "The same lean if ties fell at random among everyone, for comparison.",
         "boundaries.ei.groups.*.expected", _EI),
    Term("Share of possible ties within", "The ties inside the group as a share of the ties its members could have "
         "with each other (block density).", "boundaries.mixing.density.*.*; scale.aggregates.*.nodes[]."
         "internal_density", "Wasserman & Faust (1994), ch. 16; sna::blockmodel."),
)

#: The statistics the evidence names (the report's "How we know" and its tables, the atlas's "why?"),
#: under the name they carry there: what the report's glossary adds to the columns above.
STATISTICS: tuple[Term, ...] = (
    Term("ARI (adjusted Rand index)", "How far two ways of dividing people into groups agree, beyond what chance "
         "would give: 1 when they are the same, about 0 when they agree no more than chance.",
         "scale.detected[].ari.*; scale.detected[].stability.mean_ari", "Hubert & Arabie (1985), "
         "Journal of Classification 2."),
    Term("Articulation points (cut-points)", "People without whom some others would be cut off from the rest of "
         "the network.", "power.articulation_points", "Wasserman & Faust (1994), ch. 4; networkx."),
    Term("Bridges", "Ties without which some people would be cut off from the rest of the network.",
         "power.bridges", "Wasserman & Faust (1994), ch. 4; networkx."),
    Term("Betweenness", "The share of shortest routes between other people that run through a person.",
         "power.participants.*.betweenness", "Freeman (1979), Social Networks 1; Brandes (2001)."),
    Term("Blau index", "The chance that two contacts picked at random come from different groups.",
         "voices.participants.*.blau", _DIVERSITY),
    Term("Brokerage roles", "The five ways a person can link two others by where the three belong: coordinator, "
         "itinerant, representative, gatekeeper, liaison.", "boundaries.brokerage", _BROKERAGE),
    Term("Centralization", "How much one measure (being named, being on paths) leans on a few people: 0 when "
         "everyone is alike, 1 for a star around one person.", "power.centralization", "Freeman (1979), Social "
         "Networks 1."),
    Term("Constraint", "How closed in a person is by contacts who are tied to each other and to few others.",
         "boundaries.constraint.*", _HOLES),
    Term("Dissimilarity index", "The share of participants who would have to come from other groups for the mix to "
         "match the roster's.", "voices.dissimilarity", _REPRESENTATION),
    Term("E-I index", "Ties across a boundary minus ties within, over all ties: from -1 (all within) to 1 (all "
         "across); the expected value is what ties placed at random would give.", "boundaries.ei; scale.ei", _EI),
    Term("Effective size", "A person's contacts minus the ties among them: how many contacts bring something the "
         "others do not.", "boundaries.effective_size.*", _HOLES),
    Term("Holm correction", "An adjustment of p-values when several groups are tested at once, so that one chance "
         "result among many is not read as a pattern.", "voices.groups[].p_value_holm", "Holm (1979), Scandinavian "
         "Journal of Statistics 6."),
    Term("In-degree", "How many people name (or go to) a person; out-degree: how many they name.",
         "voices.participants.*.in_degree", _DEGREE),
    Term("Jaccard index", "Of the ties in either of two waves, the share found in both: 1 when nothing changed.",
         "continuity.ties.*.jaccard", "Jaccard (1912), New Phytologist 11."),
    Term("k-core", "The largest part of the network in which everyone has at least k ties to the others.",
         "voices.participants.*.coreness", _CORE),
    Term("Kendall's tau-b", "How far two orderings of the same people agree, counted over pairs of people (ties "
         "allowed): from -1 (reversed) to 1 (the same).", "power.alignment.*.kendall_tau_b",
         "Kendall (1945), Biometrika 33; scipy.stats.kendalltau."),
    Term("Louvain", "A method that finds clusters of people more tied to each other than to the rest by raising "
         "modularity step by step; run several times with different seeds to see how stable the clusters are.",
         "scale.detected", _COMMUNITIES),
    Term("Modularity", "How much more the ties fall inside the groups than they would at random, for the same "
         "number of ties per person: 0 is no more than chance, higher is more inward.",
         "scale.declared.*.modularity; scale.detected[].modularity", "Newman & Girvan (2004), PRE "
         "69; " + _COMMUNITIES),
    Term("NMI (normalised mutual information)", "How much knowing one way of dividing people into groups tells "
         "about another: 1 when they are the same, 0 when they are unrelated.", "scale.detected[].nmi.*",
         "Danon et al. (2005), J. Stat. Mech. P09008."),
    Term("Onion decomposition", "Peeling the network from its edge inwards, one layer at a time, to see how deep "
         "each person sits; the layers give the participation levels.", "voices.participants.*.onion_layer", _CORE),
    Term("p-value", "How often a pattern at least this strong would turn up by chance if there were none: small "
         "values (below 0.05) say chance is an unlikely explanation, not that the pattern matters.",
         "power.alignment.*.spearman_p; voices.groups[].p_value", "Wasserman & Faust (1994), ch. 16."),
    Term("PageRank", "Being sought out, counting more when those who seek you are sought out themselves.",
         "power.participants.*.pagerank", "Brin & Page (1998)."),
    Term("Reciprocity", "The share of ties that are returned (edgewise: 2 x mutual pairs / all ties; dyadic: "
         "mutual pairs / all pairs tied).",
         "power.reciprocity", "Wasserman & Faust (1994), ch. 13; Garlaschelli & Loffredo (2004), PRL 93."),
    Term("Representation ratio", "The share of participants a group has, divided by the share the roster expects.",
         "voices.groups[].representation_ratio", _REPRESENTATION),
    Term("Shannon entropy", "How evenly a person's contacts spread over groups.", "voices.participants.*.shannon",
         "Shannon (1948); Eagle, Macy & Claxton (2010), Science 328."),
    Term("Silence ratio", "A group's share of being named divided by its share of members: below 1 it is named "
         "less than its size suggests.", "voices.groups[].silence_ratio", _VOICE_SHARE),
    Term("Spearman's rho", "How far two orderings of the same people agree, from their ranks: from -1 (reversed) "
         "through 0 (unrelated) to 1 (the same).", "power.alignment.*.spearman", "Spearman (1904); "
         "scipy.stats.spearmanr; " + _RANK),
    Term("Voice share", "A group's share of all the times anyone was named.", "voices.groups[].voice_share",
         _VOICE_SHARE),
    Term("z (z-score)", "How many standard deviations a count lies from what chance would give: beyond 2 either "
         "way is a clear difference.", "boundaries.ei.whole.z; boundaries.brokerage", _EI),
)

_BY_KEY = {t.key: t for t in GLOSSARY}


def term(key: str) -> Term:
    """The term whose JSON key is ``key``. Raises KeyError for a key the glossary does not hold."""
    return _BY_KEY[key]


@lru_cache(maxsize=256)  # the same few terms are asked for once per person
def level_term(level: str) -> Term:
    """The term for a level of scale (a column of units such as ``community`` or ``organisation``)."""
    return Term(f"Unit: {level}", f"The {level} this person belongs to, as a level of scale (the first one "
                "listed when they belong to several).", f'scale.participants.*.units["{level}"]',
                "Wenger-Trayner & Wenger-Trayner (2014), Learning in Landscapes of Practice.")


@lru_cache(maxsize=256)  # the same few terms are asked for once per person
def cluster_term(resolution: str) -> Term:
    """The term for the cluster the ties form, found at one ``resolution``."""
    return Term(f"Cluster the ties form (resolution {resolution})",
                "The cluster of people more tied to each other than to the rest, found from the ties alone; a "
                "higher resolution finds more, smaller clusters (Louvain, modularity).",
                f'scale.participants.*.detected["{resolution}"]', _COMMUNITIES)


@lru_cache(maxsize=256)  # the same few terms are asked for once per person
def crossing_term(attribute: str) -> Term:
    """The term for whether a tie crosses a boundary of ``attribute``."""
    return Term(f"across {attribute} boundary", f"Yes when the two people share no {attribute}, no when they share "
                "one; blank for a self-tie or someone without one.", "boundaries.memberships", _EI)
