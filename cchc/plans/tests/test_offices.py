"""Splitting office cells into offices and group phrases, and folding names for matching (cchc.plans.offices)."""

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cchc.plans.offices import (
    OfficeRef,
    begins_new_office,
    fold,
    is_group_phrase,
    normalise_office_name,
    split_offices,
)
from cchc.plans.plan_files import parse_plan_file

SEED = Path(__file__).resolve().parents[3] / "data" / "seeds" / "004_b78bd4a0b75bbdc4.txt"
TASK_25_COORDINATING = (
    "Các phòng chuyên môn, đơn vị sự nghiệp công lập, cơ quan Đảng Cộng sản Việt Nam, Mặt trận Tổ quốc Việt Nam, "
    "tổ chức chính trị - xã hội, tổ chức xã hội, tổ chức xã hội - nghề nghiệp và tổ chức khác được thành lập theo "
    "quy định của pháp luật về hội đang quản lý, sử dụng tài sản công"
)


def office(text):
    return OfficeRef(text, False)


def group(text):
    return OfficeRef(text, True)


# Every distinct "Cơ quan chủ trì" / "Cơ quan phối hợp" cell of seed 004 and what it names.
SEED_CELLS = {
    "Phòng Văn hóa - Xã hội": [office("Phòng Văn hóa - Xã hội")],
    "Trung tâm Phục vụ hành chính công": [office("Trung tâm Phục vụ hành chính công")],
    "Trung tâm phục vụ hành chính công": [office("Trung tâm phục vụ hành chính công")],
    "Phòng Kinh tế, Hạ tầng và Đô thị": [office("Phòng Kinh tế, Hạ tầng và Đô thị")],
    "Trung tâm Dịch vụ sự nghiệp công; Phòng Văn hóa - Xã hội": [
        office("Trung tâm Dịch vụ sự nghiệp công"),
        office("Phòng Văn hóa - Xã hội"),
    ],
    "Văn phòng HĐND&UBND phường": [office("Văn phòng HĐND&UBND phường")],
    "Công an phường": [office("Công an phường")],
    "Các phòng chuyên môn, đơn vị liên quan": [group("Các phòng chuyên môn, đơn vị liên quan")],
    "Các cơ quan, đơn vị liên quan": [group("Các cơ quan, đơn vị liên quan")],
    "Các cơ quan, đơn vị liên quan.": [group("Các cơ quan, đơn vị liên quan")],
    "Các cơ quan, đơn vị liên quan; các Tổ dân phố": [
        group("Các cơ quan, đơn vị liên quan"),
        group("các Tổ dân phố"),
    ],
    "Các cơ quan, đơn vị liên quan, các tổ dân phố": [
        group("Các cơ quan, đơn vị liên quan"),
        group("các tổ dân phố"),
    ],
    "Các cơ quan, đơn vị liên quan, các Tổ dân phố": [
        group("Các cơ quan, đơn vị liên quan"),
        group("các Tổ dân phố"),
    ],
    "Các cơ quan chuyên môn, đơn vị liên quan": [group("Các cơ quan chuyên môn, đơn vị liên quan")],
    "Các cơ quan, đơn vị có TTHC có nghĩa vụ tài chính": [
        group("Các cơ quan, đơn vị có TTHC có nghĩa vụ tài chính")
    ],
    "Các cơ quan, đơn vị, cá nhân liên quan": [group("Các cơ quan, đơn vị, cá nhân liên quan")],
    "Trung tâm Phục vụ HCC; Các cơ quan, đơn vị, cá nhân liên quan": [
        office("Trung tâm Phục vụ HCC"),
        group("Các cơ quan, đơn vị, cá nhân liên quan"),
    ],
    TASK_25_COORDINATING: [group(TASK_25_COORDINATING)],
}

SEED_OFFICES = {
    "phong van hoa - xa hoi",
    "trung tam phuc vu hanh chinh cong",
    "phong kinh te ha tang va do thi",
    "trung tam dich vu su nghiep cong",
    "van phong hoi dong nhan dan va uy ban nhan dan",
    "cong an",
}


@pytest.fixture(scope="module")
def seed_tasks():
    return parse_plan_file(SEED.name, SEED.read_bytes()).tasks


def test_seed_cells_are_exactly_the_listed_ones(seed_tasks):
    cells = {t.lead_text for t in seed_tasks} | {t.coordinating_text for t in seed_tasks}
    assert cells == set(SEED_CELLS)


@pytest.mark.parametrize("cell", list(SEED_CELLS))
def test_each_seed_cell_splits_into_its_offices_and_groups(cell):
    assert split_offices(cell) == SEED_CELLS[cell]


def test_every_seed_lead_names_at_least_one_office_or_group(seed_tasks):
    for task in seed_tasks:
        assert split_offices(task.lead_text), task.no
        assert split_offices(task.coordinating_text), task.no


def test_seed_offices_normalise_to_six_distinct_units(seed_tasks):
    names = {
        normalise_office_name(ref.text)
        for task in seed_tasks
        for cell in (task.lead_text, task.coordinating_text)
        for ref in split_offices(cell)
        if not ref.is_group
    }
    assert names == SEED_OFFICES


def test_seed_tasks_whose_lead_is_a_group(seed_tasks):
    assert [t.no for t in seed_tasks if all(r.is_group for r in split_offices(t.lead_text))] == [
        16,
        17,
    ]


# --- Separators --------------------------------------------------------------------------------------------


def test_semicolon_always_separates():
    assert split_offices("Phòng Tư pháp;Công an phường ; Trạm Y tế") == [
        office("Phòng Tư pháp"),
        office("Công an phường"),
        office("Trạm Y tế"),
    ]


def test_comma_separates_offices_only_before_a_new_office():
    assert split_offices("Phòng Văn hóa - Xã hội, Trung tâm Phục vụ HCC, Công an phường") == [
        office("Phòng Văn hóa - Xã hội"),
        office("Trung tâm Phục vụ HCC"),
        office("Công an phường"),
    ]
    assert split_offices("Sở Văn hóa, Thể thao và Du lịch, Phòng Văn hóa - Xã hội") == [
        office("Sở Văn hóa, Thể thao và Du lịch"),
        office("Phòng Văn hóa - Xã hội"),
    ]


def test_group_phrase_ends_at_lien_quan_or_a_named_office():
    assert split_offices("Các cơ quan, đơn vị liên quan, Phòng Văn hóa - Xã hội") == [
        group("Các cơ quan, đơn vị liên quan"),
        office("Phòng Văn hóa - Xã hội"),
    ]
    assert split_offices("Các cơ quan, phòng, ban, Công an phường") == [
        group("Các cơ quan, phòng, ban"),
        office("Công an phường"),
    ]


def test_commas_inside_brackets_do_not_separate():
    assert split_offices("Phòng Văn hóa - Xã hội (chủ trì, tổng hợp), Công an phường") == [
        office("Phòng Văn hóa - Xã hội (chủ trì, tổng hợp)"),
        office("Công an phường"),
    ]


def test_and_separates_two_named_offices_but_not_one_joint_office():
    assert split_offices("Phòng Tư pháp và Trung tâm Phục vụ HCC") == [
        office("Phòng Tư pháp"),
        office("Trung tâm Phục vụ HCC"),
    ]
    assert split_offices("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân") == [
        office("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân"),
    ]


def test_lines_and_bullets_separate_offices():
    assert split_offices("- Phòng Văn hóa - Xã hội\n- Công an phường.") == [
        office("Phòng Văn hóa - Xã hội"),
        office("Công an phường"),
    ]


def test_generic_phrases_without_cac_are_groups():
    assert split_offices("Cơ quan, đơn vị liên quan") == [group("Cơ quan, đơn vị liên quan")]
    assert split_offices("Người dân, doanh nghiệp") == [group("Người dân, doanh nghiệp")]
    assert split_offices("Tổ dân phố") == [group("Tổ dân phố")]
    assert split_offices("Tổ dân phố số 3") == [office("Tổ dân phố số 3")]


def test_empty_and_placeholder_cells_name_nothing():
    assert split_offices("") == [] and split_offices(None) == [] and split_offices(" - ") == []


def test_is_group_phrase_and_begins_new_office():
    assert is_group_phrase("Các cơ quan, đơn vị có TTHC có nghĩa vụ tài chính")
    assert not is_group_phrase("Trung tâm Phục vụ HCC")
    assert begins_new_office("Trung tâm Dịch vụ sự nghiệp công")
    assert begins_new_office("Các cơ quan, đơn vị liên quan")
    assert not begins_new_office("hành chính công")
    assert not begins_new_office("Xã hội")


NAMED = [
    "Phòng Văn hóa - Xã hội",
    "Phòng Kinh tế, Hạ tầng và Đô thị",
    "Trung tâm Phục vụ HCC",
    "Trung tâm Dịch vụ sự nghiệp công",
    "Văn phòng HĐND&UBND phường",
    "Công an phường",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Ban Chỉ huy Quân sự phường",
    "Trạm Y tế phường",
]
GROUPS = [
    "Các cơ quan, đơn vị liên quan",
    "các Tổ dân phố",
    "Các phòng chuyên môn, đơn vị liên quan",
    "Các cơ quan, đơn vị, cá nhân liên quan",
    "Các cơ quan, đơn vị có TTHC có nghĩa vụ tài chính",
]


@given(
    st.lists(st.sampled_from(NAMED + GROUPS), min_size=1, max_size=5),
    st.sampled_from(["; ", ";", " ; ", ";\n"]),
)
def test_any_list_joined_with_semicolons_splits_back(parts, separator):
    refs = split_offices(separator.join(parts))
    assert [r.text for r in refs] == parts
    assert [r.is_group for r in refs] == [p in GROUPS for p in parts]


@given(st.lists(st.sampled_from(NAMED + GROUPS), min_size=1, max_size=5))
def test_any_list_joined_with_commas_splits_back(parts):
    refs = split_offices(", ".join(parts))
    assert [r.text for r in refs] == parts


@given(st.text(alphabet=st.sampled_from(list("abcĐđơưáàảãạ ,;.-&()\nCcácPhòng")), max_size=80))
def test_split_never_fails_and_returns_trimmed_texts(cell):
    for ref in split_offices(cell):
        assert ref.text and ref.text == ref.text.strip() and "\n" not in ref.text


# --- Folding and normalising -------------------------------------------------------------------------------


def test_fold_ignores_diacritics_tone_placement_dashes_and_punctuation():
    assert fold("hoá") == fold("hóa") == "hoa"
    assert (
        fold("Phòng Văn hoá – Xã hội") == fold("phòng văn hóa-xã hội") == "phong van hoa - xa hoi"
    )
    assert fold("HĐND&UBND") == "hdnd va ubnd"
    assert fold("  Phòng Kinh tế,  Hạ tầng và Đô thị. ") == "phong kinh te ha tang va do thi"
    assert fold("ÐẢNG ỦY") == "dang uy"  # Icelandic eth typed for Đ
    assert fold(None) == ""


def test_fold_accepts_decomposed_unicode():
    import unicodedata

    assert fold(unicodedata.normalize("NFD", "Công an phường")) == "cong an phuong"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Văn phòng HĐND&UBND phường", "van phong hoi dong nhan dan va uy ban nhan dan"),
        (
            "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân",
            "van phong hoi dong nhan dan va uy ban nhan dan",
        ),
        ("Trung tâm Phục vụ HCC", "trung tam phuc vu hanh chinh cong"),
        ("Trung tâm phục vụ hành chính công của phường", "trung tam phuc vu hanh chinh cong"),
        ("TT Phục vụ HCC phường", "trung tam phuc vu hanh chinh cong"),
        ("Phòng VHXH", "phong van hoa - xa hoi"),
        ("Phòng VH-XH", "phong van hoa - xa hoi"),
        ("Phòng Văn hoá – Xã hội", "phong van hoa - xa hoi"),
        ("Phòng KT-HT-ĐT", "phong kinh te ha tang va do thi"),
        ("Phòng Kinh tế - Hạ tầng - Đô thị", "phong kinh te ha tang va do thi"),
        ("Phòng Kinh tế, Hạ tầng và Đô thị", "phong kinh te ha tang va do thi"),
        ("Công an phường", "cong an"),
        ("CA phường", "cong an"),
        ("UBND xã", "uy ban nhan dan"),
        ("Ủy ban MTTQ Việt Nam phường", "uy ban mat tran to quoc viet nam"),
        ("phường", "phuong"),
    ],
)
def test_normalise_office_name_expands_abbreviations_and_drops_the_ward(text, expected):
    assert normalise_office_name(text) == expected
