"""Reading an emulation movement from its plan: the four seed plans that launch or cascade a movement, and plans
written in other wordings."""

from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from cchc.emulation.reading import MovementProposal, read_movement
from cchc.registry.textract import document_text

SEEDS = Path(__file__).resolve().parents[3] / "data" / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def seed(prefix: str) -> MovementProposal:
    return read_movement(next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8"))


def fixture(name: str) -> MovementProposal:
    path = FIXTURES / name
    return read_movement(document_text(path.name, path.read_bytes()))


def due(rule) -> tuple:
    return (rule.day, rule.month, rule.year, rule.recurring, rule.before, rule.to, rule.through)


def not_read(proposal: MovementProposal) -> dict[str, str]:
    return {n.field: n.reason for n in proposal.not_read}


CITY_CONTENTS_START = [
    "Thi đua nâng cao trách nhiệm của người đứng đầu",
    "Thi đua thực hiện các nhiệm vụ cải cách hành chính theo Chương trình tổng thể",
    "Thực hiện hoàn thành tốt các tiêu chí trong Bộ chỉ số",
    "Thi đua trong công tác tuyên truyền",
    "Thi đua trong việc đề xuất các giải pháp, sáng kiến",
    "Thi đua hoàn thành xuất sắc nhiệm vụ",
]


def test_the_city_plan_2162_launches_its_movement_with_six_contents_and_three_blocs():
    p = seed("002")
    assert (p.document.number, p.document.doc_type) == ("2162/QĐ-UBND", "QĐ")
    assert p.name.value == "Đẩy mạnh cải cách hành chính"
    assert (p.period.start, p.period.end) == (2026, 2030)
    assert [c.number for c in p.contents] == ["1", "2", "3", "4", "5", "6"]
    assert all(c.text.startswith(s) for c, s in zip(p.contents, CITY_CONTENTS_START, strict=True))
    assert {c.clause for c in p.contents} == {f"mục II.{i}" for i in range(1, 7)}
    agency = p.standing_agency
    assert (agency.name, agency.office, agency.clause) == (
        "Sở Nội vụ",
        "Phòng Cải cách hành chính và pháp chế",
        "mục IV.2",
    )
    assert "Cơ quan Thường trực" in agency.source
    report = p.report_due
    assert (report.text, report.kind) == ("trước ngày 30/11 hàng năm", "report")
    assert due(report) == (
        30,
        11,
        None,
        True,
        True,
        "Sở Nội vụ",
        "Phòng Cải cách hành chính và pháp chế",
    )
    assert report.label == "Trước ngày 30/11 hằng năm" and report.clause == "mục IV.1"
    assert [(r.scope, r.day, r.month, r.year) for r in p.dossier_dues] == [
        ("annual", 31, 3, None),
        ("period", 31, 3, 2030),
    ]
    assert [(x.kind, x.name) for x in p.participants] == [
        ("bloc", "Khối Sở, ban, ngành"),
        ("bloc", "Khối phường"),
        ("bloc", "Khối xã, đặc khu"),
    ]
    assert p.participants[0].clause == "mục III.2.1.2.a"
    assert [(r.kind, r.year) for r in p.reviews] == [("mid_term", None), ("final", None)]
    assert "hội nghị sơ kết, tổng kết" in p.reviews[0].source
    assert p.parent is None and "cấp trên" in not_read(p)["parent"]
    assert [(i.who, i.award, i.min_count) for i in p.initiatives] == [
        ("collective", "annual", None),
        ("person", "annual", None),
        ("collective", "period", 2),
        ("person", "period", None),
    ]


def test_le_chan_259_cascades_the_city_movement_and_reports_yearly_through_its_office():
    p = seed("000")
    assert (p.document.number, p.document.date) == ("259/KH-UBND", date(2026, 6, 19))
    assert p.name.value == "Đẩy mạnh cải cách hành chính"
    assert (p.period.start, p.period.end) == (2026, 2030)
    assert len(p.contents) == 6 and p.contents[3].text.startswith("Thi đua trong công tác tuyên")
    assert p.standing_agency.name == "Phòng Văn hóa - Xã hội"
    assert p.standing_agency.source.startswith(
        "2. Giao Phòng Văn hóa - Xã hội\nLà cơ quan thường trực"
    )
    # "Định kỳ hằng năm báo cáo kết quả ... về UBND phường (qua Phòng Văn hóa - Xã hội)": no day is written
    report = p.report_due
    assert due(report) == (None, None, None, True, False, "UBND phường", "Phòng Văn hóa - Xã hội")
    assert report.text == "Định kỳ hằng năm" and report.label == "Hằng năm (không ghi ngày)"
    assert "không ghi ngày" in not_read(p)["report_due"]
    assert [(r.scope, r.day, r.month) for r in p.dossier_dues] == [
        ("annual", 15, 3),
        ("period", 10, 3),
    ]
    assert (p.parent.number, p.parent.date) == ("2162/QĐ-UBND", date(2026, 6, 9))
    offices = [x.name for x in p.participants if x.kind == "office"]
    assert offices == [
        "Phòng Văn hóa - Xã hội",
        "Văn phòng HĐND và UBND phường",
        "Trung tâm Dịch vụ sự nghiệp công phường",
        "Trung tâm Phục vụ hành chính công phường",
        "Phòng Kinh tế Hạ tầng và Đô thị",
    ]
    assert not any(
        "Mặt trận" in x.name for x in p.participants
    )  # asked ("Đề nghị"), not under the ward
    assert not any(x.kind == "bloc" for x in p.participants)
    assert any(i.min_count == 2 and i.award == "period" for i in p.initiatives)


def test_khuc_thua_du_cascades_the_city_movement_and_reports_before_25_11():
    p = seed("001")
    assert p.document.number == "" and "document" in not_read(p)
    assert p.name.value == "Đẩy mạnh cải cách hành chính"
    assert (p.period.start, p.period.end) == (2026, 2030)
    assert len(p.contents) == 6
    assert p.contents[1].text.endswith(
        "xây dựng và phát triển chính quyền điện tử, chính quyền số."
    )
    assert (p.standing_agency.name, p.standing_agency.clause) == (
        "Phòng Văn hóa - Xã hội",
        "mục IV.1",
    )
    report = p.report_due
    assert due(report) == (25, 11, None, True, True, "Phòng Văn hóa - Xã hội", "")
    assert report.text == "trước ngày 25/11 hằng năm"
    assert [(r.scope, r.day, r.month, r.to, r.through) for r in p.dossier_dues] == [
        ("annual", 31, 3, "UBND xã", "Phòng Văn hóa - Xã hội")
    ]
    assert p.parent.number == "2162/QĐ-UBND"
    assert [x.name for x in p.participants if x.kind == "office"] == ["Phòng Văn hóa - Xã hội"]


def test_phu_luong_26_is_a_one_year_movement_whose_only_date_is_the_dossier_deadline():
    p = seed("003")
    assert (p.document.number, p.document.date) == ("26/KH-UBND", date(2023, 2, 22))
    assert p.name.value == "Đẩy mạnh Cải cách hành chính"
    assert (p.period.start, p.period.end, p.period.text) == (2023, 2023, "năm 2023")
    assert len(p.contents) == 4 and all(c.number == "" for c in p.contents)
    assert p.contents[0].text.startswith("Thi đua nâng cao trách nhiệm của các Cán bộ")
    assert p.contents[0].clause == "mục II.2"
    report = p.report_due
    assert (report.kind, report.text) == ("dossier", "xong trước ngày 03/10/2023")
    assert due(report) == (3, 10, 2023, False, True, "Văn phòng UBND phường", "")
    assert (
        "hồ sơ đề nghị khen thưởng" in report.note and "cần kiểm tra" in not_read(p)["report_due"]
    )
    assert p.standing_agency is None
    assert "“Văn phòng UBND phường” được giao chủ trì" in not_read(p)["standing_agency"]
    assert (p.parent.number, p.parent.issuer) == ("60/KH-UBND", "UBND quận Hà Đông")
    assert [(i.who, i.recognised_from) for i in p.initiatives][0] == ("person", "cấp quận")
    assert "được công nhận từ cấp quận trở lên" in p.initiatives[0].text
    groups = [x.name for x in p.participants if x.kind == "group"]
    assert "Tập thể là các bộ phận chuyên môn thuộc UBND phường" in groups
    assert p.reviews == [] and "không nêu việc sơ kết" in not_read(p)["reviews.mid_term"]


def test_a_department_plan_in_other_words_is_read_the_same_way():
    p = fixture("department_one_year.txt")
    assert (p.document.number, p.document.issuer) == ("14/KH-SNV", "Sở Nội vụ")
    assert p.name.value == "Công chức Sở Nội vụ thân thiện, trách nhiệm"
    assert (p.period.start, p.period.end) == (2025, 2025)
    assert [c.text for c in p.contents] == [
        "Thi đua giải quyết hồ sơ đúng hạn, không để tồn đọng",
        "Thi đua thực hiện văn hóa công sở, ứng xử thân thiện với người dân",
        "Thi đua đề xuất sáng kiến, cải tiến quy trình làm việc.",
    ]
    assert p.standing_agency.name == "Văn phòng Sở"
    # "chậm nhất ngày 15/12 hằng năm" is inclusive
    assert due(p.report_due) == (15, 12, None, True, False, "Văn phòng Sở", "")
    assert p.report_due.label == "Đến hết ngày 15/12 hằng năm"
    assert [(r.kind, r.when, r.year) for r in p.reviews] == [
        ("mid_term", "tháng 7 năm 2025", 2025),
        ("final", "cuối năm 2025", 2025),
    ]
    assert (p.parent.number, p.parent.date) == ("88/QĐ-UBND", date(2025, 1, 10))
    assert [(i.who, i.min_count, i.recognised_from) for i in p.initiatives] == [
        ("collective", 1, ""),
        ("person", None, "cấp cơ sở"),
    ]
    assert [x.name for x in p.participants] == [
        "Văn phòng Sở",
        "Phòng Công chức, viên chức",
        "Các phòng, đơn vị thuộc Sở",
    ]


def test_a_district_plan_with_blocs_lettered_contents_and_dated_reviews():
    p = fixture("district_blocs.txt")
    assert p.name.value == "Chuyển đổi số vì người dân"
    assert (p.period.start, p.period.end) == (2026, 2030)
    assert [(c.number, c.clause) for c in p.contents] == [
        ("a", "mục II.a"),
        ("b", "mục II.b"),
        ("c", "mục II.c"),
    ]
    assert p.standing_agency.name == "Phòng Nội vụ huyện"
    # "trước ngày 20 tháng 11": the day in words, no "hằng năm" written
    assert due(p.report_due) == (20, 11, None, False, True, "Phòng Nội vụ huyện", "")
    assert [(r.scope, r.day, r.month, r.year) for r in p.dossier_dues] == [("period", 15, 3, 2030)]
    assert [(r.kind, r.when, r.year) for r in p.reviews] == [
        ("mid_term", "năm 2028", 2028),
        ("final", "quý IV năm 2030", 2030),
    ]
    assert [x.name for x in p.participants] == [
        "Khối các phòng, ban chuyên môn thuộc UBND huyện",
        "Khối các cơ quan Đảng, Mặt trận và đoàn thể huyện",
        "Khối các xã, thị trấn",
    ]
    assert p.parent.number == "120/KH-UBND"
    assert [(i.min_count, i.recognised_from, i.award) for i in p.initiatives] == [
        (2, "cấp huyện", "annual")
    ]


def test_contents_under_another_heading_and_a_report_due_in_words():
    text = (
        "Số: 3/KH-UBND\nKẾ HOẠCH\nPhát động phong trào thi đua “Xanh - Sạch - Đẹp” năm 2026\n"
        "I. Các nội dung thi đua cụ thể\n1. Thi đua giữ vệ sinh công sở.\n2. Thi đua trồng cây xanh.\n"
        "II. TỔ CHỨC THỰC HIỆN\nCác tổ dân phố báo cáo kết quả thực hiện phong trào về UBND phường "
        "trước ngày 20 tháng 11 hằng năm.\n"
    )
    p = read_movement(text)
    assert [c.text for c in p.contents] == [
        "Thi đua giữ vệ sinh công sở.",
        "Thi đua trồng cây xanh.",
    ]
    assert due(p.report_due) == (20, 11, None, True, True, "UBND phường", "")
    assert p.name.value == "Xanh - Sạch - Đẹp"


def test_what_a_plan_does_not_say_is_listed_not_invented():
    p = read_movement("Xin chào, đây là một ghi chú không phải kế hoạch.")
    assert (p.name, p.period, p.standing_agency, p.report_due, p.parent) == (None,) * 5
    assert (p.contents, p.participants, p.reviews, p.initiatives) == ([], [], [], [])
    fields = set(not_read(p))
    assert {
        "name",
        "period",
        "contents",
        "standing_agency",
        "report_due",
        "participants",
        "parent",
    } <= fields
    assert all(n.reason and n.reason[0].isupper() for n in p.not_read)


def test_every_value_read_from_a_seed_keeps_its_source_sentence():
    p = seed("002")
    found = [p.name, p.period, p.standing_agency, p.report_due]
    found += p.contents + p.dossier_dues + p.reviews + p.participants + p.initiatives
    assert all(f.source for f in found)
    text = next(SEEDS.glob("002_*.txt")).read_text(encoding="utf-8")
    assert p.report_due.source in text and p.contents[0].source in text


def test_the_json_form_has_every_field_iso_dates_and_rule_labels():
    data = seed("000").as_dict()
    assert list(data) == [
        "document",
        "name",
        "period",
        "contents",
        "standing_agency",
        "report_due",
        "dossier_dues",
        "reviews",
        "participants",
        "parent",
        "initiatives",
        "not_read",
    ]
    assert data["document"]["number"] == "259/KH-UBND"
    assert data["parent"]["date"] == "2026-06-09"
    assert data["report_due"]["label"] == "Hằng năm (không ghi ngày)"
    assert data["dossier_dues"][0]["label"] == "Trước ngày 15/03 hằng năm"


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(
        alphabet=st.sampled_from(
            list("IV1.2a)-: \nthiđuanộidungphongtràoSởkhốitrướcngày30/11hằngnăm")
        ),
        max_size=300,
    )
)
def test_any_text_gives_a_proposal_and_never_an_error(text):
    p = read_movement(text)
    assert isinstance(p, MovementProposal)
    assert p.as_dict()["not_read"] is not None
    if p.report_due and p.report_due.day:
        assert 1 <= p.report_due.day <= 31 and 1 <= p.report_due.month <= 12


def test_a_plan_pasted_from_a_web_site_with_lines_and_headings_broken():
    text = (
        "|\n**ỦY BAN NHÂN DÂN**\nTỈNH TÂY NINH\n|\n**CỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM**\n"
        "Độc lập - Tự do - Hạnh phúc\n|\nSố: 61/KH-UBND\n|\n*Tây Ninh, ngày 09\ntháng 5 năm 2025*\n|\n"
        "**KẾ HOẠCH**\n\nPHÁT ĐỘNG PHONG TRÀO THI ĐUA “DOANH NGHIỆP\nĐỒNG HÀNH CÙNG CHÍNH QUYỀN” NĂM 2025\n\n"
        "**I. ĐỐI TƯỢNG,\nNỘI DUNG THI ĐUA**\n\n**1. Đối tượng\nthi đua**\n\n"
        "a) Tập thể: các sở, ban, ngành tỉnh; UBND các xã,\nphường.\n\n"
        "b) Cá nhân: cán bộ, công chức, viên chức.\n\n**2. Nội dung\nthi đua**\n\n"
        "a) Thi đua rút ngắn thời gian giải quyết thủ tục hành\nchính cho doanh nghiệp.\n\n"
        "b) Thi đua tổ chức đối thoại với doanh nghiệp\nít nhất 02 lần mỗi năm.\n\n"
        "**II. TỔ CHỨC THỰC HIỆN**\n\nSở Nội vụ là cơ quan thường trực phong trào, báo cáo kết quả thực hiện\n"
        "phong trào về UBND tỉnh chậm nhất ngày 10/12/2025.\n"
    )
    p = read_movement(text)
    assert (p.document.number, p.document.issuer) == ("61/KH-UBND", "Ủy ban nhân dân tỉnh Tây Ninh")
    assert p.name.value == "Doanh nghiệp đồng hành cùng chính quyền"
    assert (p.period.start, p.period.end) == (2025, 2025)
    assert [(c.number, c.text) for c in p.contents] == [
        ("a", "Thi đua rút ngắn thời gian giải quyết thủ tục hành chính cho doanh nghiệp."),
        ("b", "Thi đua tổ chức đối thoại với doanh nghiệp ít nhất 02 lần mỗi năm."),
    ]
    assert [x.name for x in p.participants] == [
        "Tập thể: các sở, ban, ngành tỉnh; UBND các xã, phường",
        "Cá nhân: cán bộ, công chức, viên chức",
    ]
    assert p.standing_agency.name == "Sở Nội vụ"
    assert due(p.report_due) == (10, 12, 2025, False, False, "UBND tỉnh", "")
