"""Every cell the site writes to a CSV or XLSX file goes through `safe_cell`, in this one module.

Text a spreadsheet would run as a formula (`=HYPERLINK(...)`, `+`, `-`, `@`, or a tab, carriage
return or line feed before one; full-width forms too, which Excel folds to the ASCII ones) is
quoted with a leading apostrophe, as OWASP's advice on CSV injection says. Numbers stay numbers.
Whoever wrote the text (a member of the public in "Share your views", staff in a question label)
it is shown, never run.

- `csv_text(rows)`: CSV for a list of rows, every cell escaped (the only `csv.writer` of the site).
- `SafeSpreadsheetExportMixin`: for Wagtail's list exports (`list_export` on a viewset's index
  view): escapes each value and each heading through the same function. `SafeExportIndexView`
  is a ModelViewSet's index view with it (`index_view_class = SafeExportIndexView`), and
  `safe_admin_exports` serves Wagtail's own reports' exports through it.
- `reporting.xlsx` (the streaming XLSX writer) calls `safe_cell` on every text cell.
"""

import csv
import io
from collections.abc import Iterable
from functools import update_wrapper

from django.urls import URLPattern, URLResolver, path
from django.urls.resolvers import RoutePattern
from django.views.decorators.cache import never_cache

from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.views.mixins import SpreadsheetExportMixin

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def safe_cell(value):
    """The value as it may go into a spreadsheet cell: formula-like text gets a leading "'"."""
    if isinstance(value, str) and value.lstrip(" ").startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(row: Iterable) -> list:
    return [safe_cell(value) for value in row]


def csv_text(rows: Iterable[Iterable]) -> str:
    """CSV for `rows`, every cell through `safe_cell`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow(safe_row(row))
    return buffer.getvalue()


class SafeSpreadsheetExportMixin:
    """Put before Wagtail's view class (e.g. `IndexView`) in a list export's bases."""

    def preprocess_field_value(self, field, value, export_format):
        return safe_cell(super().preprocess_field_value(field, value, export_format))

    def get_heading(self, queryset, field):
        return safe_cell(super().get_heading(queryset, field))


class SafeExportIndexView(SafeSpreadsheetExportMixin, IndexView):
    pass


def _export_view_class(callback):
    view_class = getattr(callback, "view_class", None)
    if view_class is None or not issubclass(view_class, SpreadsheetExportMixin):
        return None
    if issubclass(view_class, SafeSpreadsheetExportMixin):
        return None
    initkwargs = getattr(callback, "view_initkwargs", {})
    return view_class if initkwargs.get("list_export", view_class.list_export) else None


def _export_patterns(patterns, prefix=""):
    for entry in patterns:
        if not isinstance(entry.pattern, RoutePattern):
            continue
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _export_patterns(entry.url_patterns, route)
        elif _export_view_class(entry.callback) is not None:
            yield route, entry


def safe_admin_exports(admin_patterns) -> list[URLPattern]:
    """Wagtail's own list exports (reports, redirects...) again, at the same admin URLs, each view
    with `SafeSpreadsheetExportMixin`. Put before the admin's own URLs (site/urls.py): the first
    match serves, and `reverse()` gives the same address either way."""
    patterns = []
    for route, entry in _export_patterns(admin_patterns):
        view_class = _export_view_class(entry.callback)
        safe_class = type(
            f"Safe{view_class.__name__}", (SafeSpreadsheetExportMixin, view_class), {}
        )
        view = safe_class.as_view(**getattr(entry.callback, "view_initkwargs", {}))
        # As Wagtail's own admin URLs are decorated (wagtail.admin.urls), keeping the view's attributes.
        patterns.append(
            path(
                route,
                update_wrapper(never_cache(require_admin_access(view)), view),
                entry.default_args,
            )
        )
    return patterns
