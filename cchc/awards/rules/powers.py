"""Which level confers which award form (Luật Thi đua, khen thưởng 2022, Điều 80; Nghị định 152/2025/NĐ-CP):
a form the level cannot confer itself is proposed to the level above. Pure: reads the catalogue only."""

from __future__ import annotations

from cchc.awards.rules.catalogue import AwardForm, catalogue

# The catalogue's authority level of each kind of local government unit.
LEVEL_KEYS = {
    "city": "city",
    "district": "district",
    "ward": "ward",
    "commune": "commune",
    "special_zone": "commune",
}
# Titles conferred "by the chairman of the commune level" (cấp xã) are conferred by a ward's or special zone's
# chairman too: since 01/7/2025 wards, communes and special zones are all of the commune level.
COMMUNE_LEVEL = {"ward", "commune"}


def confers(form: AwardForm | None, level_kind: str) -> bool:
    """Whether the chairman of a level of this kind confers the form himself."""
    if form is None:
        return False
    key = LEVEL_KEYS.get(level_kind)
    if key is None:
        return False
    level = form.conferred_by.level
    if level == key:
        return True
    return form.type == "title" and level == "commune" and key in COMMUNE_LEVEL


def confers_code(form_code: str, level_kind: str) -> bool:
    return confers(catalogue().form(form_code), level_kind)


def conferred_by_text(form_code: str) -> str:
    """Who confers the form, in Vietnamese ("Chủ tịch UBND thành phố"); "cần kiểm tra" for an unknown code."""
    form = catalogue().form(form_code)
    if form is None:
        return "cần kiểm tra (hình thức không có trong danh mục)"
    return form.conferred_by.text or form.conferred_by.level


def form_name(form_code: str) -> str:
    form = catalogue().form(form_code)
    return form.name if form is not None else form_code


LEVEL_NOUNS = ("phường", "xã", "thành phố", "quận")


def titled_name(form_code: str, level) -> str:
    """The form's name with the level's name when the level confers it ("Giấy khen của Chủ tịch Ủy ban nhân dân
    phường" + " Lê Chân"); the catalogue name otherwise."""
    name = form_name(form_code)
    if confers_code(form_code, level.kind) and name.endswith(LEVEL_NOUNS):
        return f"{name} {level.short_name or level.name}"
    return name


def authority_of(form_codes, higher) -> str:
    """Who decides the proposed forms, in Vietnamese: "Chủ tịch Ủy ban nhân dân thành phố Hải Phòng" when the level
    above confers them all, else the catalogue's wording of each."""
    codes = list(dict.fromkeys(form_codes))
    if higher is not None and codes and all(confers_code(c, higher.kind) for c in codes):
        name = higher.name.strip()
        return f"Chủ tịch Ủy ban nhân dân {name[:1].lower()}{name[1:]}"
    return ", ".join(dict.fromkeys(conferred_by_text(c) for c in codes))
