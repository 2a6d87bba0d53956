"""Graph files in and out: GraphML, GEXF (Gephi), node-link JSON, Kumu's workbook, CSV folders.

Writers take a landscape's graph (participants as nodes, relationships as edges) and its extra
tables; readers turn a graph file back into the same two raw tables a spreadsheet gives, so that
what comes back goes through the same validation. Values that are lists (communities, tags) are
written joined with ``;``, the separator the contract reads back.
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any


from landscape.errors import OutputNotWritable, UnreadableFile
from landscape.io.raw import FORMULA_START, GRAPH_SUFFIXES, RawTable, Sources

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

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
    import networkx as nx

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
    import networkx as nx

    try:
        nx.write_graphml(flat_graph(graph), _writable(path), named_key_ids=True)
    except OSError as exc:
        raise OutputNotWritable(f"{path}: cannot be written ({exc.strerror or exc})") from None
    return path


def write_gexf(graph: nx.MultiDiGraph, path: Path) -> Path:
    """GEXF, Gephi's own format. GEXF keeps ``type`` for an edge's direction, so the relationship
    type is written as ``relation`` (which landscape reads back as the type)."""
    import networkx as nx

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
    import networkx as nx

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
    """The participants and relationships of a GraphML, GEXF or node-link JSON file, as raw tables.

    Only the nodes the file declares are participants, one row each: an edge to a node the file
    does not declare keeps that id, and validation reports it (``unknown-participant``) as it does
    for a spreadsheet, where networkx's readers would create the node unsaid; a node declared twice
    is two rows (``duplicate-id``).

    Raises
    ------
    UnreadableFile
        The file cannot be read: not well-formed XML or JSON, not a graph, nodes or edges without
        ids, XML declaring entities, JSON nested too deeply or holding numbers of thousands of digits.
    """
    from landscape.io.readers import check_path

    path = Path(path)
    check_path(path)
    suffix = path.suffix.lower()
    if suffix == ".json":
        nodes, edges, directed = _node_link(path)
    elif suffix in (".graphml", ".gexf"):
        nodes, edges, directed = _xml_graph(path, suffix)
    else:
        raise UnreadableFile(f"{path}: not a graph file landscape reads ({', '.join(GRAPH_SUFFIXES)})")
    return _graph_tables(path, nodes, edges, directed)


Items = tuple[list[tuple[Any, dict[str, Any]]], list[tuple[Any, Any, dict[str, Any]]], bool]


def _graph_tables(path: Path, nodes: list[tuple[Any, dict[str, Any]]], links: list[tuple[Any, Any, dict[str, Any]]],
                  directed: bool) -> Sources:
    names: dict[str, None] = {}
    for _, data in nodes:
        names.update(dict.fromkeys(key for key in data if key not in ("id", "label")))
    has_label = any("label" in data for _, data in nodes) and "name" not in names
    header = ["id", *(["name"] if has_label else []), *map(_own_name, names)]
    participants = [
        tuple([node, *([data.get("label")] if has_label else []), *[data.get(name) for name in names]])
        for node, data in nodes
    ]
    edges: dict[str, None] = {}
    for _, _, data in links:
        edges.update(dict.fromkeys(key for key in data if key not in ("id", "key", "source", "target")))
    relationships = [tuple([u, v, *[data.get(name) for name in edges]]) for u, v, data in links]
    edges = dict.fromkeys(map(_own_name, edges))
    header_rel = ["source", "target", *edges]
    if not directed and "direction" not in edges:
        header_rel.append("direction")
        relationships = [(*row, "undirected") for row in relationships]
    # Cells as a spreadsheet's are cleaned: control characters out (warned), half a surrogate pair
    # (valid JSON, no character at all) as U+FFFD, which every file landscape writes can hold.
    from landscape.io.readers import _clean_row

    cleaned: dict[str, tuple[list[tuple[Any, ...]], list[Any]]] = {}
    for name, rows in (("nodes", participants), ("edges", relationships)):
        notes: list[Any] = []
        cleaned[name] = ([_clean_row((_whole(cell) for cell in row), number, notes)
                          for number, row in enumerate(rows, start=2)], notes)
    return Sources(
        origin=path,
        tables={
            "nodes": RawTable(file=path, sheet="nodes", header=tuple(header), rows=cleaned["nodes"][0],
                              notes=tuple(cleaned["nodes"][1])),
            "edges": RawTable(file=path, sheet="edges", header=tuple(header_rel), rows=cleaned["edges"][0],
                              notes=tuple(cleaned["edges"][1])),
        },
    )


def _whole(cell: Any) -> Any:
    r"""Text with lone surrogates (which no UTF-8 file can hold) as U+FFFD; anything else as it is.

    >>> _whole("P\ud800") == "P\ufffd", _whole(3)
    (True, 3)
    """
    if isinstance(cell, str):
        return "".join("\ufffd" if "\ud800" <= char <= "\udfff" else char for char in cell) if any(
            "\ud800" <= char <= "\udfff" for char in cell) else cell
    return cell


def _xml_graph(path: Path, suffix: str) -> Items:
    import networkx as nx

    declared = _declared_nodes(path)
    try:
        graph = nx.read_graphml(path, force_multigraph=True) if suffix == ".graphml" else nx.read_gexf(path)
    except Exception as exc:  # noqa: BLE001 - parsers raise many kinds; one clear message here
        raise UnreadableFile(f"{path}: the file cannot be read as {suffix[1:]} ({type(exc).__name__}: {exc}). Export "
                             "it again from the program that wrote it, or give the tables as a workbook or CSV files.") \
            from None
    links = [(u, v, data) for u, v, data in graph.edges(data=True)]
    if suffix == ".gexf":  # GEXF keeps "type" for direction: landscape writes the relationship type as "relation"
        for _, _, data in links:
            if "relation" in data and "type" not in data:
                data["type"] = data.pop("relation")
    return [(node, graph.nodes[node]) for node in declared if node in graph], links, graph.is_directed()


def _declared_nodes(path: Path) -> list[str]:
    """The ids of the ``<node>`` elements, in order (a repeated id as often as it is declared),
    read with defusedxml: a document type declaration or an entity is refused before networkx
    (whose parser would expand them) reads the file."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import iterparse

    found = []
    try:
        for _, element in iterparse(str(path)):
            tag = element.tag.rsplit("}", 1)[-1]
            if tag == "node" and element.get("id") is not None:
                found.append(element.get("id"))
            if tag in ("node", "edge"):  # read: let go of their contents, as the file may be large
                element.clear()
    except DefusedXmlException as exc:
        raise UnreadableFile(f"{path}: refused: the file's XML declares its own entities ({type(exc).__name__}). "
                             "Gephi, yEd, Cytoscape and networkx never write these; they are how 'billion laughs' "
                             "files exhaust memory. Export the graph again from the program that made it.") from None
    except Exception as exc:  # noqa: BLE001 - ParseError and the like: not well-formed XML
        raise UnreadableFile(f"{path}: the file cannot be read as {path.suffix.lower()[1:]} ({type(exc).__name__}: "
                             f"{exc}); it may have been cut short. Export it again from the program that wrote it.") \
            from None
    return found


#: Digits a number in a node-link file may have: no graph holds more (Python refuses beyond 4,300).
JSON_DIGITS = 400
_SCALARS = (str, int, float, bool)


def _json_int(text: str) -> int:
    if len(text) > JSON_DIGITS:
        raise ValueError(f"the file holds a number of {len(text.lstrip('-')):,} digits, which no graph holds")
    return int(text)


def _load_json(path: Path) -> Any:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableFile(f"{path}: the file is not UTF-8 text (byte 0x{data[exc.start]:02X} at byte {exc.start:,}), "
                             "as JSON must be. Export or save it again as UTF-8.") from None
    try:
        return json.loads(text, parse_int=_json_int)
    except RecursionError:
        raise UnreadableFile(f"{path}: refused: the JSON nests lists or objects too deeply to be read (deeper than "
                             "about a thousand levels; a node-link graph needs three or four). Export the graph again "
                             "as node-link JSON.") from None
    except json.JSONDecodeError as exc:
        raise UnreadableFile(f"{path}, line {exc.lineno}, column {exc.colno}: the file is not valid JSON ({exc.msg}); "
                             "it may have been cut short. Export or save it again.") from None
    except ValueError as exc:  # _json_int's refusal
        raise UnreadableFile(f"{path}: refused: {exc}. Export the graph again as node-link JSON.") from None


def _kind(value: Any) -> str:
    kinds = {dict: "an object", list: "a list", str: "text", bool: "true or false", type(None): "null"}
    return kinds.get(type(value), "a number")


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


def _node_id(path: Path, what: str, item: Any, key: str) -> str:
    """A node's id (or an edge's end) as text, as a spreadsheet cell would read; refused unless it
    is text or a finite number."""
    if not isinstance(item, dict):
        raise UnreadableFile(f"{path}: {what} is {_kind(item)} ({_shown(item)}), expected an object such as "
                             '{"id": "P1", "name": "Ana"}. Export the graph again as node-link JSON.')
    if key not in item:
        raise UnreadableFile(f'{path}: {what} has no "{key}" (got {_shown(item)}). Give every node an "id" and every '
                             'edge a "source" and a "target", each text or a number: edges name their nodes by id.')
    value = item[key]
    if isinstance(value, bool) or not isinstance(value, (str, int, float)) or \
            (isinstance(value, float) and not math.isfinite(value)):
        raise UnreadableFile(f'{path}: {what} has the "{key}" {_shown(value)}, expected text or a number. Give every '
                             'node an "id" that is text or a number, and name nodes by it in "source" and "target".')
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _json_value(value: Any) -> Any:
    """An attribute as a cell: a list of plain values joined by ``;`` (the separator the contract
    reads), anything else nested kept as its JSON text."""
    if value is None or isinstance(value, _SCALARS):
        return value
    if isinstance(value, list) and all(isinstance(item, _SCALARS) for item in value):
        return ";".join(str(item) for item in value)
    return json.dumps(value, ensure_ascii=False)


def _node_link(path: Path) -> Items:
    """The nodes and edges of a node-link JSON file (networkx's node_link_data, D3, Cytoscape.js),
    read here rather than by networkx, whose reader takes any shape and fails with TypeError or
    KeyError, or quietly makes up nodes."""
    data = _load_json(path)
    if not isinstance(data, dict) or not isinstance(data.get("nodes"), list):
        got = (f'"nodes" as {_kind(data["nodes"])}' if isinstance(data, dict) and "nodes" in data else
               f'an object without "nodes" (keys: {", ".join(map(repr, list(data)[:8])) or "none"})'
               if isinstance(data, dict) else f"{_kind(data)}, {_shown(data)}")
        raise UnreadableFile(f'{path}: expected a node-link graph, a JSON object with a "nodes" list and an "edges" (or '
                             f'"links") list (got {got}). Export the graph as node-link JSON (networkx, D3 and '
                             "Cytoscape.js write it), or give the tables as a workbook or CSV files.")
    key = "edges" if "edges" in data else "links"
    links = data.get(key, [])
    if not isinstance(links, list):
        raise UnreadableFile(f'{path}: expected "{key}" to be a list of edges (got {_kind(links)}). Export the graph '
                             "again as node-link JSON.")
    try:
        nodes = [(_node_id(path, f'node {index:,} of "nodes"', item, "id"),
                  {name: _json_value(value) for name, value in item.items() if name != "id"})
                 for index, item in enumerate(data["nodes"], start=1)]
        edges = [(_node_id(path, f'edge {index:,} of "{key}"', item, "source"),
                  _node_id(path, f'edge {index:,} of "{key}"', item, "target"),
                  {name: _json_value(value) for name, value in item.items()})
                 for index, item in enumerate(links, start=1)]
    except RecursionError:  # pragma: no cover - a value nested just shallowly enough for json.loads
        raise UnreadableFile(f"{path}: refused: the JSON nests lists or objects too deeply to be read. Export the "
                             "graph again as node-link JSON.") from None
    return nodes, edges, bool(data.get("directed", False))
