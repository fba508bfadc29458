"""Pages and API routes of the award councils for the scope walk (tests/scope_registry.py).

OWN: phường Lê Chân's council and its closed meeting of the 2026 ward round; OTHER: xã Khúc Thừa Dụ's council
and its convened meeting (cchc.demo.award_councils).
"""

from tests.scope_registry import Api, Demo, Page


def council_of(d: Demo, w: str):
    from cchc.awards.models import Council

    return Council.objects.get(unit=d.level(w))


def council_kw(d: Demo, w: str) -> dict:
    return {"pk": council_of(d, w).pk}


def member_kw(d: Demo, w: str) -> dict:
    council = council_of(d, w)
    return {"pk": council.pk, "member_id": council.members.filter(active=True).last().pk}


def meeting_of(d: Demo, w: str):
    return council_of(d, w).meetings.order_by("-held_on").first()


def meeting_kw(d: Demo, w: str) -> dict:
    return {"pk": meeting_of(d, w).pk}


def record_kw(d: Demo, w: str) -> dict:
    return {"pk": meeting_of(d, w).pk, "kind": "bien-ban-hop"}


PAGES = {
    "awards:council_list": Page(),
    "awards:council_create": Page(kind="form"),
    "awards:council_detail": Page(kwargs=council_kw),
    "awards:council_edit": Page(kind="form", kwargs=council_kw),
    "awards:council_member_add": Page(kind="action", kwargs=council_kw),
    "awards:council_member_remove": Page(kind="action", kwargs=member_kw),
    "awards:meeting_create": Page(kind="form", kwargs=council_kw),
    "awards:meeting_detail": Page(kwargs=meeting_kw),
    "awards:meeting_open": Page(kind="action", kwargs=meeting_kw),
    "awards:meeting_attendance": Page(kind="action", kwargs=meeting_kw),
    # Recording votes needs the standing agency or the council's secretary: the viewer is refused (403).
    "awards:meeting_vote": Page(kind="form", kwargs=meeting_kw),
    "awards:meeting_close": Page(kind="action", kwargs=meeting_kw),
    "awards:meeting_record_docx": Page(kwargs=record_kw),
}

APIS = {
    "GET /api/councils": Api(),
    "GET /api/councils/{council_id}/meetings": Api(
        kwargs=lambda d, w: {"council_id": council_of(d, w).pk}
    ),
    "GET /api/meetings/{meeting_id}/results": Api(
        kwargs=lambda d, w: {"meeting_id": meeting_of(d, w).pk}
    ),
}
