"""Lean JSON lists for the API: rows built as plain dicts with a fixed shape, written without per-row schema
validation.

The route still declares its schema (`response=list[SomeOut]`) so that the OpenAPI document describes the rows;
returning an HttpResponse makes django-ninja send it as is. Tests compare every row with the declared schema
(tests/test_api_lean.py), so the shape cannot drift from the documentation.
"""

import json
from collections.abc import Iterable

from django.http import HttpResponse
from ninja.responses import NinjaJSONEncoder


def json_rows(rows: Iterable[dict]) -> HttpResponse:
    """A JSON array of the rows, encoded as django-ninja encodes them (dates ISO, decimals as ninja does)."""
    body = json.dumps(list(rows), cls=NinjaJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return HttpResponse(body, content_type="application/json; charset=utf-8")
