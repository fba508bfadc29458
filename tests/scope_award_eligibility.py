"""Scope walk entries of the eligibility page and API: OWN is a programme of phường Lê Chân's plan, OTHER one
of xã Khúc Thừa Dụ's (404 for lechan). The seed rule files are saved when the demo has not loaded them."""

from tests.scope_registry import OTHER, OWN, Api, Demo, Page

FILES = {OWN: "lc-259-2026.yaml", OTHER: "ktd-2026.yaml"}


def programme_pk(d: Demo, w: str) -> int:
    from pathlib import Path

    from cchc.awards.models import Programme
    from cchc.awards.rule_files import save_rule_file
    from cchc.awards.rules.schema import PROGRAMMES_DIR
    from cchc.core.scope import SYSTEM

    level = d.level(w)
    found = Programme.objects.filter(unit=level, is_active=True).order_by("order", "pk").first()
    if found is None:
        name = FILES[w]
        text = (Path(PROGRAMMES_DIR) / name).read_text(encoding="utf-8")
        save_rule_file(text, unit=level, actor=SYSTEM, source_path=name)
        found = Programme.objects.filter(unit=level, is_active=True).order_by("order", "pk").first()
    assert found is not None
    return found.pk


PAGES = {
    "awards:eligibility": Page(kwargs=lambda d, w: {"pk": programme_pk(d, w)}),
}

APIS = {
    "GET /api/awards/programmes/{programme_id}/eligibility": Api(
        kwargs=lambda d, w: {"programme_id": programme_pk(d, w)}
    ),
}
