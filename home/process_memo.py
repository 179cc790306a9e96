"""A small, bounded memo that lives as long as the process: built objects kept under a content key.

Why: some objects are costly to rebuild or to unpickle, and are the same for every request until
the content they come from changes — a form's definition and its Django form class, an embed
address's target. They are already kept in Django's cache under a key that *is* their content (a
hash of the rows they were built from) or holds the cache generation that every publish replaces,
so a given key can only ever mean one thing. Unpickling them from that cache on every request
still costs milliseconds; this memo keeps the built object itself, in this process, under that
same key. It is what Django's cached template loader does for compiled templates.

Rules that keep it safe (and why it is not the process-global dict issue 16 removed):

- **Keys change with the content.** Use only a key that changes on every edit or publish (the
  key the object already has in Django's cache). Nothing is ever invalidated by hand, and an
  entry can never be stale: an edit makes a new key, and the old entry is simply never asked for
  again until it falls out.
- **Bounded.** Each memo holds at most ``size`` entries and forgets the least recently used.
- **Thread-safe.** gunicorn threads share it; a lock guards the dict. ``build()`` runs outside the
  lock (two threads may both build the same entry; the answer is the same, one is kept).
- **Shared objects are read-only.** Everything kept here is handed to every request of the
  process: callers must never mutate what they get (copy it first, as ``steps_for`` does).

``clear_all()`` empties every memo (tests; nothing in the site needs it).
"""

import threading
from collections import OrderedDict
from weakref import WeakSet

_memos = WeakSet()


class ProcessMemo:
    """``memo.get(key, build)``: the object kept under ``key``, else ``build()``'s, kept."""

    def __init__(self, name, size=256):
        if size < 1:
            raise ValueError("a process memo holds at least one entry")
        self.name = name
        self.size = size
        self._entries = OrderedDict()
        self._lock = threading.Lock()
        _memos.add(self)

    def get(self, key, build):
        value = self.lookup(key)
        if value is not None:
            return value
        return self.keep(key, build())

    def lookup(self, key):
        """The object kept under ``key``, or None."""
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key]
        return None

    def keep(self, key, value):
        """Keep ``value`` under ``key`` and return what is now kept there: if another thread kept
        one meanwhile, that one (one answer per key). None is never kept."""
        if value is None:
            return None
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key]
            self._entries[key] = value
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return value

    def discard(self, key):
        with self._lock:
            self._entries.pop(key, None)

    def __len__(self):
        return len(self._entries)

    def __contains__(self, key):
        return key in self._entries

    def clear(self):
        with self._lock:
            self._entries.clear()


def clear_all():
    for memo in list(_memos):
        memo.clear()
