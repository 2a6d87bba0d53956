"""Boundaries: how to make boundaries into learning assets? Which are crossed, by whom, which not.

Groups are the values of a participant attribute (``community`` by default). People may belong to
several (``A;B``): a tie is internal when its two ends share a group, and counts in the block of
every pair of their groups. Brokerage roles need one group per person and use the first listed;
people with no group are each a group of their own there, and are left out of the E-I index.
"""

from __future__ import annotations

import dataclasses
import math
from collections import Counter, defaultdict
from fractions import Fraction
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from scipy.sparse import csr_array, diags_array

from landscape.model import Landscape
from landscape.passes.arrays import expand, sorted_unique, sparse_entries, text_ranks
from landscape.passes.brokerage import ROLES, brokerage_roles, main_role, structural_holes, top_brokers
from landscape.passes.ei import EIIndex, ei_index, is_symmetric, membership_matrix, network_ei, pair_counts
from landscape.passes.groups import grouping
from landscape.passes.ties import learning_ties, TieSelection
from landscape.passes.registry import register_pass
from landscape.passes.statistics import too_few

__all__ = ["BoundariesResult", "boundaries"]

GROUP_VARIANT = ("tie-based (Krackhardt & Stern 1988): I = ties with both ends in the group, E = ties with one "
                 "end in it, in either direction")


@dataclass(frozen=True)
class BoundariesResult:
    """What the Boundaries pass found. ``to_dict()`` gives the JSON under ``boundaries``."""

    pass_name = "boundaries"

    group_attribute: str
    mode: Literal["directed", "undirected"]
    groups: tuple[str, ...]
    sizes: dict[str, int]
    ungrouped: tuple[str, ...]
    ei_network: EIIndex
    ei_groups: dict[str, EIIndex]
    ei_groups_out_in: dict[str, tuple[int, int]]
    ei_participants: dict[str, float | None]
    counts: dict[str, dict[str, int]]
    density: dict[str, dict[str, float | None]]
    mixing_complete: bool
    unbridged: tuple[tuple[str, str], ...]
    unbridged_total: int
    joined_by_membership_only: tuple[tuple[str, str], ...]
    resting_on_one: tuple[dict[str, Any], ...]
    brokerage_participants: dict[str, dict[str, int]]
    brokerage_totals: dict[str, int]
    brokerage_expected: dict[str, float]
    brokerage_z: dict[str, float | None]
    brokerage_group_basis: str
    constraint: dict[str, float | None]
    effective_size: dict[str, float | None]
    spanners: tuple[dict[str, Any], ...]
    boundary_objects: tuple[dict[str, Any], ...]
    ties: dict[str, Any]
    #: Each participant's groups as the pass reads them (several values split at ``;``, numbers
    #: named as in ``groups``), first listed first: what the map draws regions and crossings by.
    memberships: dict[str, tuple[str, ...]]
    #: Each participant's name, for the findings' sentences (not in ``to_dict()``: the JSON
    #: names people by id).
    names: dict[str, str]
    #: Negative ties (dislike, conflict: never measured as learning) by where they sit: within a
    #: group or across a boundary, and the pairs of groups they run between.
    negative: dict[str, Any] = dataclasses.field(default_factory=dict)
    #: The pairs of people tied (either way, any measured type, once), by whether the two share a
    #: group: ``pairs``, ``within``, ``across`` and ``without_group`` (one or both have none). The
    #: count every report sentence uses, as Scale does; the E-I index counts arcs.
    pairs: dict[str, int] = dataclasses.field(default_factory=dict)

    @property
    def brokers(self) -> dict[str, str]:
        """The brokers worth marking on a map: the top tenth of brokers across groups
        (:func:`~landscape.passes.brokerage.top_brokers`), each with the role they play most."""
        return {pid: main_role(self.brokerage_participants[pid]) for pid in top_brokers(self.brokerage_participants)}

    def to_dict(self) -> dict[str, Any]:
        return {
            "group_attribute": self.group_attribute,
            "mode": self.mode,
            "groups": list(self.groups),
            "sizes": dict(self.sizes),
            "ungrouped": list(self.ungrouped),
            "memberships": {pid: list(groups) for pid, groups in self.memberships.items()},
            "pairs": dict(self.pairs),
            "ei": {
                # Fewer than MIN_FOR_TESTS people with a group: z is not set beside chance in a finding.
                "too_few": too_few(sum(1 for groups in self.memberships.values() if groups)),
                "variant": GROUP_VARIANT,
                "network": self.ei_network.ei,
                "expected": self.ei_network.expected,
                "range": [self.ei_network.minimum, self.ei_network.maximum],
                "whole": self.ei_network.to_dict(),
                "groups": {g: {**e.to_dict(), "external_out": self.ei_groups_out_in[g][0],
                               "external_in": self.ei_groups_out_in[g][1]} for g, e in self.ei_groups.items()},
                "participants": dict(self.ei_participants),
            },
            "mixing": {"counts": self.counts, "density": self.density, "complete": self.mixing_complete},
            "unbridged": [list(pair) for pair in self.unbridged],
            "unbridged_total": self.unbridged_total,
            "joined_by_membership_only": [list(pair) for pair in self.joined_by_membership_only],
            "resting_on_one": list(self.resting_on_one),
            "brokerage": {
                "group_basis": self.brokerage_group_basis,
                "totals": dict(self.brokerage_totals),
                "expected": dict(self.brokerage_expected),
                "z": dict(self.brokerage_z),
                "participants": dict(self.brokerage_participants),
            },
            "constraint": dict(self.constraint),
            "effective_size": dict(self.effective_size),
            "spanners": list(self.spanners),
            "boundary_objects": list(self.boundary_objects),
            "negative": dict(self.negative),
            "ties": self.ties,
        }


def _number(value: float) -> float | None:
    return None if value is None or not math.isfinite(value) else float(value)


def boundaries(
    landscape: Landscape,
    *,
    group: str | None = None,
    relations: Sequence[str] | None = None,
) -> BoundariesResult:
    """Which boundaries between groups are crossed, by whom, and which nobody crosses.

    Parameters
    ----------
    landscape : Landscape
    group : str, optional
        The participant attribute that marks boundaries; by default the landscape's setting
        (``community``). Any column works: organisation, location, department, office...
    relations : sequence of str, optional
        The ties to measure; by default the learning types (see :func:`~landscape.passes.ties.learning_ties`).

    Returns
    -------
    BoundariesResult
        The mixing matrix (tie counts and block densities between every pair of groups) and the
        pairs nobody crosses; the E-I index for the landscape, each group and each person, beside
        its expected value under random mixing and its feasible range; Gould-Fernandez brokerage
        roles (sna semantics) with expected values and z-scores; Burt's constraint and effective
        size; people who span groups; boundaries that rest on one person; and boundary objects.
        Its findings are :func:`landscape.findings.findings_for` ``("boundaries", result)``.

    Notes
    -----
    Ties are those of the simple graph (self-ties left out, parallel ties collapsed). When every
    tie holds both ways the graph is undirected and ties are counted once; otherwise arcs are
    counted, an undirected tie as two. Block density ``d_gh = e_gh / (n_g n_h - |g and h|)``
    (ordered pairs of two different people; sna's ``blockmodel`` on the sociomatrix). The network
    E-I index is ``(E - I) / (E + I)``; its expectation under random placement of the ``m`` ties
    on the ``T`` dyads is ``(maxE - maxI) / T``, and E is hypergeometric under that null.

    References
    ----------
    Krackhardt, D., & Stern, R. N. (1988). Informal networks and organizational crises.
    *Social Psychology Quarterly*, 51(2), 123-140.
    Gould, R. V., & Fernandez, R. M. (1989). Structures of mediation. *Sociological Methodology*,
    19, 89-126.
    Burt, R. S. (1992). *Structural Holes*. Harvard University Press.
    Star, S. L., & Griesemer, J. R. (1989). Institutional ecology, 'translations' and boundary
    objects. *Social Studies of Science*, 19(3), 387-420.
    Wenger, E. (1998). *Communities of Practice*, ch. 4 "Boundary". Cambridge University Press.

    Examples
    --------
    >>> from landscape import load, sample_path
    >>> result = boundaries(load(sample_path("krackhardt-hightech")), group="department", relations=["advice"])
    >>> round(result.ei_network.ei, 7), result.brokerage_totals["liaison"]
    (0.5157895, 246)
    """
    attribute = group or landscape.settings.grouping_attribute
    ties = learning_ties(landscape, relations)
    grouped = grouping(landscape, attribute, required=group is not None or landscape.settings.group is not None)
    attribute = grouped.attribute
    nodes = ties.nodes
    memberships = {node: grouped.memberships[node] for node in nodes}
    membership, groups = membership_matrix(ties, memberships)
    column = {g: i for i, g in enumerate(groups)}
    undirected = is_symmetric(ties)
    mode: Literal["directed", "undirected"] = "undirected" if undirected else "directed"
    adjacency = ties.adjacency().astype(float)
    sizes = np.asarray(membership.sum(axis=0)).reshape(-1)
    # Mixing: e_gh = arcs from a member of g to a member of h; undirected ties halve the diagonal.
    block_sparse = (membership.T @ adjacency @ membership).tocsr()
    overlap_sparse = (membership.T @ membership).tocsr()
    complete = len(groups) <= FULL_MIXING_UP_TO
    if complete:
        block, overlap = block_sparse.toarray(), overlap_sparse.toarray()
        counts, densities, unbridged, membership_only, unbridged_total = _mixing(groups, sizes, block, overlap,
                                                                                 undirected)
    else:
        block, overlap = block_sparse, overlap_sparse
        counts, densities, unbridged, membership_only, unbridged_total = _mixing_sparse(
            groups, sizes, block_sparse, overlap_sparse, undirected)

    labelled = np.asarray(membership.sum(axis=1)).reshape(-1) > 0
    ei_groups, out_in = _group_ei(groups, sizes, adjacency, membership, block_sparse, labelled, undirected)
    first = {node: (memberships[node][0] if memberships[node] else ("\0none", node)) for node in nodes}
    broker = brokerage_roles(ties, first)
    brokerage_people = {str(node): dict(zip(ROLES, counts[:5])) | {"total": counts[5]}
                        for node, counts in zip(nodes, broker.raw.astype(np.int64).tolist())}
    holes = structural_holes(ties)
    return BoundariesResult(
        group_attribute=attribute, mode=mode, groups=groups,
        sizes={g: int(sizes[i]) for i, g in enumerate(groups)},
        ungrouped=tuple(str(node) for node in nodes if not memberships[node]),
        ei_network=network_ei(ties, memberships, undirected=undirected), ei_groups=ei_groups,
        ei_groups_out_in=out_in, ei_participants=_individual_ei(ties, membership, labelled),
        counts=counts, density=densities, mixing_complete=complete, unbridged=tuple(unbridged),
        unbridged_total=unbridged_total, joined_by_membership_only=tuple(membership_only),
        resting_on_one=tuple(_resting_on_one(ties, membership, groups)), brokerage_participants=brokerage_people,
        brokerage_totals={role: int(broker.totals[r]) for r, role in enumerate(ROLES)} | {"total": int(broker.totals[5])},
        brokerage_expected={role: float(broker.expected_totals[r]) for r, role in enumerate(ROLES)}
        | {"total": float(broker.expected_totals[5])},
        brokerage_z={role: _number(broker.z_totals[r]) for r, role in enumerate(ROLES)} | {"total": _number(broker.z_totals[5])},
        brokerage_group_basis="the first group listed for each person; people without a group are each a group of "
                              "their own",
        constraint={str(node): _number(value) for node, value in zip(nodes, holes.constraint.tolist())},
        effective_size={str(node): _number(value) for node, value in zip(nodes, holes.effective_size.tolist())},
        spanners=tuple(_spanners(ties, memberships, membership, groups, brokerage_people)),
        boundary_objects=tuple(_boundary_objects(landscape, ties, memberships, block, overlap, column)),
        ties=ties.to_dict(), memberships={str(node): groups for node, groups in memberships.items()},
        names={str(node): str(name) for node, name in landscape.graph.nodes(data="name")},
        negative=_negative(landscape, memberships), pairs=pair_counts(ties, memberships),
    )


def _negative(landscape: Landscape, memberships: dict[Hashable, tuple[str, ...]]) -> dict[str, Any]:
    """Where negative ties sit: within a group (both ends share one) or across a boundary, by pair of groups."""
    types = landscape.relations_of_kind("negative")
    frame = landscape.relationships
    rows = frame[frame["type"].isin(types)] if types else frame.iloc[0:0]
    within = across = 0
    pairs: Counter[tuple[str, str]] = Counter()
    for source, target in zip(rows["source"].tolist(), rows["target"].tolist()):
        a, b = set(memberships.get(source, ())), set(memberships.get(target, ()))
        if source == target or not a or not b:
            continue
        if a & b:
            within += 1
            continue
        across += 1
        pairs.update({tuple(sorted((g, h), key=str.casefold)) for g in a for h in b})
    ranked = sorted(pairs.items(), key=lambda item: (-item[1], item[0][0].casefold(), item[0][1].casefold()))
    return {"types": list(types), "ties": int(len(rows)), "within": within, "across": across,
            "pairs": [[g, h, count] for (g, h), count in ranked]}


def _group_ei(groups: list[str], sizes: np.ndarray, adjacency: csr_array, membership: csr_array,
              block_sparse: csr_array, labelled: np.ndarray,
              undirected: bool) -> tuple[dict[str, EIIndex], dict[str, tuple[int, int]]]:
    """Each group's E-I index, and its external ties out and in (the same when undirected).

    Group E-I counts ties between people who have a group, as the whole-network index does."""
    people_with_group = int(labelled.sum())
    keep = diags_array(labelled.astype(float))
    among_grouped = keep @ adjacency @ keep
    within = block_sparse.diagonal()
    out_all = np.asarray(membership.T @ among_grouped.sum(axis=1)).reshape(-1)
    in_all = np.asarray(among_grouped.sum(axis=0) @ membership).reshape(-1)
    ei_groups, out_in = {}, {}
    for i, g in enumerate(groups):
        size = sizes[i]
        if undirected:
            inside = within[i] / 2
            outward = out_all[i] - within[i]
            ei_groups[g] = ei_index(int(round(inside)), int(round(outward)), size * (size - 1) / 2,
                                    size * (people_with_group - size))
            out_in[g] = (int(round(outward)), int(round(outward)))
        else:
            outward, inward = out_all[i] - within[i], in_all[i] - within[i]
            ei_groups[g] = ei_index(int(round(within[i])), int(round(outward + inward)), size * (size - 1),
                                    2 * size * (people_with_group - size))
            out_in[g] = (int(round(outward)), int(round(inward)))
    return ei_groups, out_in


#: Up to this many groups the mixing matrix is given whole (counts and densities of every pair)
#: and every pair of groups with no tie is listed. Above it (communities of a large landscape)
#: the matrices are kept sparse: counts and densities only where there are ties, and the pairs
#: with no tie are counted, and listed among the LARGEST_GROUPS_LISTED largest groups.
FULL_MIXING_UP_TO = 100
LARGEST_GROUPS_LISTED = 30


def _mixing(groups: list[str], sizes: np.ndarray, block: np.ndarray, overlap: np.ndarray,
            undirected: bool) -> tuple[dict, dict, list, list, int]:
    possible = np.outer(sizes, sizes) - overlap
    with np.errstate(invalid="ignore", divide="ignore"):
        density = np.where(possible > 0, block / possible, np.nan)
    shown = block.copy()
    if undirected:
        np.fill_diagonal(shown, np.diag(shown) / 2)
    counts = {g: {h: int(round(shown[i, j])) for j, h in enumerate(groups)} for i, g in enumerate(groups)}
    densities = {g: {h: _number(density[i, j]) for j, h in enumerate(groups)} for i, g in enumerate(groups)}
    unbridged, membership_only = [], []
    for i, g in enumerate(groups):
        for j in range(i + 1, len(groups)):
            if block[i, j] + block[j, i] == 0:
                (membership_only if overlap[i, j] else unbridged).append((g, groups[j]))
    return counts, densities, unbridged, membership_only, len(unbridged)


def _mixing_sparse(groups: list[str], sizes: np.ndarray, block: Any, overlap: Any,
                   undirected: bool) -> tuple[dict, dict, list, list, int]:
    """The mixing of many groups without a groups x groups array: see FULL_MIXING_UP_TO."""
    from scipy.sparse import triu

    coo = block.tocoo()
    present = coo.data != 0
    rows, cols, values = coo.row[present].astype(np.int64), coo.col[present].astype(np.int64), coo.data[present]
    shown = np.where(undirected & (rows == cols), values / 2, values)
    possible = sizes[rows] * sizes[cols] - sparse_entries(overlap, rows, cols)
    with np.errstate(invalid="ignore", divide="ignore"):
        density = values / possible
    counts: dict[str, dict[str, int]] = {}
    densities: dict[str, dict[str, float | None]] = {}
    # Filled in the order of the block's entries, as the JSON lists them.
    for i, j, count, value, positive in zip(rows.tolist(), cols.tolist(), np.rint(shown).astype(np.int64).tolist(),
                                             density.tolist(), (possible > 0).tolist()):
        counts.setdefault(groups[i], {})[groups[j]] = count
        densities.setdefault(groups[i], {})[groups[j]] = (value if math.isfinite(value) else None) if positive else None
    tied = ((block + block.T) > 0).astype(np.int8)
    shared = (overlap > 0).astype(np.int8)
    g = len(groups)
    tied_pairs = int(triu(tied, k=1).nnz)
    shared_untied = triu(shared - shared.multiply(tied), k=1).tocoo()
    membership_only = [(groups[i], groups[j]) for i, j, v in zip(shared_untied.row, shared_untied.col, shared_untied.data)
                       if v > 0]
    unbridged_total = g * (g - 1) // 2 - tied_pairs - len(membership_only)
    largest = sorted(np.argsort(-sizes, kind="stable")[:LARGEST_GROUPS_LISTED].tolist())
    sub_tied = tied[largest][:, largest].toarray()
    sub_shared = shared[largest][:, largest].toarray()
    unbridged = [(groups[a], groups[b]) for x, a in enumerate(largest) for y, b in enumerate(largest)
                 if x < y and not sub_tied[x, y] and not sub_shared[x, y]]
    return counts, densities, unbridged, membership_only, unbridged_total


def _individual_ei(ties: TieSelection, membership: csr_array, labelled: np.ndarray) -> dict[str, float | None]:
    """Each person's E-I over their alters (in either direction, each once), alters without a
    group left out; None for people without a group or without such alters."""
    adjacency = ties.adjacency()
    both = ((adjacency + adjacency.T) > 0).tocoo()
    rows, cols = both.row, both.col
    keep = labelled[rows] & labelled[cols]
    rows, cols = rows[keep], cols[keep]
    shared = np.asarray(membership[rows].multiply(membership[cols]).sum(axis=1)).reshape(-1) > 0 \
        if len(rows) else np.zeros(0, dtype=bool)
    n = len(ties.nodes)
    internal = np.bincount(rows[shared], minlength=n)
    external = np.bincount(rows[~shared], minlength=n)
    result = {}
    for node, inside, outside, grouped in zip(ties.nodes, internal.tolist(), external.tolist(), labelled.tolist()):
        m = inside + outside
        result[str(node)] = (outside - inside) / m if grouped and m else None
    return result


def _spanners(ties: TieSelection, memberships: dict[Hashable, tuple[str, ...]], membership: csr_array,
              groups: tuple[str, ...], brokerage: dict[str, dict[str, int]]) -> list[dict[str, Any]]:
    """People in several groups, or tied into two or more groups besides their own.

    ``membership`` is :func:`~landscape.passes.ei.membership_matrix`'s: its columns are ``groups``
    in case-folded order, the order the groups reached are listed in."""
    indptr, indices = ties.neighbours
    nodes = ties.nodes
    n, width = len(nodes), max(len(groups), 1)
    pointer, member = membership.indptr, membership.indices.astype(np.int64)
    # (person, a group of one of their neighbours), each once, by person then group; less their own.
    positions, pair = expand(pointer, indices)
    codes = sorted_unique(np.repeat(np.arange(n), np.diff(indptr))[pair] * width + member[positions])
    own = np.repeat(np.arange(n), np.diff(pointer)) * width + member
    codes = codes[~np.isin(codes, own)]
    reached_by = np.bincount(codes // width, minlength=n)
    starts = np.concatenate(([0], np.cumsum(reached_by))).tolist()
    reached_names = np.array(groups, dtype=object)[codes % width].tolist()
    several = np.diff(pointer) > 1
    found = []
    for position in np.flatnonzero(several | (reached_by >= 2)).tolist():
        node = nodes[position]
        person = brokerage[str(node)]
        found.append({
            "id": str(node),
            "groups": list(memberships[node]),
            "groups_reached": reached_names[starts[position]:starts[position + 1]],
            "multi_member": bool(several[position]),
            "brokerage": person["total"] - person["coordinator"],
        })
    return found


def _resting_on_one(ties: TieSelection, membership: csr_array, groups: tuple[str, ...]) -> list[dict[str, Any]]:
    """Boundaries (pairs of groups) every tie across which involves one and the same person.

    A tie (a pair of people, once) crosses the boundary between each group of one end and each
    other group of the other end; a person on every tie across a boundary carries it alone.
    ``membership`` is :func:`~landscape.passes.ei.membership_matrix`'s (columns ``groups``, in
    case-folded order). A boundary is named by its two groups, the one that case-folds first
    first, and listed in the order of those names (as Python sorts text); its people and the ends
    of its ties are sorted by id.
    """
    nodes = ties.nodes
    names = [str(node) for node in nodes]
    rank = text_ranks(names)
    sources, targets = ties.arcs
    # A pair tied both ways is one connection here: its arc from the lower id.
    keep = ~(ties.reciprocated & (rank[targets] < rank[sources]))
    u, v = sources[keep], targets[keep]
    pointer, member = membership.indptr.astype(np.int64), membership.indices.astype(np.int64)
    # Every (group of u, group of v) of every tie.
    count = np.diff(pointer)
    combinations = count[u] * count[v]
    tie = np.repeat(np.arange(len(u)), combinations)
    offset = np.arange(int(combinations.sum())) - np.repeat(np.cumsum(combinations) - combinations, combinations)
    g = member[pointer[u][tie] + offset // count[v][tie]]
    h = member[pointer[v][tie] + offset % count[v][tie]]
    different = g != h
    tie, g, h = tie[different], g[different], h[different]
    if not len(tie):
        return []
    folded = text_ranks([group.casefold() for group in groups])
    swap = folded[g] > folded[h]  # on equal case-folds, as met: (group of u, group of v)
    boundary_codes, boundary = np.unique(np.where(swap, h, g) * len(groups) + np.where(swap, g, h),
                                         return_inverse=True)
    # One row per boundary and tie, by boundary: two people who share two groups tie across
    # {g, h} from both ends, and that is one tie.
    rows = sorted_unique(boundary * len(u) + tie)
    boundary, tie = rows // len(u), rows % len(u)
    ties_here = np.bincount(boundary, minlength=len(boundary_codes))
    # A person carries a boundary when their (boundary, person) is met once on each of its ties.
    people, met = np.unique(np.concatenate((boundary * len(nodes) + u[tie], boundary * len(nodes) + v[tie])),
                            return_counts=True)
    carrier = people[met == ties_here[people // len(nodes)]]
    carried = np.zeros(len(boundary_codes), dtype=bool)
    carried[carrier // len(nodes)] = True
    first, second = (boundary_codes // len(groups)).tolist(), (boundary_codes % len(groups)).tolist()
    group_rank = text_ranks(list(groups))
    listed = np.flatnonzero(carried)
    listed = listed[np.lexsort((group_rank[boundary_codes[listed] % len(groups)],
                                group_rank[boundary_codes[listed] // len(groups)]))]
    carrier = carrier[np.lexsort((rank[carrier % len(nodes)], carrier // len(nodes)))]
    carrier_start = np.searchsorted(carrier // len(nodes), np.arange(len(boundary_codes) + 1)).tolist()
    carrier_names = [names[p] for p in (carrier % len(nodes)).tolist()]
    # The ends of each listed boundary's ties (the lower id first), sorted, each pair once.
    chosen = carried[boundary]
    end_boundary, a, b = boundary[chosen], u[tie[chosen]], v[tie[chosen]]
    low, high = np.where(rank[a] <= rank[b], a, b), np.where(rank[a] <= rank[b], b, a)
    order = np.lexsort((rank[high], rank[low], end_boundary))
    end_boundary, low, high = end_boundary[order], low[order], high[order]
    again = np.zeros(len(order), dtype=bool)
    again[1:] = ((end_boundary[1:] == end_boundary[:-1]) & (rank[low[1:]] == rank[low[:-1]])
                 & (rank[high[1:]] == rank[high[:-1]]))
    end_boundary, low, high = end_boundary[~again], low[~again], high[~again]
    end_start = np.searchsorted(end_boundary, np.arange(len(boundary_codes) + 1)).tolist()
    ends = [[names[x], names[y]] for x, y in zip(low.tolist(), high.tolist())]
    ties_here = ties_here.tolist()
    return [{"groups": [groups[first[i]], groups[second[i]]], "ties": ties_here[i],
             "people": carrier_names[carrier_start[i]:carrier_start[i + 1]],
             "pairs": ends[end_start[i]:end_start[i + 1]]} for i in listed.tolist()]


def _boundary_objects(landscape: Landscape, ties: TieSelection, memberships: dict[Hashable, tuple[str, ...]],
                      block: np.ndarray, overlap: np.ndarray, column: dict[str, int]) -> list[dict[str, Any]]:
    frame = landscape.relationships
    if "boundary_object" not in frame or not len(frame):
        return []
    rows = frame[frame["type"].isin(ties.relations) & frame["boundary_object"].notna()]
    objects = []
    for name, used in rows.groupby("boundary_object", sort=True):
        users = list(dict.fromkeys([*used["source"].tolist(), *used["target"].tolist()]))
        shares: dict[str, Fraction] = defaultdict(Fraction)  # exact, so that row order cannot change a digit
        for person in users:
            groups = memberships.get(person, ())
            for g in groups:
                shares[g] += Fraction(1, len(groups))
        reached = sorted(shares, key=str.casefold)
        crossing = sum(1 for s, t in zip(used["source"].tolist(), used["target"].tolist())
                       if s != t and not set(memberships.get(s, ())) & set(memberships.get(t, ())))
        total = sum(shares.values(), Fraction(0))
        blau = float(1 - sum(((value / total) ** 2 for value in shares.values()), Fraction(0))) if total else None
        substitutes = [[g, h] for i, g in enumerate(reached) for h in reached[i + 1:]
                       if block[column[g], column[h]] + block[column[h], column[g]] == 0 and not overlap[column[g], column[h]]]
        objects.append({
            "object": str(name), "ties": int(len(used)), "crossing_ties": crossing, "users": len(users),
            "people": sorted(str(person) for person in users),
            "groups": reached, "reach": len(reached), "blau": blau, "substitutes": substitutes,
        })
    objects.sort(key=lambda item: (-item["reach"], -item["ties"], item["object"]))
    return objects


register_pass("boundaries", boundaries,
              description="How can boundaries become learning assets? Crossings, brokers and boundary objects.",
              settings=("group", "relations"))
