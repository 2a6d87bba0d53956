"""Graph files in and out: GraphML, GEXF (Gephi), node-link JSON, Kumu's workbook, CSV folders.

Writers take a landscape's graph (participants as nodes, relationships as edges) and its extra
tables; readers turn a graph file back into the same two raw tables a spreadsheet gives, so that
what comes back goes through the same validation. Values that are lists (communities, tags) are
written joined with ``;``, the separator the contract reads back.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from landscape.errors import OutputNotWritable, UnreadableFile
from landscape.io.raw import FORMULA_START, RawTable, Sources

__all__ = [
    "GRAPH_SUFFIXES",
    "flat_graph",
    "read_graph_file",
    "write_csv_folder",
    "write_gexf",
    "write_graphml",
    "write_kumu",
    "write_node_link",
]

#: Suffixes of graph files landscape reads and writes.
GRAPH_SUFFIXES = (".graphml", ".gexf", ".json")


def _flat(value: Any) -> Any:
    if isinstance(value, (tuple, list)):
        return ";".join(str(item) for item in value)
    return value


#: Attribute names the graph formats (or networkx's writers and readers of them) keep for their
#: own use: a participant or tie column of that name is written as ``landscape:<name>`` and read
#: back under its own name, so that it is neither lost nor taken for the format's own field.
RESERVED_PREFIX = "landscape:"
_RESERVED_NODE = frozenset({"id", "label", "viz", "pid", "start", "end"})
_RESERVED_EDGE = frozenset({"id", "key", "label", "relation", "viz", "start", "end", "source", "target"})


def _unified(items: list[dict[str, Any]]) -> None:
    """Give every numeric attribute one type: GraphML and GEXF declare an attribute's type once,
    from its first value, so whole numbers beside decimals are all written as decimals."""
    decimals = {key for data in items for key, value in data.items() if isinstance(value, float)}
    for data in items:
        for key in decimals & data.keys():
            value = data[key]
            if isinstance(value, int) and not isinstance(value, bool):
                data[key] = float(value)


def flat_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy for the graph formats: list values (communities, tags) joined by ``;``, reserved
    attribute names prefixed (see :data:`RESERVED_PREFIX`), numeric attributes of one type."""
    def renamed(data: dict[str, Any], reserved: frozenset[str]) -> dict[str, Any]:
        return {(RESERVED_PREFIX + k if k in reserved else k): _flat(v) for k, v in data.items()}

    nodes = [(node, renamed(data, _RESERVED_NODE)) for node, data in graph.nodes(data=True)]
    edges = [(u, v, key, renamed(data, _RESERVED_EDGE)) for u, v, key, data in graph.edges(keys=True, data=True)]
    _unified([data for _, data in nodes])
    _unified([data for *_, data in edges])
    flat = nx.MultiDiGraph(**{k: v for k, v in graph.graph.items() if isinstance(v, (str, int, float))})
    flat.add_nodes_from(nodes)
    flat.add_edges_from(edges)
    return flat


def _own_name(key: str) -> str:
    return key[len(RESERVED_PREFIX):] if key.startswith(RESERVED_PREFIX) else key


def _writable(path: Path) -> Path:
    if not path.parent.is_dir():
        raise OutputNotWritable(f"{path.parent}: no such folder; create it first")
    return path


def write_graphml(graph: nx.MultiDiGraph, path: Path) -> Path:
    """GraphML, for yEd, Cytoscape, Gephi and networkx."""
    try:
        nx.write_graphml(flat_graph(graph), _writable(path), named_key_ids=True)
    except OSError as exc:
        raise OutputNotWritable(f"{path}: cannot be written ({exc.strerror or exc})") from None
    return path


def write_gexf(graph: nx.MultiDiGraph, path: Path) -> Path:
    """GEXF, Gephi's own format. GEXF keeps ``type`` for an edge's direction, so the relationship
    type is written as ``relation`` (which landscape reads back as the type)."""
    flat = flat_graph(graph)
    for _, _, data in flat.edges(data=True):
        if "type" in data:
            data["relation"] = data.pop("type")
    try:
        nx.write_gexf(flat, _writable(path))
    except OSError as exc:
        raise OutputNotWritable(f"{path}: cannot be written ({exc.strerror or exc})") from None
    return path


def write_node_link(graph: nx.MultiDiGraph, path: Path) -> Path:
    """Node-link JSON, as D3 and Cytoscape.js read it (``nodes`` and ``edges``)."""
    data = nx.node_link_data(flat_graph(graph), edges="edges")
    try:
        _writable(path).write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    except OSError as exc:
        raise OutputNotWritable(f"{path}: cannot be written ({exc.strerror or exc})") from None
    return path


def _participant_rows(graph: nx.MultiDiGraph) -> tuple[list[str], list[list[Any]]]:
    names: dict[str, None] = {}
    for _, data in graph.nodes(data=True):
        names.update(dict.fromkeys(data))
    header = ["id", *names]
    rows = [[node, *[_flat(data.get(name)) for name in names]] for node, data in graph.nodes(data=True)]
    return header, rows


def _relationship_rows(graph: nx.MultiDiGraph) -> tuple[list[str], list[list[Any]]]:
    names: dict[str, None] = {}
    for _, _, data in graph.edges(data=True):
        names.update(dict.fromkeys(data))
    header = ["source", "target", *names]
    rows = [[u, v, *[_flat(data.get(name)) for name in names]] for u, v, data in graph.edges(data=True)]
    return header, rows


def write_csv_folder(graph: nx.MultiDiGraph, folder: Path, extra: Mapping[str, Iterable[Iterable[Any]]] = {}) -> Path:
    """participants.csv and relationships.csv (and any ``extra`` tables) in our own layout."""
    if folder.exists() and not folder.is_dir():
        raise OutputNotWritable(f"{folder}: is a file; give a folder for the CSV files")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tables = {"participants": _participant_rows(graph), "relationships": _relationship_rows(graph)}
        for name, (header, rows) in tables.items():
            _write_csv(folder / f"{name}.csv", [header, *rows])
        for name, rows in extra.items():
            _write_csv(folder / f"{name}.csv", rows)
    except OSError as exc:
        raise OutputNotWritable(f"{folder}: cannot be written ({exc.strerror or exc})") from None
    return folder


def _write_csv(path: Path, rows: Iterable[Iterable[Any]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerows([["" if cell is None else csv_text(cell) for cell in row] for row in rows])


def csv_text(value: Any) -> Any:
    """A CSV cell that a spreadsheet opens as text, never as a formula (CSV injection).

    Text that starts like a formula gets a leading apostrophe, the mark spreadsheets take for
    "this is text"; text that already starts with apostrophes before such a character gets one
    more, so that :func:`landscape.io.readers.read_csv` (which takes one off) gives back exactly
    what was written.

    >>> csv_text("=SUM(A1)"), csv_text("'=1"), csv_text("'quoted"), csv_text(-1)
    ("'=SUM(A1)", "''=1", "'quoted", -1)
    """
    if isinstance(value, str) and value.lstrip("'").startswith(FORMULA_START) and value[:1] in ("'", *FORMULA_START):
        return "'" + value
    return value


def text_cell(sheet: Any, value: Any) -> Any:
    """A cell for openpyxl that stays what it is: text that starts like a formula (``=``, ``+``,
    ``-``, ``@``, tab, carriage return) is stored as text, never run as a formula by Excel or
    LibreOffice."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def write_kumu(graph: nx.MultiDiGraph, path: Path) -> Path:
    """A workbook in Kumu's layout: Elements (ID, Label, ...) and Connections (From, To, Type,
    Direction, ...), so that the map can be continued in Kumu; lists joined with ``|`` as Kumu writes them."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    header, rows = _participant_rows(graph)
    elements = book.create_sheet("Elements")
    names = header[1:]
    kumu_names = ["Label" if name == "name" else name for name in names]
    elements.append(["ID", *kumu_names])
    for node, data in graph.nodes(data=True):
        values = [_kumu_value(data.get(name)) for name in names]
        elements.append([text_cell(elements, value) for value in (node, *values)])
    header, _ = _relationship_rows(graph)
    names = header[2:]
    renamed = {"type": "Type", "direction": "Direction", "weight": "Weight"}
    connections = book.create_sheet("Connections")
    connections.append(["From", "To", *[renamed.get(name, name) for name in names]])
    for u, v, data in graph.edges(data=True):
        connections.append([text_cell(connections, value) for value in (u, v, *[_kumu_value(data.get(n)) for n in names])])
    try:
        book.save(_writable(path))
    except OSError as exc:
        raise OutputNotWritable(f"{path}: cannot be written ({exc.strerror or exc})") from None
    return path


def _kumu_value(value: Any) -> Any:
    if isinstance(value, (tuple, list)):
        return " | ".join(str(item) for item in value)
    return value


def read_graph_file(path: Path) -> Sources:
    """The participants and relationships of a GraphML, GEXF or node-link JSON file, as raw tables."""
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        if suffix == ".graphml":
            graph = nx.read_graphml(path, force_multigraph=True)
        elif suffix == ".gexf":
            graph = nx.read_gexf(path)
        elif suffix == ".json":
            data = json.loads(path.read_text("utf-8"))
            if not isinstance(data, dict) or "nodes" not in data:
                raise ValueError("expected an object with 'nodes' and 'edges' (or 'links')")
            graph = nx.node_link_graph(data, edges="edges" if "edges" in data else "links", multigraph=True)
        else:
            raise UnreadableFile(f"{path}: not a graph file landscape reads ({', '.join(GRAPH_SUFFIXES)})")
    except UnreadableFile:
        raise
    except FileNotFoundError:
        raise UnreadableFile(f"{path}: no such file") from None
    except Exception as exc:  # noqa: BLE001 - parsers raise many kinds; one clear message here
        raise UnreadableFile(f"{path}: the file cannot be read as {suffix[1:]} ({type(exc).__name__}: {exc})") from None
    if not graph.is_multigraph():
        graph = nx.MultiDiGraph(graph)
    if suffix == ".gexf":  # GEXF keeps "type" for direction: landscape writes the relationship type as "relation"
        for _, _, data in graph.edges(data=True):
            if "relation" in data and "type" not in data:
                data["type"] = data.pop("relation")
    nodes: dict[str, None] = {}
    for _, data in graph.nodes(data=True):
        nodes.update(dict.fromkeys(key for key in data if key not in ("id", "label")))
    has_label = any("label" in data for _, data in graph.nodes(data=True)) and "name" not in nodes
    header = ["id", *(["name"] if has_label else []), *map(_own_name, nodes)]
    participants = [
        tuple([str(node), *([data.get("label")] if has_label else []), *[data.get(name) for name in nodes]])
        for node, data in graph.nodes(data=True)
    ]
    edges: dict[str, None] = {}
    for _, _, data in graph.edges(data=True):
        edges.update(dict.fromkeys(key for key in data if key not in ("id", "key", "source", "target")))
    relationships = [
        tuple([str(u), str(v), *[data.get(name) for name in edges]]) for u, v, data in graph.edges(data=True)
    ]
    edges = dict.fromkeys(map(_own_name, edges))
    if not graph.is_directed():
        header_rel = ["source", "target", *edges, "direction"] if "direction" not in edges else ["source", "target", *edges]
        if "direction" not in edges:
            relationships = [(*row, "undirected") for row in relationships]
    else:
        header_rel = ["source", "target", *edges]
    return Sources(
        origin=path,
        tables={
            "nodes": RawTable(file=path, sheet="nodes", header=tuple(header), rows=participants),
            "edges": RawTable(file=path, sheet="edges", header=tuple(header_rel), rows=relationships),
        },
    )
