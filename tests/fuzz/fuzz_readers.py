"""Fuzz landscape's input readers with atheris (coverage-guided, libFuzzer underneath).

Not part of the test suite: see tests/fuzz/README.md. In short::

    pip install atheris
    python tests/fuzz/fuzz_readers.py --make-seeds /tmp/fuzz-seeds
    python tests/fuzz/fuzz_readers.py --target csv /tmp/fuzz-corpus/csv /tmp/fuzz-seeds/csv \
        -dict=/tmp/fuzz-seeds/csv.dict -max_total_time=300 -timeout=10 -rss_limit_mb=2048

The contract under test: whatever the input, ``landscape.load`` (which runs the same code as
``landscape.validate``, then builds the graph) either succeeds or raises a subclass of
``landscape.LandscapeError``. Any other exception is a bug, and is left to crash the fuzzer, which
writes the input to ``crash-<sha1>`` (see ``-artifact_prefix``).

Targets
-------
``csv``
    The input is a folder of CSV files in a small text container (see :func:`unpack_csv`):
    sections that start with a line ``@@@ <file name>``. An input that does not start with
    ``@@@ `` is used as ``participants.csv`` beside a small valid ``relationships.csv``.
``xlsx``
    The input bytes are written to ``input.xlsx`` as they are (mutations are libFuzzer's own,
    so most inputs stop at the zip layer: that layer is fuzzed too).
``xlsx-xml``
    Structure-aware: the input is still an ``.xlsx`` file, but a custom mutator unpacks the zip,
    mutates one XML part (token-level edits of attributes and cell values, or libFuzzer's byte
    mutations) and packs it again, so mutations reach openpyxl's parsers and landscape's cells.

Other options
-------------
``--make-seeds DIR``  write seed corpora (DIR/csv, DIR/xlsx) and dictionaries, then exit.
``--unpack INPUT DIR``  write a ``csv`` target input (a crash file) out as a folder of CSV files.
``--api validate``  call ``landscape.validate`` instead of ``landscape.load`` (default ``load``).
``--keep-going DIR``  record each distinct unexpected exception (input + traceback in DIR) and go
    on instead of crashing; also records inputs slower than 5 s, and stops (and records) an input
    after 10 s. Give libFuzzer ``-timeout=0`` with it. For long unattended runs.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import random
import re
import resource
import shutil
import signal
import sys
import tempfile
import time
import traceback
import warnings
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
TARGETS = ("csv", "xlsx", "xlsx-xml")
SLOW_SECONDS = 5.0
HARD_SECONDS = 10.0  # --keep-going stops an input after this long and records it
BIG_RSS_MB = 1024
SEED_LIMIT = 64 * 1024  # bytes: larger workbooks are not seeds (-max_len would cut them anyway)

# ---------------------------------------------------------------------------------------------
# The csv target's container: a folder of files in one byte string.

SECTION = b"@@@ "
DEFAULT_RELATIONSHIPS = b"source,target,type,weight\nP-001,P-002,advice,1\nP-002,P-001,advice,2\n"
_NAME_CHARS = re.compile(r"[^A-Za-z0-9 ._\-]")


def unpack_csv(data: bytes) -> list[tuple[str, bytes]]:
    """The files an input of the csv target stands for, as (name, content) pairs."""
    if not data.startswith(SECTION):
        return [("participants.csv", data), ("relationships.csv", DEFAULT_RELATIONSHIPS)]
    files: list[tuple[str, bytes]] = []
    seen: set[str] = set()
    for section in data[len(SECTION):].split(b"\n" + SECTION):
        head, _, content = section.partition(b"\n")
        name = _NAME_CHARS.sub("", head.decode("latin-1")).strip()[:40] or "participants.csv"
        if name in (".", ".."):
            name = "participants.csv"
        while name in seen:
            name = "_" + name
        seen.add(name)
        files.append((name, content))
        if len(files) >= 8:
            break
    return files


def pack_csv(files: list[tuple[str, bytes]]) -> bytes:
    return b"\n".join(SECTION + name.encode() + b"\n" + content for name, content in files)


# ---------------------------------------------------------------------------------------------
# Seeds and dictionaries.

def _head(path: Path, lines: int = 25) -> bytes:
    """The first lines of a CSV file (seeds stay small, so executions stay fast)."""
    data = path.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data[:4000]
    return b"".join(data.splitlines(keepends=True)[:lines])


def _csv_folders() -> list[Path]:
    folders = sorted(p for p in (REPO / "tests" / "data").iterdir() if p.is_dir() and p.name != "reference")
    folders += sorted((REPO / "tests" / "data" / "reference").iterdir())
    folders += [REPO / "samples" / "clinical-simulation", REPO / "samples" / "krackhardt-hightech"]
    return [folder for folder in folders if any(folder.glob("*.csv"))]


def _rows(path: Path, lines: int = 25) -> list[list[str]]:
    text = _head(path, lines).decode("utf-8-sig", "replace")
    delimiter = ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
    return [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _workbook_bytes(sheets: dict[str, list[list[object]]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title[:31])
        for row in rows:
            sheet.append([_typed(cell) for cell in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _typed(cell: object) -> object:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(cell, str):
        cell = ILLEGAL_CHARACTERS_RE.sub("", cell)
    if isinstance(cell, str) and re.fullmatch(r"-?\d+", cell) and len(cell) < 10 and not cell.startswith("0"):
        return int(cell)
    if isinstance(cell, str) and re.fullmatch(r"-?\d+\.\d+", cell):
        return float(cell)
    return cell


CSV_DICT = [
    "@@@ ", "\n@@@ participants.csv\n", "\n@@@ relationships.csv\n", "\n@@@ communities.csv\n",
    "\n@@@ voices.csv\n", "\n@@@ nodes.csv\n", "\n@@@ edges.csv\n", "\n@@@ Participants.CSV\n",
    "\n@@@ relationships.tsv\n", "\n@@@ readme.csv\n", "\n@@@ extra.csv\n",
    "sep=;", "sep=,", "sep=\t", "sep=|", "sep=\"", "\xef\xbb\xbf", "\xff\xfe", "\xfe\xff",
    "id", "name", "community", "stakeholder_group", "level", "organisation", "role", "label", "influence",
    "source", "target", "type", "direction", "weight", "from", "to", "boundary_object",
    "expected", "expected_share", "why", "parent", "scale", "description", "consent",
    "directed", "undirected", "mutual", "advice", "#N/A", "#REF!", "nan", "inf", "-inf", "1e309",
    "9007199254740993", "0.5", "50%", "0,5", "007", "TRUE", "\"", "\"\"", ";", ",", "\t", "\r\n",
    "\r", "\\u00a0", "\xc2\xa0", "_row", "column_a", "Id", "ID", "Label", "Source", "Target",
]

XLSX_DICT = [
    "t=\"s\"", "t=\"n\"", "t=\"b\"", "t=\"e\"", "t=\"str\"", "t=\"inlineStr\"", "t=\"d\"",
    "<v>", "</v>", "<is><t>", "</t></is>", "<c r=\"", "<row r=\"", " s=\"", "r=\"A1\"",
    "r=\"XFD1048576\"", "<dimension ref=\"", "<sheet name=\"", "sheetId=\"", "r:id=\"", "Target=\"",
    "<si><t>", "</t></si>", "count=\"", "uniqueCount=\"", "numFmtId=\"14\"", "numFmtId=\"46\"",
    "formatCode=\"", "<xf ", "cellXfs", "<f>", "</f>", "1e308", "-1", "2958466", "99999999999",
    "NaN", "#N/A", "<mergeCell ref=\"", "state=\"hidden\"", "<definedName", "xml:space=\"preserve\"",
    "<!DOCTYPE", "<!ENTITY", "&amp;", "&#0;", "&#x1F600;", "<![CDATA[", "]]>",
    "participants", "relationships", "voices", "communities", "Elements", "Connections",
]


def _dict_line(token: str) -> str:
    data = token.encode("latin-1", "backslashreplace") if all(ord(c) < 256 for c in token) else token.encode()
    escaped = "".join(chr(b) if 32 <= b < 127 and b not in (34, 92) else f"\\x{b:02X}" for b in data)
    return f'"{escaped}"'


def make_seeds(out: Path) -> None:
    """Write seed corpora for every target and a dictionary for each, into ``out``."""
    (out / "csv").mkdir(parents=True, exist_ok=True)
    (out / "xlsx").mkdir(parents=True, exist_ok=True)
    count = {"csv": 0, "xlsx": 0}

    def put(kind: str, name: str, data: bytes) -> None:
        (out / kind / name).write_bytes(data)
        count[kind] += 1

    for folder in _csv_folders():
        files = [(path.name, _head(path)) for path in sorted(folder.glob("*.csv"))]
        put("csv", f"{folder.name}.seed", pack_csv(files))
        people = next((content for name, content in files if name.startswith(("participants", "nodes"))), None)
        if people is not None:
            put("csv", f"{folder.name}-bare.seed", people)
        # The same tables as a workbook, cells typed the way Excel stores them.
        sheets = {path.stem: _rows(path) for path in sorted(folder.glob("*.csv"))
                  if not path.read_bytes().startswith((b"\xff\xfe", b"\xfe\xff"))}
        if sheets:
            try:
                put("xlsx", f"{folder.name}.xlsx", _workbook_bytes(sheets))
            except Exception as exc:  # noqa: BLE001 - a broken-input folder openpyxl cannot write
                print(f"no xlsx seed from {folder.name} ({type(exc).__name__})")
    put("csv", "sep-hint.seed", pack_csv([("participants.csv", b"sep=;\nid;name\nA;Ana\nB;Ben\n"),
                                          ("relationships.csv", b"sep=;\nsource;target\nA;B\n")]))
    put("csv", "kumu.seed", pack_csv([("elements.csv", b"Label,Type\nAna,person\nBen,person\n"),
                                      ("connections.csv", b"From,To,Type\nAna,Ben,advice\n")]))
    for path in sorted((REPO / "tests" / "data").glob("*.xlsx")) + [REPO / "samples" / "clinical-simulation.xlsx"]:
        if path.stat().st_size <= SEED_LIMIT:  # zip bombs and 100k-row sheets make slow seeds
            put("xlsx", path.name, path.read_bytes())
    (out / "csv.dict").write_text("\n".join(_dict_line(t) for t in CSV_DICT) + "\n")
    (out / "xlsx.dict").write_text("\n".join(_dict_line(t) for t in XLSX_DICT) + "\n")
    print(f"wrote {count['csv']} csv seeds and {count['xlsx']} xlsx seeds, and csv.dict, xlsx.dict, into {out}")


# ---------------------------------------------------------------------------------------------
# The structure-aware mutator of the xlsx-xml target.

_PART_WEIGHTS = (("worksheets/", 6), ("sharedStrings", 4), ("workbook.xml", 3), ("styles", 2), (".rels", 1),
                 ("Content_Types", 1))
_ATTR = re.compile(rb'(\s[\w:]+=")([^"]*)(")')
_TEXT = re.compile(rb"(>)([^<>]{0,200})(</)")
_INTERESTING = [b"", b"0", b"-1", b"1", b"2", b"1.5", b"1e308", b"-1e308", b"1e-320", b"2958465", b"2958466",
                b"60", b"-0", b"99999999999999999999", b"4294967296", b"NaN", b"inf", b"#N/A", b"#REF!",
                b"s", b"n", b"b", b"e", b"str", b"inlineStr", b"d", b"A1", b"A0", b"XFD1048576",
                b"XFE1", b"ZZZZ9", b"a1", b"A1:A1", b"A1:XFD1048576", b"1048577", b"true", b"false",
                b"rId1", b"rId99", b"/xl/worksheets/sheet1.xml", b"../../etc/passwd", b"sheet1.xml",
                b"participants", b"relationships", b"Participants", b"id", b"source", b"target",
                b"2000-01-01T00:00:00", b"9999-12-31", b"0001-01-01", b"2000-13-45", b"&amp;", b"&#0;",
                b"&#xD800;", b"\xc3\xa9", b"\xff", b"\x00", b"14", b"22", b"46", b"164", b"9999"]


def _pick_part(names: list[str], rnd: random.Random) -> str:
    weights = [next((w for key, w in _PART_WEIGHTS if key in name), 1) for name in names]
    return rnd.choices(names, weights=weights)[0]


def _token_mutation(text: bytes, rnd: random.Random) -> bytes:
    regex = rnd.choice((_ATTR, _TEXT))
    matches = list(regex.finditer(text))
    if not matches:
        return text
    for _ in range(rnd.choice((1, 1, 1, 2, 3))):
        match = rnd.choice(matches)
        choice = rnd.random()
        if choice < 0.5:
            value = rnd.choice(_INTERESTING)
        elif choice < 0.7:  # another value of the same kind, from elsewhere in the part
            value = rnd.choice(matches).group(2)
        elif choice < 0.85:
            value = match.group(2) * rnd.randint(2, 50)
        else:
            value = str(rnd.randint(-(2**40), 2**40)).encode()
        text = text[: match.start(2)] + value + text[match.end(2):]
        matches = list(regex.finditer(text))
        if not matches:
            break
    if rnd.random() < 0.1:  # duplicate or drop an element, so that structure changes too
        elements = list(re.finditer(rb"<(c|row|si|sheet|Relationship|xf|Override)\b[^>]*?(/>|>.*?</\1>)", text, re.S))
        if elements:
            match = rnd.choice(elements)
            if rnd.random() < 0.5:
                text = text[: match.end()] + match.group(0) + text[match.end():]
            else:
                text = text[: match.start()] + text[match.end():]
    return text


def xlsx_mutator(data: bytes, max_size: int, seed: int) -> bytes:
    import atheris

    rnd = random.Random(seed)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = [(info.filename, archive.read(info)) for info in archive.infolist()]
    except Exception:  # noqa: BLE001 - not a zip (a seed that is not a workbook): bytes it is
        return atheris.Mutate(data, max_size)
    if not parts:
        return atheris.Mutate(data, max_size)
    names = [name for name, _ in parts]
    target = _pick_part(names, rnd)
    mutated = []
    for name, content in parts:
        if name == target:
            if rnd.random() < 0.6:
                content = _token_mutation(content, rnd)
            else:
                content = atheris.Mutate(content, max(len(content) * 2, 64))
        mutated.append((name, content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, content in mutated:
            archive.writestr(name, content)
    result = out.getvalue()
    return result if len(result) <= max_size else atheris.Mutate(data, max_size)


# ---------------------------------------------------------------------------------------------
# The harness.

class TooSlow(BaseException):
    """Raised by the alarm of --keep-going; a BaseException, so landscape's own
    ``except Exception`` boundaries cannot turn it into an UnreadableFile."""


def _too_slow(signum: int, frame: object) -> None:
    raise TooSlow(f"one input ran for more than {HARD_SECONDS:.0f} s")


class Harness:
    def __init__(self, target: str, api: str, keep_going: Path | None) -> None:
        import landscape  # instrumented already by main()
        from landscape.errors import LandscapeError

        self.landscape = landscape
        self.expected = LandscapeError
        self.target = target
        self.api = api
        self.keep_going = keep_going
        self.work = Path(tempfile.mkdtemp(prefix="fuzz-work-", dir="/tmp"))
        self.seen: set[str] = set()

    def write_input(self, data: bytes) -> Path:
        if self.target == "csv":
            folder = self.work / "landscape"
            if folder.exists():
                shutil.rmtree(folder)
            folder.mkdir()
            for name, content in unpack_csv(data):
                (folder / name).write_bytes(content)
            return folder
        path = self.work / "input.xlsx"
        path.write_bytes(data)
        return path

    def exercise(self, path: Path) -> None:
        landscape = self.landscape
        try:
            if self.api == "validate":
                report = landscape.validate(path)
            else:
                try:
                    land = landscape.load(path)
                except landscape.InvalidLandscape as exc:
                    report = exc.report
                    str(exc)
                else:
                    report = land.report
                    repr(land)
                    land.relation_types
                    land.attributes()
                    land.expected_voices
            report.to_text()
            json.dumps(report.to_dict())
        except self.expected as exc:
            str(exc)

    def __call__(self, data: bytes) -> None:
        path = self.write_input(data)
        if self.keep_going is None:
            self.exercise(path)
            return
        # Installed here, after libFuzzer set up its own handlers (give it -timeout=0).
        signal.signal(signal.SIGALRM, _too_slow)
        start = time.monotonic()
        signal.setitimer(signal.ITIMER_REAL, HARD_SECONDS)
        try:
            self.exercise(path)
        except TooSlow as exc:
            self.record(data, "timeout", f"stopped after {HARD_SECONDS:.0f} s\n{traceback.format_exc()}", exc)
        except Exception as exc:  # noqa: BLE001 - recorded, see --keep-going
            self.record(data, f"{type(exc).__name__}", traceback.format_exc(), exc)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        elapsed = time.monotonic() - start
        if elapsed > SLOW_SECONDS:
            self.record(data, "slow", f"{elapsed:.1f} s for one input\n", None)
        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        if rss_mb > BIG_RSS_MB and "big-rss" not in self.seen:
            self.record(data, "big-rss", f"max RSS reached {rss_mb:.0f} MiB\n", None)

    def record(self, data: bytes, kind: str, text: str, exc: BaseException | None) -> None:
        where = ""
        if exc is not None:
            frames = traceback.extract_tb(exc.__traceback__)
            ours = [f for f in frames if "/landscape/" in f.filename and "/tests/" not in f.filename]
            last = frames[-1]
            where = f"{ours[-1].filename}:{ours[-1].lineno}" if ours else ""
            if not isinstance(exc, TooSlow):  # an alarm stops anywhere: group by landscape's frame
                where += f"|{Path(last.filename).name}:{last.lineno}"
        signature = f"{kind}|{where}" if exc is not None else kind
        if signature in self.seen:
            return
        self.seen.add(signature)
        digest = hashlib.sha1(signature.encode()).hexdigest()[:10]
        self.keep_going.mkdir(parents=True, exist_ok=True)
        stem = self.keep_going / f"{self.target}-{kind}-{digest}"
        stem.with_suffix(".input").write_bytes(data)
        stem.with_suffix(".txt").write_text(f"{signature}\n\n{text}")
        print(f"\n=== new finding {signature} -> {stem}.input", file=sys.stderr, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], allow_abbrev=False)
    parser.add_argument("--target", choices=TARGETS)
    parser.add_argument("--api", choices=("load", "validate"), default="load")
    parser.add_argument("--make-seeds", type=Path, metavar="DIR")
    parser.add_argument("--unpack", nargs=2, type=Path, metavar=("INPUT", "DIR"))
    parser.add_argument("--keep-going", type=Path, metavar="DIR")
    args, libfuzzer_args = parser.parse_known_args()
    if args.make_seeds:
        make_seeds(args.make_seeds)
        return
    if args.unpack:
        source, folder = args.unpack
        folder.mkdir(parents=True, exist_ok=True)
        for name, content in unpack_csv(source.read_bytes()):
            (folder / name).write_bytes(content)
            print(folder / name)
        return
    if not args.target:
        parser.error("give --target, --make-seeds or --unpack")

    import atheris

    warnings.simplefilter("ignore")  # openpyxl warns about every odd part it skips
    # The heavy dependencies are imported first, uninstrumented: coverage is wanted in landscape
    # and in the parsers of the files (openpyxl), not in pandas or networkx.
    import jsonschema  # noqa: F401
    import networkx  # noqa: F401
    import pandas  # noqa: F401

    with atheris.instrument_imports(include=["landscape", "openpyxl", "et_xmlfile"]):
        import landscape
        import landscape.io.graphfiles  # noqa: F401
        import landscape.model  # noqa: F401
        import landscape.schema.validate  # noqa: F401
        if args.target != "csv":
            import openpyxl  # noqa: F401
            import openpyxl.reader.excel  # noqa: F401
    # Each schema and validator is built once, before fuzzing starts.
    landscape.schema.contract.table_schemas()

    harness = Harness(args.target, args.api, args.keep_going)
    mutator = xlsx_mutator if args.target == "xlsx-xml" else None
    atheris.Setup([sys.argv[0], *libfuzzer_args], harness, custom_mutator=mutator)
    try:
        atheris.Fuzz()
    finally:
        shutil.rmtree(harness.work, ignore_errors=True)


if __name__ == "__main__":
    main()
