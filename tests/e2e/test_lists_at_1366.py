"""Every page of the system that shows a table, opened at 1366 px as the users who work on it: no table wider
than its box (no column cut off or pushed behind a scrollbar), and a screenshot of each to look at."""

import pytest
from django.urls import reverse

from tests.scope_registry import OWN, PAGES, Demo

USERS = ["snv", "lechan"]
OVERFLOW = """() => Array.from(document.querySelectorAll('.table-responsive')).map(box => ({
    id: (box.querySelector('table') || {}).id || '',
    over: box.scrollWidth - box.clientWidth,
}))"""


def table_pages() -> list[str]:
    return sorted(name for name, entry in PAGES.items() if entry.kind == "page")


@pytest.mark.parametrize("username", USERS)
def test_no_table_is_wider_than_the_screen_at_1366_px(page, login, shot, username):
    demo = Demo()
    login(username)
    too_wide, seen = [], 0
    for name in table_pages():
        url = reverse(name, kwargs=PAGES[name].build(demo, OWN))
        if any(
            url.endswith(ext) for ext in (".xlsx", ".docx", ".pdf", "/excel/", "/bao-cao-word/")
        ):
            continue
        try:
            response = page.goto(page.base_url + url)
        except Exception as exc:  # a file download rather than a page
            if "Download is starting" in str(exc):
                continue
            raise
        if (
            response is None
            or response.status != 200
            or "html" not in (response.headers.get("content-type", ""))
        ):
            continue
        boxes = page.evaluate(OVERFLOW)
        if not boxes:
            continue
        seen += 1
        shot(f"list-1366-{username}-{name.replace(':', '-')}")
        too_wide += [f"{name} #{b['id']}: {b['over']} px" for b in boxes if b["over"] > 2]
    assert seen >= 10, "the walk found the pages with tables"
    assert not too_wide, "tables wider than the screen at 1366 px: " + "; ".join(too_wide)
