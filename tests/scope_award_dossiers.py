"""Scope-walk entries of nomination dossiers (namespace "awards", /khen-thuong/ho-so/…) and /api/nominations.

A dossier belongs to its proposing unit: OWN is phường Lê Chân's 2027 draft of its Giấy khen round (proposed by
its Văn phòng, with the council's minutes uploaded), OTHER xã Khúc Thừa Dụ's; the submit route of the API takes
a nomination of the dossier each level's chairman approved on the demo day (submitting it is accepted "cần kiểm
tra", the round being open until 15/3/2028 and 31/3/2028)."""

from tests.scope_registry import Api, Demo, Page


def _dossiers(d: Demo, w: str, status: str):
    from cchc.awards.models import Dossier

    return Dossier.objects.filter(
        proposing_unit__path__startswith=d.level(w).path, status=status, year=2027
    ).order_by("pk")


def draft(d: Demo, w: str) -> dict:
    return {"pk": _dossiers(d, w, "draft").first().pk}


def draft_nomination(d: Demo, w: str) -> dict:
    return {"pk": _dossiers(d, w, "draft").first().nominations.order_by("pk").first().pk}


def draft_file(d: Demo, w: str) -> dict:
    return {"file_id": _dossiers(d, w, "draft").first().files.filter(generated=False).first().pk}


def approved_nomination(d: Demo, w: str) -> dict:
    dossier = _dossiers(d, w, "approved").first()
    return {"nomination_id": dossier.nominations.order_by("pk").first().pk}


PAGES = {
    "awards:dossier_list": Page(),
    "awards:dossier_create": Page(kind="form"),
    "awards:dossier_board": Page(),
    "awards:dossier_detail": Page(kwargs=draft),
    "awards:dossier_nominee_add": Page(kind="action", kwargs=draft),
    "awards:dossier_nominee_remove": Page(kind="action", kwargs=draft_nomination),
    "awards:dossier_nominee_initiatives": Page(kind="action", kwargs=draft_nomination),
    "awards:dossier_attach": Page(kind="action", kwargs=draft),
    "awards:dossier_file": Page(kwargs=draft_file),
    "awards:dossier_file_remove": Page(kind="action", kwargs=draft_file),
    "awards:dossier_generate": Page(kind="action", kwargs=draft),
    "awards:dossier_request_approval": Page(kind="action", kwargs=draft),
    "awards:dossier_approve": Page(kind="action", kwargs=draft),
    "awards:dossier_return": Page(kind="action", kwargs=draft),
    "awards:dossier_submit": Page(kind="action", kwargs=draft),
    "awards:dossier_record_paper": Page(kind="action", kwargs=draft),
    "awards:dossier_receive": Page(kind="action", kwargs=draft),
    "awards:dossier_send_back": Page(kind="action", kwargs=draft),
    "awards:dossier_reopen": Page(kind="action", kwargs=draft),
}

APIS = {
    "GET /api/nominations": Api(),
    "POST /api/nominations": Api(),
    "POST /api/nominations/{nomination_id}/submit": Api(kwargs=approved_nomination),
}
