"""Writing outputs safely: every file of one run or none of them, and never two runs at once.

A run writes its files into a staging folder inside the target folder, then moves each into place
(``os.replace``: a reader sees the old file or the new one, never half of one), removes the
outputs of an earlier run it did not write again (a ``changes.html`` from a run with two waves),
and removes the staging folder. While it writes, a lock file in the target folder holds its process
id: a second run that finds it refuses at once, naming the process, so that two runs (an
``--anonymise`` one and a plain one) never leave a folder of mixed files, and a run never reports
files it did not leave. A lock left by a process that no longer runs (a crash) is taken over.
Nothing is written outside the folder given: the staging folder and the lock are inside it.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as folder:
...     with OutputSet(Path(folder), stale=("*.txt",)) as out:
...         _ = out.path("a.txt").write_text("one")
...         out.commit()
...     sorted(p.name for p in Path(folder).iterdir())
['a.txt']
"""

from __future__ import annotations

import fnmatch
import os
import secrets
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path
from types import TracebackType
from typing import Any

from landscape.errors import OutputNotWritable

__all__ = ["LOCK_NAME", "OutputSet", "replace_file"]

LOCK_NAME = ".landscape-writing"


class OutputSet:
    """The files of one run, staged in ``folder`` and moved into place together by :meth:`commit`.

    ``stale`` names (glob patterns) the outputs an earlier run may have left: those this run does
    not write are removed when it commits.
    """

    def __init__(self, folder: Path, *, stale: Iterable[str] = ()) -> None:
        self.folder = Path(folder)
        self.stale = tuple(stale)
        self.staging = self.folder / f".landscape-staging-{secrets.token_hex(6)}"
        self._lock = self.folder / LOCK_NAME
        self._locked = False
        self._made = False

    def __enter__(self) -> OutputSet:
        self._made = not self.folder.exists()
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputNotWritable(f"{self.folder}: cannot create the folder ({exc.strerror or exc})") from None
        self._acquire()
        # Staging folders of runs that were killed (the lock is ours: no other run is writing).
        for left in self.folder.glob(".landscape-staging-*"):
            shutil.rmtree(left, ignore_errors=True)
        try:
            self.staging.mkdir()
        except OSError as exc:
            self._release()
            raise OutputNotWritable(f"{self.folder}: cannot be written ({exc.strerror or exc})") from None
        return self

    def path(self, name: str) -> Path:
        """Where to write the output called ``name`` (in the staging folder)."""
        return self.staging / name

    def commit(self) -> None:
        """Move every staged file into the folder, and remove the earlier run's outputs not written again."""
        written = {path.name for path in self.staging.iterdir()}
        # Every place checked before anything moves: a folder (or so) in a file's way fails the run whole.
        for name in sorted(written):
            target = self.folder / name
            if target.exists() and not target.is_file():
                raise OutputNotWritable(f"{target}: is not a file, and this run writes a file of that name; move it "
                                        "away, or write elsewhere (nothing was changed)")
        for name in sorted(written):
            try:
                os.replace(self.staging / name, self.folder / name)
            except OSError as exc:
                raise OutputNotWritable(f"{self.folder / name}: cannot be written ({exc.strerror or exc})") from None
        for path in self.folder.iterdir():
            # Only what an earlier run of landscape wrote (it says so in the file): a file of the user's that
            # happens to share a name pattern (map-my-sketch.svg) stays.
            if path.is_file() and path.name not in written and any(fnmatch.fnmatch(path.name, pattern)
                                                                   for pattern in self.stale) and _ours(path):
                path.unlink(missing_ok=True)

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)  # after a failure: nothing half-written is left
        self._release()
        if error is not None and self._made:  # a folder this run made and left empty goes too
            try:
                self.folder.rmdir()
            except OSError:
                pass

    def _acquire(self) -> None:
        # The lock appears with the process id already in it (written aside, then linked into place,
        # which fails if a lock is there): no run ever reads a lock still being written.
        mine = self.folder / f".landscape-lock-{os.getpid()}-{secrets.token_hex(4)}"
        try:
            mine.write_text(str(os.getpid()))
            for _ in range(3):
                try:
                    os.link(mine, self._lock)
                except FileExistsError:
                    owner = _owner(self._lock)
                    if owner is None or _running(owner):
                        raise OutputNotWritable(
                            f"{self.folder}: another landscape run (process {owner or 'unknown'}) is writing there; "
                            f"wait for it to finish, or write elsewhere (if no run is writing, delete "
                            f"{self._lock})") from None
                    self._lock.unlink(missing_ok=True)  # left by a run that no longer runs: taken over
                    continue
                self._locked = True
                return
        except OSError as exc:
            raise OutputNotWritable(f"{self.folder}: cannot be written ({exc.strerror or exc})") from None
        finally:
            mine.unlink(missing_ok=True)
        raise OutputNotWritable(f"{self.folder}: another landscape run keeps taking the folder; write elsewhere")

    def _release(self) -> None:
        if self._locked:
            self._lock.unlink(missing_ok=True)
            self._locked = False


def _ours(path: Path) -> bool:
    """Whether landscape wrote this file: its first bytes name landscape (the atlas's generator, the
    report's first line, a picture's description, the workbook's sheets)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    if path.suffix == ".xlsx":
        import zipfile

        try:
            with zipfile.ZipFile(path) as book:
                return b"Glossary" in book.read("xl/workbook.xml")
        except (OSError, KeyError, zipfile.BadZipFile):
            return False
    return b'name="generator" content="landscape' in head or b'data-generator="landscape"' in head or \
        head.startswith(b"# ") and b"Written by landscape" in head or b"<h1>" in head and b"Written by landscape" in head


def _owner(lock: Path) -> int | None:
    try:
        return int(lock.read_text().strip())
    except (OSError, ValueError):
        return None


def _running(pid: int) -> bool:
    """Whether a process with this id runs (signal 0 checks without signalling)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it runs, as another user
    return True


def replace_file(path: Path, write: Callable[[Path], Any]) -> Path:
    """Write one file through a temporary file beside it, moved into place when complete: a reader
    (or a second run) never sees half of it. ``write`` is called with the temporary path."""
    path = Path(path)
    temporary = path.with_name(f".{path.name}.landscape-{secrets.token_hex(6)}")
    try:
        write(temporary)
        os.replace(temporary, path)
    except OSError as exc:
        raise OutputNotWritable(f"{path}: cannot be written ({exc.strerror or exc})") from None
    finally:
        if temporary.exists():
            temporary.unlink()
    return path
