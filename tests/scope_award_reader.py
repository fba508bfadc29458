"""Scope-walk entries of the reader of award rules (/khen-thuong/doc-quy-dinh/)."""

from tests.scope_registry import OWN, Demo, Page

_FILES = {OWN: "lc-259-2026.yaml", "other": "ktd-2026.yaml"}


def rule_file_of(d: Demo, w: str):
    """The saved rule file of the place's plan (Lê Chân's 259/KH-UBND, Khúc Thừa Dụ's plan), saved through
    the service on first use when the demo has none."""
    from cchc.awards.models import RuleFile
    from cchc.awards.rule_files import save_rule_file
    from cchc.awards.rules.schema import PROGRAMMES_DIR

    level = d.level(w)
    existing = RuleFile.objects.filter(unit=level).order_by("pk").first()
    if existing:
        return existing
    name = _FILES[OWN if w == OWN else "other"]
    text = (PROGRAMMES_DIR / name).read_text(encoding="utf-8")
    return save_rule_file(text, unit=level, actor=d.user("admin"), source_path=name)


def rule_file_kw(d: Demo, w: str) -> dict:
    return {"pk": rule_file_of(d, w).pk}


PAGES = {
    "awards:reader": Page(kind="form", scoped=False),
    "awards:reader_edit": Page(kind="form", kwargs=rule_file_kw),
}
APIS: dict = {}
