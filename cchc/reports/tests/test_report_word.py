"""The Word draft of the report on a dash_plan's results opens with python-docx and its tables hold the dash_plan's figures."""

import io
from datetime import date

import pytest
from django.urls import reverse
from docx import Document

from cchc.plans.models import TargetMeasure

pytestmark = pytest.mark.usefixtures("dash_today")


def report(client, dash_plan, period="quy-2"):
    response = client.get(reverse("reports:plan_report", args=[dash_plan.pk]), {"ky": period})
    assert response.status_code == 200
    assert "bao-cao-cchc-2026-" in response["Content-Disposition"]
    return Document(io.BytesIO(response.content))


def table_starting(doc, first_header):
    found = [
        t
        for t in doc.tables
        if t.rows[0].cells[0].text == "TT" and t.rows[0].cells[1].text == first_header
    ]
    assert len(found) == 1, first_header
    return [[c.text for c in row.cells] for row in found[0].rows]


def text(doc) -> str:
    return "\n".join(p.text for p in doc.paragraphs)


def test_the_report_has_the_wards_heading_the_title_of_the_period_and_cites_the_plan(
    personas, dash_plan, client_for
):
    doc = report(client_for(personas.ward_a_officer), dash_plan, "quy-3")
    heading = doc.tables[0]
    # The body's name is set on two lines ("ỦY BAN NHÂN DÂN" over "PHƯỜNG AN BÌNH").
    assert "ỦY BAN NHÂN DÂN PHƯỜNG AN BÌNH" in " ".join(heading.cell(0, 0).text.split())
    assert "Số:      /BC-UBND" in heading.cell(1, 0).text
    body = text(doc)
    assert "BÁO CÁO" in body
    assert "Kết quả thực hiện Kế hoạch cải cách hành chính năm 2026 (Quý III)" in body
    assert (
        "Thực hiện Kế hoạch số 15/KH-UBND ngày 10/01/2026 về kế hoạch CCHC, Ủy ban nhân dân phường An Bình"
        in body
    )
    assert "số liệu tính đến ngày 15/06/2026" in body
    assert "Tỷ lệ nhiệm vụ hoàn thành đúng hạn đạt 40,0% so với chỉ tiêu 100%" in body
    for placeholder in (
        "II. KHÓ KHĂN, VƯỚNG MẮC",
        "III. PHƯƠNG HƯỚNG, NHIỆM VỤ QUÝ TỚI",
        "[Đơn vị tự viết",
    ):
        assert placeholder in body


def test_the_yearly_report_has_no_period_in_its_title_and_looks_to_next_year(
    personas, dash_plan, client_for
):
    body = text(report(client_for(personas.ward_a_officer), dash_plan, "nam"))
    assert "Kết quả thực hiện Kế hoạch cải cách hành chính năm 2026\n" in body + "\n"
    assert "(Quý" not in body and "NHIỆM VỤ NĂM 2027" in body


def test_the_table_of_results_by_area_holds_the_counts_and_rates(personas, dash_plan, client_for):
    rows = table_starting(report(client_for(personas.ward_a_officer), dash_plan), "Lĩnh vực")
    assert rows[0][2:] == [
        "Số nhiệm vụ",
        "Hoàn thành đúng hạn",
        "Hoàn thành muộn",
        "Đang quá hạn",
        "Tỷ lệ đúng hạn (%)",
    ]
    assert rows[1] == ["1", "Cải cách thể chế", "3", "2", "1", "0", "66,7"]
    assert rows[2] == ["2", "Cải cách thủ tục hành chính", "5", "0", "0", "2", "0,0"]
    assert rows[3] == ["", "Tổng cộng", "8", "2", "1", "2", "40,0"]


def test_the_table_of_tasks_not_done_or_late_lists_overdue_first_with_the_lead_office(
    personas, dash_plan, client_for
):
    rows = table_starting(report(client_for(personas.ward_a_officer), dash_plan), "Nhiệm vụ")
    assert [r[0] for r in rows[1:]] == ["4", "8", "3", "5", "7"]
    assert rows[1][2] == "Phòng Văn hóa - Xã hội" and rows[1][3] == "31/05/2026"
    assert rows[1][4].startswith("Đang quá hạn")
    assert rows[3][4] == "Hoàn thành muộn ngày 10/05/2026"


def test_the_table_of_targets_shows_the_measured_value_and_whether_it_is_achieved(
    personas, dash_plan, client_for
):
    first = dash_plan.targets.create(
        code="a", text="100% hồ sơ giải quyết đúng hạn", comparator="gte", value=100, value_unit="%"
    )
    dash_plan.targets.create(code="b", text="Xếp hạng Chỉ số CCHC thuộc nhóm dẫn đầu", order=1)
    TargetMeasure.objects.create(
        target=first,
        period_label="Quý II/2026",
        period_end=date(2026, 6, 30),
        value=97.5,
        achieved=False,
    )
    rows = table_starting(report(client_for(personas.ward_a_officer), dash_plan), "Chỉ tiêu")
    assert rows[1] == ["1", "100% hồ sơ giải quyết đúng hạn", "97,5 % (Quý II/2026)", "Không đạt"]
    assert rows[2] == [
        "2",
        "Xếp hạng Chỉ số CCHC thuộc nhóm dẫn đầu",
        "Chưa có số liệu",
        "Chưa đánh giá",
    ]


def test_a_plan_adopted_by_a_decision_without_a_number_yet_is_cited_by_its_symbol_and_month(
    personas, dash_plan, client_for
):
    doc = dash_plan.document
    doc.doc_type, doc.number, doc.symbol, doc.date_precision = "QĐ", "", "QĐ-UBND", "month"
    doc.title = "Ban hành Kế hoạch cải cách hành chính nhà nước phường An Bình năm 2026"
    doc.save()
    body = text(report(client_for(personas.ward_a_officer), dash_plan))
    assert (
        "Thực hiện Quyết định số …/QĐ-UBND tháng 01/2026 ban hành Kế hoạch cải cách hành chính nhà nước"
        in body
    )


def test_the_report_is_signed_for_the_committee_and_sent_to_the_department_with_a_file_copy(
    personas, dash_plan, client_for
):
    doc = report(client_for(personas.ward_a_officer), dash_plan)
    heading = doc.tables[0]
    assert heading.cell(1, 1).text.strip() == "An Bình, ngày … tháng … năm …"
    signature = doc.tables[-1]
    assert [p.text for p in signature.cell(0, 1).paragraphs if p.text] == [
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
    ]
    assert [p.text for p in signature.cell(0, 0).paragraphs if p.text] == [
        "Nơi nhận:",
        "- Sở Nội vụ thành phố;",
        "- Thường trực Đảng ủy, HĐND;",
        "- Lưu: VT.",
    ]
    assert text(doc).strip().endswith("của Ủy ban nhân dân phường An Bình./.")
    page_field = doc.sections[0].header._element.xml
    assert "PAGE" in page_field and doc.sections[0].different_first_page_header_footer


def test_a_departments_report_carries_the_city_committee_above_it_and_is_signed_by_the_director(
    personas, client_for
):
    from cchc.plans.tests.plan_builder import PlanBuilder

    plan = PlanBuilder(personas.dept, number="03/KH-SNV").area("I", "Cải cách thể chế").plan
    doc = report(client_for(personas.city_officer), plan, "nam")
    heading = doc.tables[0]
    assert [p.text for p in heading.cell(0, 0).paragraphs if p.text] == [
        "ỦY BAN NHÂN DÂN",
        "THÀNH PHỐ THỬ NGHIỆM",
        "SỞ NỘI VỤ THỬ NGHIỆM",
    ]
    assert "Số:      /BC" == heading.cell(1, 0).text.strip()
    signature = [p.text for p in doc.tables[-1].cell(0, 1).paragraphs if p.text]
    assert signature == ["GIÁM ĐỐC"]
