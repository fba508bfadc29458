"""Scope-walk entries of the award registry (namespace "awards") and of the public pages ("awards_public").

An award belongs to the recipient's unit: OWN is an award of a person of phường Lê Chân's Phòng Văn hóa - Xã hội,
OTHER one of xã Khúc Thừa Dụ's (the demo's history of 2025-2026, `cchc.demo.award_registry`). The honour board
and the verification page answer without login: kind "public".
"""

from tests.scope_registry import Api, Demo, Page


def award_of(d: Demo, w: str):
    from cchc.awards.models import Award

    return Award.objects.filter(unit=d.office(w)).order_by("pk").first()


def award_kw(d: Demo, w: str) -> dict:
    return {"pk": award_of(d, w).pk}


PAGES = {
    "awards:award_list": Page(),
    "awards:award_detail": Page(kwargs=award_kw),
    "awards:award_certificate": Page(kwargs=award_kw),
    "awards_public:honour_board": Page(kind="public"),
    "awards_public:verify": Page(
        kind="public", kwargs=lambda d, w: {"code": award_of(d, w).code}, scoped=False
    ),
}

APIS = {
    "GET /api/awards/registry": Api(),
}
