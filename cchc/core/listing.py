"""One list spec gives every list its filters, sorting, diacritic-free search, pagination and Excel export."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import F, QuerySet
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from cchc.core import params, sheets
from cchc.core.text import fold

EXPORT_LIMIT = 50_000


@dataclass
class Column:
    key: str
    label: str
    accessor: str | Callable[[Any], Any] | None = None
    sort: str | None = None
    export: bool = True
    # False for a fact the Excel file gives in its own column and the page shows inside another cell (a list
    # that must fit 1366 px): the column is left out of the page's head and cells.
    page: bool = True
    # Hidden on the page when every row of the filtered list has the same value of this field (a ward's own
    # name on each of its tasks); the Excel file keeps it.
    uniform_by: str | None = None

    def value(self, obj):
        acc = self.accessor or self.key
        if callable(acc):
            return acc(obj)
        value = obj
        for part in acc.split("."):
            value = getattr(value, part, None) if value is not None else None
            if callable(value) and not hasattr(value, "all"):
                value = value()
        return value


@dataclass
class Filter:
    key: str
    label: str
    choices: list[tuple[str, str]] | Callable[[Any], list[tuple[str, str]]] = field(
        default_factory=list
    )
    lookup: str | None = None
    apply: Callable[[QuerySet, str], QuerySet] | None = None
    placeholder: str = ""
    # Reads the value before it reaches the query (a params.* function raising BadParam); by default a filter
    # named "year" reads a year and one whose choices are all numbers reads an integer.
    parse: Callable[..., Any] | None = None

    @property
    def is_text(self) -> bool:
        """A filter without choices is typed in (a name, a date) instead of picked from a list."""
        return not self.choices

    def options(self, request) -> list[tuple[str, str]]:
        return [
            (str(v), str(lbl))
            for v, lbl in (self.choices(request) if callable(self.choices) else self.choices)
        ]

    def check(self, value: str, request) -> None:
        """Raise params.BadParam when `value` cannot be what this filter compares with."""
        if self.parse is not None:
            self.parse(value, name=self.key, label=self.label)
        elif self.key == "year":
            params.year(value, name=self.key, label=self.label)
        elif self.choices:
            values = [v for v, _ in self.options(request)]
            if values and all(v.lstrip("-").isdigit() for v in values):
                params.integer(value, name=self.key, label=self.label, minimum=-params.MAX_ID)

    def filter(self, qs: QuerySet, value: str) -> QuerySet:
        if self.apply:
            return self.apply(qs, value)
        return qs.filter(**{self.lookup or self.key: value})


@dataclass
class ListSpec:
    title: str
    columns: list[Column]
    filters: list[Filter] = field(default_factory=list)
    default_sort: str = ""
    page_size: int = 25
    export_name: str = "danh-sach"
    search_field: str = "search_text"
    search_placeholder: str = "Tìm kiếm (gõ không dấu cũng được)"


@dataclass
class ListPage:
    spec: ListSpec
    page: Any
    rows: list
    total: int
    q: str
    sort: str
    active: dict[str, str]
    filter_options: list[tuple[Filter, list[tuple[str, str]], str]]
    params: dict[str, str]
    extra_params: dict[str, str] = field(default_factory=dict)
    hidden: set[str] = field(default_factory=set)

    def url(self, **changes) -> str:
        params = {**self.params, **{k: v for k, v in changes.items()}}
        params = {k: v for k, v in params.items() if v not in (None, "")}
        return "?" + urlencode(params)

    def sort_url(self, key: str) -> str:
        new = "-" + key if self.sort == key else key
        return self.url(sort=new, page="")

    def sort_state(self, key: str) -> str:
        if self.sort == key:
            return "asc"
        if self.sort == "-" + key:
            return "desc"
        return ""

    def export_url(self) -> str:
        return self.url(export="xlsx", page="")

    def page_url(self, number: int) -> str:
        return self.url(page=number)

    @property
    def headers(self):
        return [
            (c, self.sort_state(c.key), self.sort_url(c.key) if c.sort else "")
            for c in self.spec.columns
            if c.key not in self.hidden
        ]

    @property
    def visible_columns(self) -> int:
        return len(self.spec.columns) - len(self.hidden)


def search(qs: QuerySet, q: str, field_name: str = "search_text") -> QuerySet:
    """Every folded word of `q` must appear in the folded search column."""
    for word in fold(q).split():
        qs = qs.filter(**{f"{field_name}__contains": word})
    return qs


def _ordering(spec: ListSpec, sort: str) -> tuple[str, list]:
    by_key = {c.key: c.sort for c in spec.columns if c.sort}
    key = sort.lstrip("-")
    if key not in by_key:
        sort = spec.default_sort
        key = sort.lstrip("-")
    if key not in by_key:
        return "", []
    desc = sort.startswith("-")
    fields = [f.strip() for f in by_key[key].split(",")]
    order: list = []
    for f in fields:
        # "due_on nulls last": rows without a value come last whichever way the column is sorted.
        name, _, option = f.partition(" ")
        descending = name.startswith("-") != desc
        name = name.lstrip("-")
        if option.strip() == "nulls last":
            expr = F(name)
            order.append(expr.desc(nulls_last=True) if descending else expr.asc(nulls_last=True))
        else:
            order.append(("-" if descending else "") + name)
    return sort, order + ["pk"]


def filtered(spec: ListSpec, qs: QuerySet, request) -> tuple[QuerySet, dict]:
    """Apply search, filters and sort from the query string; returns the queryset and the state."""
    get = request.GET
    q = get.get("q", "").strip()
    if q:
        qs = search(qs, q, spec.search_field)
    active = {}
    for flt in spec.filters:
        value = get.get(flt.key, "").strip()
        if value:
            try:
                flt.check(value, request)
                qs = flt.filter(qs, value)
            except params.BadParam as exc:
                messages.warning(request, f"{exc.message} Bộ lọc này được bỏ qua.")
                continue
            active[flt.key] = value
    sort, order = _ordering(spec, get.get("sort", "").strip())
    if order:
        qs = qs.order_by(*order)
    return qs, {"q": q, "sort": sort, "active": active}


def paginate(spec: ListSpec, qs: QuerySet, request, *, keep: tuple[str, ...] = ()) -> ListPage:
    """The list page: filtered rows of one page plus everything the toolbar needs.

    `keep` names query parameters the page itself reads (such as `year`) that links must carry along.
    """
    qs, state = filtered(spec, qs, request)
    paginator = Paginator(qs, spec.page_size)
    page = paginator.get_page(request.GET.get("page"))
    extra = {k: request.GET[k] for k in keep if request.GET.get(k)}
    params = {**extra, "q": state["q"], "sort": state["sort"], **state["active"]}
    options = [(f, f.options(request), state["active"].get(f.key, "")) for f in spec.filters]
    hidden = {c.key for c in spec.columns if not c.page} | {
        c.key
        for c in spec.columns
        if c.page
        and c.uniform_by
        and paginator.count > 1
        and qs.order_by().values(c.uniform_by).distinct().count() <= 1
    }
    return ListPage(
        spec=spec,
        page=page,
        rows=list(page.object_list),
        total=paginator.count,
        q=state["q"],
        sort=state["sort"],
        active=state["active"],
        filter_options=options,
        params=params,
        extra_params=extra,
        hidden=hidden,
    )


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, (int, float, date)):
        return value
    if hasattr(value, "all"):
        return "; ".join(str(v) for v in value.all())
    return str(value)


def xlsx_response(title: str, headers: list[str], rows, filename: str) -> HttpResponse:
    """An .xlsx download with a bold header row, dd/mm/yyyy dates and sensible widths."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = sheets.workbook()
    ws = sheets.first_sheet(wb, title)
    sheets.append(ws, headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DCE6F1")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    widths = [len(h) for h in headers]
    for row in rows:
        values = [_cell(v) for v in row]
        sheets.append(ws, values)
        for i, v in enumerate(values):
            widths[i] = min(
                60, max(widths[i], len(str(v)) if not isinstance(v, (date, datetime)) else 10)
            )
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w + 2
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, datetime):
                cell.number_format = "dd/mm/yyyy hh:mm"
            elif isinstance(cell.value, date):
                cell.number_format = "dd/mm/yyyy"
    ws.freeze_panes = "A2"
    response = HttpResponse(
        sheets.to_bytes(wb),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


def export(spec: ListSpec, qs: QuerySet, request) -> HttpResponse:
    """Every filtered row (up to EXPORT_LIMIT) as an Excel file."""
    qs, _ = filtered(spec, qs, request)
    cols = [c for c in spec.columns if c.export]
    rows = ([c.value(obj) for c in cols] for obj in qs[:EXPORT_LIMIT])
    return xlsx_response(spec.title, [c.label for c in cols], rows, spec.export_name)


def wants_export(request) -> bool:
    return request.GET.get("export") == "xlsx"


def respond(
    request, spec: ListSpec, qs: QuerySet, template: str, context: dict | None = None, *, keep=()
):
    """A list page: the Excel file when asked for (`?export=xlsx`), else the page with `listing` in its context."""
    if wants_export(request):
        return export(spec, qs, request)
    return render(
        request, template, {"listing": paginate(spec, qs, request, keep=keep), **(context or {})}
    )
