"""Targets (chỉ tiêu) proposed from a plan's text (cchc.plans.targets), without a database."""

from decimal import Decimal

import pytest

from cchc.plans.targets import classify, propose_targets, target_section


@pytest.mark.parametrize(
    ("wording", "expected"),
    [
        ("Hoàn thành 100% nhiệm vụ được giao", ("gte", Decimal("100"), "%")),
        ("Tỷ lệ hồ sơ giải quyết đúng hạn ≥ 95%", ("gte", Decimal("95"), "%")),
        ("Mức độ hài lòng đạt ít nhất 90%", ("gte", Decimal("90"), "%")),
        ("Mức độ hài lòng đạt tối thiểu 90%", ("gte", Decimal("90"), "%")),
        ("Tỷ lệ thanh toán trực tuyến trên 80%", ("gte", Decimal("80"), "%")),
        ("Tỷ lệ số hóa từ 85,5% trở lên", ("gte", Decimal("85.5"), "%")),
        ("Tỷ lệ hồ sơ trễ hạn không quá 2%", ("lte", Decimal("2"), "%")),
        ("Tỷ lệ hồ sơ quá hạn dưới 1%", ("lte", Decimal("1"), "%")),
        ("Vượt chỉ tiêu thu ngân sách được giao", ("exceed", None, "")),
        ("Phấn đấu đạt thứ hạng cao về Chỉ số CCHC", ("top", None, "")),
        ("Thuộc nhóm dẫn đầu khối phường", ("top", None, "")),
        ("Thực hiện kiểm tra định kỳ và đột xuất", ("text", None, "")),
        ("MỨC ĐỘ HÀI LÒNG DAT TOI THIEU 90%", ("gte", Decimal("90"), "%")),
    ],
)
def test_wordings_get_a_comparable_form(wording, expected):
    assert classify(wording) == expected


PLAN = """KẾ HOẠCH
I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
a) Nâng cao chất lượng.
2. Các chỉ tiêu
a) Trong năm, phấn đấu đạt thứ hạng cao về Chỉ số

chuyển đổi số (DTI).
b) 100% hồ sơ được theo dõi trực tuyến.
c) Tỷ lệ hài lòng đạt tối thiểu 90%.
II. NHIỆM VỤ, GIẢI PHÁP
a) Không phải chỉ tiêu.
"""


def test_items_of_the_targets_section_are_read_until_the_next_heading():
    targets = propose_targets(PLAN)
    assert [(t.code, t.comparator) for t in targets] == [("a", "top"), ("b", "gte"), ("c", "gte")]
    assert targets[0].text == "Trong năm, phấn đấu đạt thứ hạng cao về Chỉ số chuyển đổi số (DTI)."
    assert [t.order for t in targets] == [1, 2, 3]


def test_text_without_a_targets_section_proposes_nothing():
    assert propose_targets("KẾ HOẠCH\n1. Mục đích\na) Nâng cao 100% chất lượng.") == []
    assert target_section("") == []
