"""Reads whose SQL is built once: for the hottest API lists, building a queryset's SQL (a few milliseconds of
Python per request) costs several times running it. `values_rows(key, build)` compiles the `.values()` queryset
made by `build()` once per `key` and afterwards runs the stored SQL as is, with Django's own converters applied
to the rows. Values that change from call to call (a token's hash, a user's id) are passed as `args`: `build`
receives stand-ins for them, and each call puts the real values where the stand-ins landed among the SQL's
parameters. Only strings and integers are taken as args, which reach the SQL as they are.

The key must name everything the SQL depends on (the caller's scope, the filters, the year): the SQL is the
same for the same key whatever rows the tables hold, so nothing here goes stale when data changes. Anything
read from the database while building (a value turned into a literal of the SQL) must not be part of
`build()`; pass it in the key instead.
"""

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet

MAX_ENTRIES = 2048

_EMPTY = object()


def _stand_in(index: int, value: object) -> object:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise TypeError("values_rows() args are strings or integers")
    if isinstance(value, int):
        # Inside a 32-bit column's range: Django answers "no rows" without asking the database for a value
        # outside the column's range, which would lose the stand-in.
        return -1_987_654_300 - index
    return f"\u27e8cchc-arg-{index}\u27e9"


class _Entry:
    __slots__ = ("alias", "compiler", "converters", "names", "params", "slots", "sql")

    def __init__(self, queryset: QuerySet, stand_ins: tuple):
        query = queryset.query
        if query.selected:
            names = list(query.selected)
        else:
            names = [*query.extra_select, *query.values_select, *query.annotation_select]
        self.alias = queryset.db
        self.names = tuple(names)
        self.compiler = query.get_compiler(queryset.db)
        self.sql, params = self.compiler.as_sql()
        self.params = tuple(params)
        compiler = self.compiler
        self.converters = list(
            compiler.get_converters([s[0] for s in compiler.select[0 : compiler.col_count]]).items()
        )
        # Where each arg goes among the parameters: every stand-in must land somewhere.
        self.slots = tuple(
            tuple(i for i, p in enumerate(self.params) if type(p) is type(s) and p == s)
            for s in stand_ins
        )
        if not all(self.slots):
            raise ValueError("an arg of values_rows() does not reach the SQL as a parameter")

    def bound(self, args: tuple) -> tuple:
        if not args:
            return self.params
        params = list(self.params)
        for slots, value in zip(self.slots, args, strict=True):
            for i in slots:
                params[i] = value
        return tuple(params)


_entries: OrderedDict[Hashable, object] = OrderedDict()
_lock = threading.Lock()


def _entry(key: Hashable, build: Callable[..., QuerySet], args: tuple) -> object:
    with _lock:
        entry = _entries.get(key)
        if entry is not None:
            _entries.move_to_end(key)
            return entry
    stand_ins = tuple(_stand_in(i, a) for i, a in enumerate(args))
    queryset = build(*stand_ins)
    if queryset._iterable_class.__name__ != "ValuesIterable":
        raise TypeError("values_rows() takes a .values() queryset")
    try:
        entry = _Entry(queryset, stand_ins)
    except EmptyResultSet:
        if args:
            # With stand-ins, "no rows whatever the data" may be the stand-in's doing: not stored.
            raise ValueError("values_rows(): the query is empty with its args' stand-ins") from None
        entry = _EMPTY
    with _lock:
        _entries[key] = entry
        while len(_entries) > MAX_ENTRIES:
            _entries.popitem(last=False)
    return entry


def values_rows(key: Hashable, build: Callable[..., QuerySet], args: tuple = ()) -> list[dict]:
    """The rows of the `.values()` queryset `build(*args)` as dicts, its SQL compiled once per `key`."""
    entry = _entry(key, build, args)
    if entry is _EMPTY:
        return []
    assert isinstance(entry, _Entry)
    connection = connections[entry.alias]
    with connection.cursor() as cursor:
        cursor.execute(entry.sql, entry.bound(args))
        rows = cursor.fetchall()
    if entry.converters:
        rows = [_converted(row, entry.converters, connection) for row in rows]
    names = entry.names
    return [dict(zip(names, row, strict=True)) for row in rows]


def _converted(row, converters, connection) -> list:
    """A row through Django's converters of its columns (as the compiler's apply_converters, on this thread's
    connection)."""
    row = list(row)
    for pos, (convs, expression) in converters:
        value = row[pos]
        for converter in convs:
            value = converter(value, expression, connection)
        row[pos] = value
    return row


def clear() -> None:
    """Forget every compiled query (tests that change how a queryset is built)."""
    with _lock:
        _entries.clear()
