"""Editing a campaign file safely: the layer between the forms and `campaign.yaml`.

A `CampaignDocument` holds the round-trip YAML (comments and key order intact), applies edits by key
path, validates with the same messages as `campaign validate`, and saves:

- never while anything is invalid;
- never over a change someone else made on disk since the document was loaded (a second analyst, a
  text editor): that is a conflict, reported, and nothing is written;
- atomically (temporary file, then rename), after keeping the previous version in `.history/`.
"""

from __future__ import annotations

import copy
import datetime as dt
import fcntl
import hashlib
import io
import shutil
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from campaign_kit.core.errors import CampaignError, Problem
from campaign_kit.core.paths import CAMPAIGN_FILE, resolve_campaign_dir
from campaign_kit.core.storage import atomic_write_bytes
from campaign_kit.core.validation import display_path, parse_yaml_bytes, round_trip_yaml, validate_data

HISTORY = ".history"
KEEP_VERSIONS = 50

Path_ = Sequence[str | int]


class ConflictError(CampaignError):
    """The file changed on disk after the form loaded it; saving would overwrite that change."""


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Serialise check-and-write between processes that save the same campaign."""
    lock = path.with_name(f".{path.name}.lock")
    with lock.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class CampaignDocument:
    """One campaign file opened for editing."""

    def __init__(self, campaign: str | Path):
        self.folder = resolve_campaign_dir(campaign)
        self.path = self.folder / CAMPAIGN_FILE
        self.label = display_path(self.path)
        self.saved_at: dt.datetime | None = None
        self.reload()

    # loading -------------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the file again, discarding unsaved edits. The digest is taken from the very bytes that
        were parsed, and only after they parsed: a failed reload leaves the document as it was, so a
        later Save still detects a change made on disk meanwhile."""
        raw = self.path.read_bytes() if self.path.is_file() else b""
        data = parse_yaml_bytes(raw, self.label)
        self.data = data if isinstance(data, CommentedMap) else CommentedMap()
        self._loaded_digest = _digest(raw)
        self.dirty = False

    def changed_on_disk(self) -> bool:
        raw = self.path.read_bytes() if self.path.is_file() else b""
        return _digest(raw) != self._loaded_digest

    # reading and editing by key path ---------------------------------------------------------------
    def get(self, path: Path_, default: Any = None) -> Any:
        node: Any = self.data
        for part in path:
            if isinstance(node, dict) and part in node:
                node = node[part]
            elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
                node = node[part]
            else:
                return default
        return node

    def set(self, path: Path_, value: Any, order: Sequence[str] = ()) -> None:
        """Set a value. None removes a key inside a list item (an optional field left empty), so the
        file stays tidy; elsewhere it is kept, and validation says what is missing. A key new to its
        mapping goes where `order` puts it among the keys present, so new items read like old ones."""
        *parents, last = path
        node: Any = self.data
        for part in parents:
            if isinstance(node, dict) and not isinstance(node.get(part), dict | list):
                node[part] = CommentedMap()
            node = node[part]
        in_list_item = any(isinstance(part, int) for part in parents)
        if value is None and in_list_item and isinstance(node, dict):
            node.pop(last, None)
        elif isinstance(node, CommentedMap) and last not in node and last in order:
            rank = {key: i for i, key in enumerate(order)}
            position = sum(1 for key in node if rank.get(key, len(order)) < rank[last])
            node.insert(position, last, value)
        else:
            node[last] = value
        self.dirty = True

    def items(self, path: str | Path_) -> CommentedSeq:
        """The list at `path` (a top-level key or a key path), created empty when absent."""
        path = (path,) if isinstance(path, str) else tuple(path)
        node: Any = self.data
        for part in path[:-1]:
            if not isinstance(node.get(part), dict):
                node[part] = CommentedMap()
            node = node[part]
        seq = node.get(path[-1])
        if not isinstance(seq, list):
            seq = CommentedSeq()
            node[path[-1]] = seq
        return seq

    def append(self, path: str | Path_, item: dict[str, Any]) -> int:
        seq = self.items(path)
        seq.append(CommentedMap(item))
        self.dirty = True
        return len(seq) - 1

    def remove(self, path: str | Path_, index: int) -> None:
        del self.items(path)[index]
        self.dirty = True

    def move(self, path: str | Path_, index: int, offset: int) -> int:
        """Move an item up (offset -1) or down (+1); returns its new index."""
        seq = self.items(path)
        target = index + offset
        if not 0 <= target < len(seq):
            return index
        seq[index], seq[target] = seq[target], seq[index]
        self.dirty = True
        return target

    def delete(self, path: Path_) -> None:
        """Remove a key (and what it holds), e.g. a whole optional rule the analyst switched off."""
        parent = self.get(tuple(path[:-1])) if len(path) > 1 else self.data
        if isinstance(parent, dict) and path[-1] in parent:
            del parent[path[-1]]
            self.dirty = True

    # validation and saving -------------------------------------------------------------------------
    def problems(self) -> list[Problem]:
        try:
            validate_data(self.data, self.label)
        except CampaignError as exc:
            return exc.problems
        return []

    def text(self) -> str:
        buffer = io.StringIO()
        round_trip_yaml().dump(self.data, buffer)
        return buffer.getvalue()

    def save(self) -> dt.datetime:
        """Validate, check for a concurrent change, keep the old version, write atomically."""
        problems = self.problems()
        if problems:
            raise CampaignError(problems)
        new = self.text().encode("utf-8")
        with _locked(self.path):
            if self.changed_on_disk():
                raise ConflictError(Problem.of(self.label, "", "error.changed_on_disk"))
            self._keep_previous_version()
            atomic_write_bytes(self.path, new)
            self._loaded_digest = _digest(new)
        self.dirty = False
        self.saved_at = dt.datetime.now().replace(microsecond=0)
        return self.saved_at

    def _keep_previous_version(self) -> None:
        if not self.path.is_file():
            return
        history = self.folder / HISTORY
        history.mkdir(exist_ok=True)
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        shutil.copy2(self.path, history / f"campaign-{stamp}.yaml")
        versions = sorted(history.glob("campaign-*.yaml"))
        for old in versions[:-KEEP_VERSIONS]:
            old.unlink()

    def snapshot(self) -> CommentedMap:
        return copy.deepcopy(self.data)
