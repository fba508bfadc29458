"""One template per kind: what each kind requires, on the sample documents the award modules will build."""

import shutil
import subprocess
from datetime import datetime

import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from cchc.documents import kinds
from cchc.documents.spec import Article, Issuer, Kind, Paragraph, Participant, Signer
from cchc.documents.tests import samples
from cchc.documents.tests.reading import (
    body_lines,
    bold,
    italic,
    lines,
    open_docx,
    paragraph,
)
from cchc.documents.word import render


@pytest.mark.parametrize(
    "kind, issuer, unit, expected",
    [
        (Kind.DECISION, samples.WARD, "", "QĐ-UBND"),
        (Kind.SUBMISSION, samples.WARD, "", "TTr-UBND"),
        (Kind.MINUTES, samples.COUNCIL, "", "BB-HĐTĐKT"),
        (Kind.PLAN, samples.COUNCIL, "", "KH-HĐTĐKT"),
        (Kind.REPORT, Issuer(name="Sở Nội vụ"), "", "BC"),
        (Kind.LETTER, samples.WARD, "VHXH", "UBND-VHXH"),
        (Kind.LETTER, samples.WARD, "", "UBND"),
    ],
)
def test_the_symbol_joins_the_type_and_the_body_and_a_letter_the_body_and_the_drafting_unit(
    kind, issuer, unit, expected
):
    assert kinds.symbol_for(kind, issuer, drafting_unit=unit) == expected


def test_a_decision_has_the_authority_line_the_bases_decides_and_numbered_articles():
    doc = open_docx(render(samples.award_decision()))
    header = doc.tables[0]
    assert lines(header.cell(0, 0)) == ["ỦY BAN NHÂN DÂN", "PHƯỜNG LÊ CHÂN"]
    assert lines(header.cell(1, 0)) == ["Số: 05/QĐ-UBND"]
    assert lines(header.cell(1, 1)) == ["Lê Chân, ngày 15 tháng 3 năm 2027"]
    texts = body_lines(doc)
    assert texts[0] == "QUYẾT ĐỊNH"
    assert texts[1].startswith("Về việc khen thưởng thành tích")
    assert texts[2:8] == [
        "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG LÊ CHÂN",
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
        "Theo đề nghị của Trưởng phòng Văn hóa - Xã hội.",
        "QUYẾT ĐỊNH:",
        "Điều 1. Tặng Giấy khen cho 03 tập thể và 40 cá nhân có thành tích xuất sắc trong thực "
        "hiện phong trào thi đua (có danh sách kèm theo).",
    ]
    assert bold(paragraph(doc, "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG LÊ CHÂN"))
    assert italic(paragraph(doc, "Theo đề nghị của Trưởng phòng Văn hóa - Xã hội."))
    assert texts[8] == "Điều 2. Quyết định này có hiệu lực kể từ ngày ký."
    assert texts[9].startswith("Điều 3.") and texts[9].endswith("thi hành Quyết định này./.")


def test_a_decision_is_signed_by_the_chairman_and_sent_as_article_three_says_and_to_the_archive():
    doc = open_docx(render(samples.award_decision()))
    signature = next(t for t in doc.tables if "Nơi nhận:" in t.cell(0, 0).text)
    assert lines(signature.cell(0, 1)) == ["CHỦ TỊCH", "Nguyễn Văn An"]
    assert lines(signature.cell(0, 0)) == [
        "Nơi nhận:",
        "- Như Điều 3;",
        "- Thường trực Đảng ủy phường;",
        "- Lưu: VT, VHXH.",
    ]


def test_the_award_decisions_annex_is_a_landscape_table_on_a_new_page_citing_the_decision():
    doc = open_docx(render(samples.award_decision()))
    main, annex = doc.sections
    assert main.orientation == WD_ORIENT.PORTRAIT and annex.orientation == WD_ORIENT.LANDSCAPE
    assert annex._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
    texts = body_lines(doc)
    start = texts.index("Phụ lục")
    assert texts[start : start + 3] == [
        "Phụ lục",
        "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC TẶNG GIẤY KHEN",
        "(Kèm theo Quyết định số 05/QĐ-UBND ngày 15 tháng 3 năm 2027 "
        "của Chủ tịch Ủy ban nhân dân phường Lê Chân)",
    ]
    # The annex's table is the last table and lies in the landscape section.
    body = doc.element.body
    table = doc.tables[-1]
    break_paragraph = next(
        p for p in body.iter(qn("w:p")) if p.find(qn("w:pPr") + "/" + qn("w:sectPr")) is not None
    )
    assert list(body).index(table._tbl) > list(body).index(break_paragraph)
    assert [c.text for c in table.rows[0].cells] == [
        "TT",
        "Tên tập thể, cá nhân",
        "Chức vụ, đơn vị",
        "Hình thức",
    ]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert table.rows[1].cells[0].text == "I. TẬP THỂ"
    assert [c.text for c in table.rows[2].cells][:2] == ["1", "Phòng chuyên môn số 1"]
    assert len(table.rows) == 1 + 1 + 3 + 1 + 40
    assert round(sum(c.width.mm for c in table.rows[2].cells)) == 297 - 45


def test_a_decision_names_the_executing_article_and_needs_at_least_one_article():
    spec = kinds.decision(
        issuer=samples.WARD,
        authority="Chủ tịch Ủy ban nhân dân phường Lê Chân",
        title="Về việc thành lập Hội đồng",
        bases=["Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022"],
        articles=[Article(["A"]), Article(["B"]), Article(["C"]), Article(["D"])],
        signer=samples.CHAIRMAN,
        executing_article=3,
    )
    assert spec.recipients == ["Như Điều 3", "Lưu: VT"]
    with pytest.raises(ValueError):
        kinds.decision(
            issuer=samples.WARD,
            authority="Chủ tịch",
            title="x",
            bases=[],
            articles=[],
            signer=samples.CHAIRMAN,
        )


def test_minutes_have_no_date_line_record_the_meeting_and_are_signed_by_secretary_and_chair():
    doc = open_docx(render(samples.council_minutes()))
    header = doc.tables[0]
    assert lines(header.cell(0, 0)) == [
        "ỦY BAN NHÂN DÂN",
        "PHƯỜNG LÊ CHÂN",
        "HỘI ĐỒNG THI ĐUA -",
        "KHEN THƯỞNG",
        "PHƯỜNG LÊ CHÂN",
    ]
    assert lines(header.cell(1, 0)) == ["Số:      /BB-HĐTĐKT"]
    assert lines(header.cell(1, 1)) == []
    texts = body_lines(doc)
    assert texts[0] == "BIÊN BẢN"
    for line in (
        "Thời gian bắt đầu: 08 giờ 00 phút, ngày 10 tháng 3 năm 2027.",
        "Địa điểm: Hội trường Ủy ban nhân dân phường Lê Chân.",
        "- Ông Nguyễn Văn An - Chủ tịch UBND phường, Chủ tịch Hội đồng;",
        "- Các thành viên Hội đồng: 07/09 người.",
        "Chủ trì (chủ tọa): Nguyễn Văn An - Chủ tịch Hội đồng.",
        "Thư ký (người ghi biên bản): Phạm Minh Đức - Chuyên viên Phòng Văn hóa - Xã hội.",
    ):
        assert line in texts
    assert texts[-1] == "Cuộc họp kết thúc vào 10 giờ 30 phút, ngày 10 tháng 3 năm 2027./."
    signers = doc.tables[-1]
    assert [lines(c) for c in signers.rows[0].cells] == [
        ["THƯ KÝ", "Phạm Minh Đức"],
        ["CHỦ TỌA", "Nguyễn Văn An"],
    ]
    everything = "\n".join(texts + [c.text for t in doc.tables for r in t.rows for c in r.cells])
    assert "Nơi nhận" not in everything


def test_a_ballot_count_record_can_be_signed_by_the_whole_counting_board():
    spec = kinds.minutes(
        issuer=samples.COUNCIL,
        title="Kiểm phiếu bầu",
        started_at=None,
        venue="Phòng họp",
        attendees=["Ban kiểm phiếu"],
        chair=Participant("Lê Văn C", "Trưởng ban kiểm phiếu"),
        secretary=Participant("Đỗ Thị D"),
        content=[Paragraph("Số phiếu phát ra: 9; số phiếu thu về: 9.")],
        signers=[
            Signer(position="Thành viên", name="Đỗ Thị D"),
            Signer(position="Thành viên", name="Vũ Văn E"),
            Signer(position="Trưởng ban kiểm phiếu", name="Lê Văn C"),
        ],
    )
    doc = open_docx(render(spec))
    assert "Thời gian bắt đầu: … giờ … phút, ngày … tháng … năm …." in body_lines(doc)
    assert [lines(c)[-1] for c in doc.tables[-1].rows[0].cells] == [
        "Đỗ Thị D",
        "Vũ Văn E",
        "Lê Văn C",
    ]


def test_a_submission_is_addressed_sends_a_copy_as_above_and_is_signed_by_a_deputy():
    doc = open_docx(render(samples.submission()))
    texts = body_lines(doc)
    assert texts[:2] == ["TỜ TRÌNH", "Về việc đề nghị tặng Bằng khen của Chủ tịch UBND thành phố"]
    header = doc.tables[0]
    assert lines(header.cell(1, 0)) == ["Số:      /TTr-UBND"]
    assert lines(header.cell(1, 1)) == ["Lê Chân, ngày … tháng … năm …"]
    kinh_gui = doc.tables[1]
    assert lines(kinh_gui.cell(0, 0)) == ["Kính gửi:"]
    assert lines(kinh_gui.cell(0, 1)) == [
        "- Ủy ban nhân dân thành phố Hải Phòng;",
        "- Sở Nội vụ thành phố Hải Phòng.",
    ]
    signature = doc.tables[-1]
    assert lines(signature.cell(0, 1)) == [
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Trần Thị Bình",
    ]
    assert lines(signature.cell(0, 0)) == ["Nơi nhận:", "- Như trên;", "- Lưu: VT, VHXH."]
    with pytest.raises(ValueError):
        kinds.submission(
            issuer=samples.WARD, title="x", addressees=[], blocks=[], signer=samples.CHAIRMAN
        )


def test_a_letter_has_no_type_name_and_its_subject_follows_v_v_under_the_number():
    doc = open_docx(render(samples.letter()))
    header = doc.tables[0]
    number_cell = lines(header.cell(1, 0))
    assert number_cell[0] == "Số: 12/UBND-VHXH"
    assert " ".join(" ".join(number_cell[1:]).split()) == (
        "V/v đôn đốc nộp hồ sơ đề nghị khen thưởng năm 2026"
    )
    assert lines(header.cell(1, 1)) == ["Lê Chân, ngày 05 tháng 02 năm 2027"]
    texts = body_lines(doc)
    assert texts[0] == "Kính gửi: Các phòng chuyên môn thuộc UBND phường"
    assert "CÔNG VĂN" not in texts
    assert texts[1] == "Đề nghị các đơn vị gửi hồ sơ trước ngày 10/3/2027./."
    assert lines(doc.tables[-1].cell(0, 1))[:2] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]


def test_a_report_is_addressed_only_when_asked_and_a_plan_never():
    plain = kinds.report(
        issuer=samples.WARD, title="Báo cáo", blocks=[], signer=samples.CHAIRMAN, archive="VHXH"
    )
    assert plain.recipients == ["Lưu: VT, VHXH"] and plain.symbol == "BC-UBND"
    upward = kinds.report(
        issuer=samples.WARD,
        title="Báo cáo",
        blocks=[],
        signer=samples.CHAIRMAN,
        addressees=["Sở Nội vụ"],
        recipients=["Lưu: VT, VHXH, 02b"],
    )
    assert upward.recipients == ["Như trên", "Lưu: VT, VHXH, 02b"]
    doc = open_docx(render(samples.plan()))
    texts = body_lines(doc)
    assert texts[:3] == [
        "KẾ HOẠCH",
        "Phát động phong trào thi đua năm 2027",
        "I. MỤC ĐÍCH, YÊU CẦU",
    ]
    assert lines(doc.tables[0].cell(1, 0)) == ["Số:      /KH-UBND"]
    assert lines(doc.tables[-1].cell(0, 0)) == ["Nơi nhận:", "- Sở Nội vụ;", "- Lưu: VT."]


def test_clock_writes_hours_minutes_and_the_long_date():
    assert kinds.clock(datetime(2027, 1, 5, 8, 5)) == "08 giờ 05 phút, ngày 05 tháng 01 năm 2027"
    assert kinds.clock(None) == "… giờ … phút, ngày … tháng … năm …"


@pytest.mark.slow
@pytest.mark.skipif(
    not (shutil.which("libreoffice") and shutil.which("pdfinfo")),
    reason="needs Debian's libreoffice-writer and poppler-utils",
)
def test_libreoffice_prints_the_decision_on_a_portrait_page_and_its_annex_on_landscape_pages(
    tmp_path,
):
    source = tmp_path / "quyet-dinh.docx"
    source.write_bytes(render(samples.award_decision()))
    subprocess.run(
        ["libreoffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), source],
        check=True,
        capture_output=True,
        timeout=180,
    )
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "9", str(tmp_path / "quyet-dinh.pdf")],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    sizes = [
        line.split("size:")[1].split("pts")[0].split(" x ")
        for line in info.splitlines()
        if line.startswith("Page") and "size:" in line
    ]
    orientation = ["landscape" if float(w) > float(h) else "portrait" for w, h in sizes]
    assert orientation == ["portrait", "landscape", "landscape"]
