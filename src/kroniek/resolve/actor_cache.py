"""A pickle of the compiled actor index, so a new process starts in milliseconds.

The cache file is named after a fingerprint of every dictionary file (bundled and user) and of
the code that compiles them; any change makes a new file. A cache that cannot be read or written
is ignored: the index is then compiled as usual.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path

from kroniek.nlp import tokenize
from kroniek.resolve import actor_data, actor_index, actor_institutions
from kroniek.resolve.actor_index import Index
from kroniek.resolve.names import NAMES_FILE
from kroniek.resources import data_path

CACHE_ENV = "KRONIEK_CACHE_DIR"  # the same cache folder as the place gazetteer
NO_CACHE_ENV = "KRONIEK_NO_CACHE"
FORMAT_VERSION = "actors-1"


def cache_dir() -> Path:
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "kroniek"


def fingerprint(paths: list[Path]) -> str:
    """Changes whenever a dictionary file or the compiling code changes."""
    digest = hashlib.sha1(FORMAT_VERSION.encode())
    code = [
        Path(module.__file__ or "")
        for module in (actor_data, actor_index, actor_institutions, tokenize)
    ]
    for path in [*code, *paths, actor_index.lexicon_path(), data_path(NAMES_FILE)]:
        digest.update(str(path).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _read(path: Path) -> Index | None:
    try:
        with path.open("rb") as handle:
            loaded = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        return None
    return loaded if isinstance(loaded, Index) else None


def _write(path: Path, index: Index) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False) as handle:
            pickle.dump(index, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)  # atomic: parallel workers never see half a file
    except OSError:
        return


def cached_index(extra: tuple[str, ...]) -> Index:
    """The compiled index for the bundled files plus ``extra``, from the cache when possible."""
    paths = [*actor_data.bundled_files(), *actor_data.expand_paths(extra)]
    if os.environ.get(NO_CACHE_ENV):
        return actor_index.compile_index(actor_data.load_dictionary(extra))
    path = cache_dir() / f"actors-{fingerprint(paths)}.pickle"
    index = _read(path)
    if index is None:
        index = actor_index.compile_index(actor_data.load_dictionary(extra))
        _write(path, index)
    return index
