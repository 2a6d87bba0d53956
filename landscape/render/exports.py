"""Write a landscape out in other tools' formats, chosen by the output's suffix."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import Any, Literal

from landscape.errors import OutputNotWritable
from landscape.io.graphfiles import write_csv_folder, write_gexf, write_graphml, write_kumu, write_node_link
from landscape.model import Landscape
from landscape.model.sharing import renamed, shareable, with_waves_redacted
from landscape.render.output import OutputSet, replace_file
from landscape.schema import TABLE_NAMES
from landscape.schema.tables import ROW

__all__ = ["EXPORT_FORMATS", "export", "export_format"]

Format = Literal["graphml", "gexf", "json", "kumu", "csv"]
#: What each format is for, by name; the suffix picks one (a path without a suffix is a CSV folder).
EXPORT_FORMATS: dict[str, str] = {
    "graphml": ".graphml: GraphML, for yEd, Cytoscape, Gephi and networkx",
    "gexf": ".gexf: Gephi's own format",
    "json": ".json: node-link JSON for D3 and Cytoscape.js",
    "kumu": ".xlsx: a workbook in Kumu's layout (Elements and Connections)",
    "csv": "a folder (no suffix): participants.csv, relationships.csv and the other tables, in landscape's layout",
}
_SUFFIXES = {".graphml": "graphml", ".gexf": "gexf", ".json": "json", ".xlsx": "kumu", "": "csv"}


def export_format(path: str | Path) -> Format:
    """The format a path asks for by its suffix.

    >>> export_format("map.gexf"), export_format("out"), export_format("kumu.xlsx")
    ('gexf', 'csv', 'kumu')
    """
    suffix = Path(path).suffix.lower()
    if suffix not in _SUFFIXES:
        raise OutputNotWritable(f"{path}: cannot tell the format from {suffix!r}; use .graphml, .gexf, .json, .xlsx "
                                "(Kumu), or a folder name for CSV files")
    return _SUFFIXES[suffix]  # type: ignore[return-value]


def _table_rows(landscape: Landscape, name: str) -> list[list[Any]] | None:
    table = getattr(landscape.tables, name)
    if table is None or table.frame.empty:
        return None
    frame = table.frame.drop(columns=[ROW])
    if name == "stories":  # a story without consent is counted, never quoted: its words stay behind
        private = frame["consent"].ne("yes") if "consent" in frame else frame.index.map(lambda _: True)
        for column in ("title", "text", "indicators", "activity"):
            if column in frame:
                frame[column] = frame[column].where(~private, None)
    rows = [list(frame.columns)]
    for record in frame.itertuples(index=False, name=None):
        rows.append([";".join(map(str, v)) if isinstance(v, tuple) else None if isinstance(v, float) and v != v else v
                     for v in record])
    return rows


def export(landscape: Landscape, path: str | Path, *, anonymise: bool = False, keep: Collection[str] = (),
           honour_consent: bool = True) -> Path:
    """Write ``landscape`` to ``path`` in the format its suffix names; return the path.

    People whose ``consent`` is not ``yes`` are written as an anonymous node in their group (as
    in the atlas and ``landscape export``; ``honour_consent=False`` writes everyone as read, for a
    copy that never leaves its owner); ``anonymise`` replaces every name and leaves out free-text
    columns (``keep`` names the ones to keep). See :func:`landscape.model.sharing.shareable`.

    Every format reads back into the same graph: ``landscape.load(path)`` gives the same
    participants with the same attributes, and the same ties. (Edge keys are the row numbers of
    the file read, so they follow the order of the export.)

    Examples
    --------
    >>> import tempfile, landscape
    >>> land = landscape.load(landscape.sample_path("krackhardt-hightech"))
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     again = landscape.load(export(land, Path(folder) / "k.gexf"))
    >>> again.graph.number_of_edges()
    312
    """
    path = Path(path)
    kind = export_format(path)
    if keep and not anonymise:
        raise ValueError("keep names the free-text columns to keep when anonymising; give anonymise=True")
    if path.suffix and not path.parent.is_dir():  # before any writer starts (openpyxl's would leave tracebacks)
        raise OutputNotWritable(f"{path.parent}: no such folder; create it first")
    read = {Path(info.file).resolve() for info in landscape.report.tables if info.file}
    if any(path.resolve() == file or (not path.suffix and path.resolve() in file.parents) for file in read):
        # An anonymised export over the data it came from cannot be undone (the pseudonyms are random).
        raise OutputNotWritable(f"{path}: holds the data being exported (or is it); write the export elsewhere")
    if honour_consent or anonymise:
        shared = shareable(landscape, anonymise_names=anonymise, keep=keep)
        landscape = with_waves_redacted(shared, renamed(landscape, shared))
    graph = landscape.graph
    from landscape.io.readers import EXCEL_ROWS

    if kind == "kumu" and max(graph.number_of_nodes(), graph.number_of_edges()) >= EXCEL_ROWS:
        # A sheet past Excel's last row opens nowhere (landscape's reader refuses it too): say so, not half a file.
        raise OutputNotWritable(f"{path}: Kumu's workbook holds at most {EXCEL_ROWS - 1:,} elements and as many "
                                f"connections, one per row (got {graph.number_of_nodes():,} participants and "
                                f"{graph.number_of_edges():,} relationships); export a folder of CSV files, .graphml "
                                "or .gexf instead")
    writers = {"graphml": write_graphml, "gexf": write_gexf, "json": write_node_link, "kumu": write_kumu}
    if kind in writers:  # written beside the file and moved into place: never half a file
        return replace_file(path, lambda temporary: writers[kind](graph, temporary))
    extra = {name: rows for name in ("voices", "communities", "story", "stories")
             if (rows := _table_rows(landscape, name))}
    # A folder: all of this run's tables or none, one run at a time; tables an earlier export left
    # (a story.csv this data no longer has) go, and nothing else of the folder is touched.
    with OutputSet(path, stale=tuple(f"{name}.csv" for name in TABLE_NAMES)) as out:
        write_csv_folder(graph, out.staging, extra)
        out.commit()
    return path
