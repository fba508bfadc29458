"""The pages under /sang-kien/: the register, the form, an initiative with its buttons, the scoring form, the
decisions, the councils and the counts; outside the scope 404, inside but not allowed 403."""

import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from docx import Document as Docx
from openpyxl import load_workbook

from cchc.initiatives import services
from cchc.initiatives.choices import InitiativeStatus
from cchc.initiatives.models import Initiative, InitiativeCouncil, Score
from cchc.initiatives.tests.conftest import FAILING, PASSING
from cchc.registry.models import Document

pytestmark = pytest.mark.django_db


def test_the_register_searches_without_diacritics_and_exports(client_for, world):
    world.initiative(title="Phiếu hẹn điện tử gửi qua tin nhắn")
    world.initiative(title="Sổ tay thủ tục", authors=[(None, None)])
    c = client_for(world.p.ward_a_officer)
    listing = c.get("/sang-kien/", {"q": "phieu hen tin nhan"}).context["listing"]
    assert [i.title for i in listing.rows] == ["Phiếu hẹn điện tử gửi qua tin nhắn"]
    by_author = c.get("/sang-kien/", {"q": "nguyen thi lan"}).context["listing"]
    assert by_author.total == 1
    export = c.get("/sang-kien/", {"export": "xlsx", "sort": "title"})
    rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
    assert rows[0][:4] == ("Tên sáng kiến", "Loại", "Đơn vị", "Năm")
    assert rows[2][0] == "Sổ tay thủ tục" and rows[2][5] == "Tập thể Phường An Bình"
    assert c.get("/sang-kien/", {"status": "draft", "year": "2027"}).context["listing"].total == 2
    office = c.get("/sang-kien/", {"unit": str(world.p.ward_b.pk)}).context["listing"]
    assert office.total == 0


def test_the_register_reads_a_fixed_number_of_queries(client_for, world):
    c = client_for(world.p.ward_a_officer)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert c.get("/sang-kien/").status_code == 200
        return len(ctx.captured_queries)

    world.initiative()
    few = count()
    for i in range(12):
        world.initiative(title=f"Sáng kiến số {i}")
    assert count() == few


def test_an_officer_creates_an_initiative_with_its_authors(client_for, world):
    c = client_for(world.p.ward_a_officer)
    assert c.get("/sang-kien/them/").status_code == 200
    data = {
        "unit": world.p.office_a.pk,
        "year": "2027",
        "kind": "giai_phap",
        "area": "so",
        "council": world.council.pk,
        "title": "Nhắc hẹn qua Zalo",
        "description": "Nhắc lịch hẹn trả kết quả.",
        "novelty": "Mới",
        "effect": "Giảm 30% người đến sớm.",
        "applied_since": "01/02/2027",
        "effect_scope": "commune",
        "authors-TOTAL_FORMS": "3",
        "authors-INITIAL_FORMS": "0",
        "authors-0-person": world.people["lan"].pk,
        "authors-0-share": "70",
        "authors-1-person": world.people["hung"].pk,
        "authors-1-share": "20",
    }
    page = c.post("/sang-kien/them/", data)
    assert page.status_code == 200
    assert "Tổng tỷ lệ đóng góp của các tác giả là 90%, phải bằng 100%." in page.content.decode()
    data["authors-1-share"] = "30"
    response = c.post("/sang-kien/them/", data)
    initiative = Initiative.objects.get(title="Nhắc hẹn qua Zalo")
    assert response["Location"] == f"/sang-kien/{initiative.pk}/"
    assert initiative.unit == world.p.office_a and initiative.applied_since == date(2027, 2, 1)
    assert initiative.author_names == "Nguyễn Thị Lan (70%); Trần Văn Hùng (30%)"


def test_the_buttons_follow_the_user_and_the_state(client_for, world):
    initiative = world.initiative()
    url = f"/sang-kien/{initiative.pk}/"
    officer = client_for(world.p.ward_a_officer).get(url).content.decode()
    assert 'data-transition="submit"' in officer and 'id="initiative-edit"' in officer
    viewer = client_for(world.p.ward_a_viewer).get(url).content.decode()
    assert "data-transition" not in viewer and 'id="initiative-edit"' not in viewer
    assert client_for(world.p.ward_b_officer).get(url).status_code == 404
    services.initiative_submit(actor=world.p.ward_a_officer, initiative=initiative)
    member = client_for(world.member).get(url).content.decode()
    assert "data-transition" not in member
    secretary = client_for(world.p.ward_a_officer).get(url).content.decode()
    assert 'data-transition="open_scoring"' in secretary


def test_a_member_fills_the_scoring_form(client_for, world):
    initiative = world.to_scoring(world.initiative())
    url = f"/sang-kien/{initiative.pk}/cham-diem/"
    criteria = list(world.council.criteria.order_by("order"))
    member = client_for(world.member)
    assert member.get(url).status_code == 200
    bad = member.post(
        url, {f"c{c.pk}": v for c, v in zip(criteria, ["35", "30", "15", "5"], strict=True)}
    )
    assert "Điểm tiêu chí “Tính mới” là 35, vượt điểm tối đa 30." in bad.content.decode()
    good = member.post(
        url, {f"c{c.pk}": v for c, v in zip(criteria, ["25,5", "30", "15", "5"], strict=True)}
    )
    assert good.status_code == 302
    assert sorted(Score.objects.filter(initiative=initiative).values_list("points", flat=True)) == [
        5,
        15,
        25.5,
        30,
    ]
    assert client_for(world.p.ward_a_officer).get(url).status_code == 403  # the secretary
    assert client_for(world.p.ward_b_officer).get(url).status_code == 404


def test_the_secretary_recognises_with_the_decision_and_the_page_shows_it(client_for, world):
    initiative = world.to_scoring(world.initiative())
    world.scores(initiative, PASSING)
    c = client_for(world.p.ward_a_officer)
    url = f"/sang-kien/{initiative.pk}/cong-nhan/"
    form = c.get(url).content.decode()
    assert "Điểm trung bình 82/100 ≥ ngưỡng 70 — đạt" in form
    bad = c.post(url, {"number": "7/QĐ-UBND", "decided_on": "31/02/2027"})
    assert "Ngày “31/02/2027” không hợp lệ: nhập dd/mm/yyyy." in bad.content.decode()
    c.post(url, {"number": "7/QĐ-UBND", "decided_on": "15/04/2027", "signer": "Nguyễn Văn An"})
    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.RECOGNISED
    assert Document.objects.get(pk=initiative.decision_id).signer == "Nguyễn Văn An"
    page = c.get(f"/sang-kien/{initiative.pk}/").content.decode()
    assert "Được công nhận <strong>cấp xã, phường</strong> ngày 15/04/2027" in page
    assert "Quyết định số 7/QĐ-UBND" in page
    assert client_for(world.member).get(url).status_code == 403


def test_a_refusal_below_the_threshold_takes_the_verdict(client_for, world):
    initiative = world.to_scoring(world.initiative())
    world.scores(initiative, FAILING)
    c = client_for(world.p.ward_a_officer)
    c.post(f"/sang-kien/{initiative.pk}/khong-cong-nhan/", {"reason": ""})
    initiative.refresh_from_db()
    assert initiative.refusal_reason == "Điểm trung bình 56,7/100 < ngưỡng 70 — không đạt"


def test_returning_from_the_page_asks_for_a_reason(client_for, world):
    initiative = world.initiative()
    services.initiative_submit(actor=world.p.ward_a_officer, initiative=initiative)
    c = client_for(world.p.ward_a_officer)
    response = c.post(f"/sang-kien/{initiative.pk}/tra-lai/", {"reason": ""}, follow=True)
    assert "Vui lòng ghi rõ lý do." in response.content.decode()
    c.post(f"/sang-kien/{initiative.pk}/tra-lai/", {"reason": "Thiếu minh chứng."})
    initiative.refresh_from_db()
    assert initiative.status == InitiativeStatus.DRAFT
    page = c.get(f"/sang-kien/{initiative.pk}/").content.decode()
    assert "Hội đồng trả lại để hoàn thiện:</strong> Thiếu minh chứng." in page


def test_the_unit_records_an_outside_decision(client_for, world):
    initiative = world.initiative(council="outside")
    c = client_for(world.p.ward_a_officer)
    url = f"/sang-kien/{initiative.pk}/ghi-nhan-quyet-dinh/"
    assert "Hội đồng sáng kiến Bộ Thử Nghiệm" in c.get(url).content.decode()
    c.post(url, {"council": world.outside.pk, "number": "88/QĐ-BTN", "decided_on": "02/03/2027"})
    initiative.refresh_from_db()
    assert (initiative.status, initiative.level) == (InitiativeStatus.RECOGNISED, "ministry")
    assert client_for(world.p.ward_a_viewer).get(url).status_code == 403


def test_evidence_is_added_and_removed_on_a_draft(client_for, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    initiative = world.initiative()
    c = client_for(world.p.ward_a_officer)
    upload = SimpleUploadedFile("minh-chung.txt", "Báo cáo hiệu quả".encode(), "text/plain")
    c.post(f"/sang-kien/{initiative.pk}/minh-chung/", {"file": upload})
    f = initiative.files.get()
    assert c.get(f"/sang-kien/minh-chung/{f.pk}/").status_code == 200
    assert (
        client_for(world.p.ward_b_officer).get(f"/sang-kien/minh-chung/{f.pk}/").status_code == 404
    )
    c.post(f"/sang-kien/minh-chung/{f.pk}/go/")
    assert not initiative.files.exists()


def test_the_counts_page_says_who_reaches_two_and_exports(client_for, world):
    world.recognised(title="Một")
    world.recognised(title="Hai", number="16/QĐ-UBND")
    c = client_for(world.p.city_officer)
    page = c.get("/sang-kien/thong-ke/", {"from": "2026", "to": "2030", "need": "2"})
    body = page.content.decode()
    assert "Sáng kiến được công nhận mọi cấp, 2026 – 2030" in body
    rows = {r.unit: r.count for r, _ in page.context["page"].object_list}
    assert rows["Phường An Bình"] == 2 and rows["Phường Bình Minh"] == 0
    assert page.context["passing"] == 1
    export = c.get(
        "/sang-kien/thong-ke/", {"from": "2026", "to": "2030", "need": "2", "export": "xlsx"}
    )
    sheet = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
    assert (
        sheet[0][:2] == ("Đơn vị", "Sáng kiến được công nhận")
        and sheet[0][-1] == "Đạt từ 2 sáng kiến"
    )
    assert ("Phường An Bình", 2) == sheet[1][:2] and sheet[1][-1] == "Đạt"
    people = c.get("/sang-kien/thong-ke/", {"from": "2027", "by": "person", "level": "commune"})
    assert [r.person for r, _ in people.context["page"].object_list] == [
        "Nguyễn Thị Lan",
        "Trần Văn Hùng",
    ]
    wrong = c.get("/sang-kien/thong-ke/", {"from": "2030", "to": "2026"})
    assert wrong.status_code == 200
    assert "Năm bắt đầu (2030) sau năm kết thúc (2026)." in wrong.content.decode()


def test_the_standing_agency_keeps_the_council(client_for, world):
    c = client_for(world.p.ward_a_officer)
    response = c.post(
        "/sang-kien/hoi-dong/them/",
        {"unit": world.p.ward_a.pk, "name": "Hội đồng sáng kiến nhiệm kỳ 2027", "level": "commune"},
    )
    council = InitiativeCouncil.objects.get(name="Hội đồng sáng kiến nhiệm kỳ 2027")
    assert response["Location"] == f"/sang-kien/hoi-dong/{council.pk}/"
    sheet = {
        "threshold": "75",
        "criteria-TOTAL_FORMS": "3",
        "criteria-INITIAL_FORMS": "0",
        "criteria-0-name": "Tính mới",
        "criteria-0-max_points": "50",
        "criteria-1-name": "Tính hiệu quả",
        "criteria-1-max_points": "50",
    }
    c.post(f"/sang-kien/hoi-dong/{council.pk}/phieu-cham/", sheet)
    assert [(x.name, x.max_points) for x in council.criteria.order_by("order")] == [
        ("Tính mới", 50),
        ("Tính hiệu quả", 50),
    ]
    c.post(
        f"/sang-kien/hoi-dong/{council.pk}/thanh-vien/",
        {"user": world.member.pk, "role": "uy_vien"},
    )
    member = council.members.get()
    c.post(f"/sang-kien/hoi-dong/{council.pk}/thanh-vien/{member.pk}/bot/")
    assert not council.members.exists()
    assert client_for(world.member).get(f"/sang-kien/hoi-dong/{council.pk}/sua/").status_code == 403
    assert (
        client_for(world.p.ward_b_officer).get(f"/sang-kien/hoi-dong/{council.pk}/").status_code
        == 404
    )
    city = client_for(world.p.ward_a_officer).get(f"/sang-kien/hoi-dong/{world.city_council.pk}/")
    assert city.status_code == 200  # a ward reads the city's council it submits to


def test_the_word_draft_of_the_decision_names_the_initiative_and_its_authors(client_for, world):
    initiative = world.recognised(title="Tra cứu hồ sơ bằng mã QR")
    response = client_for(world.p.ward_a_officer).get(
        f"/sang-kien/{initiative.pk}/du-thao-quyet-dinh/"
    )
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    doc = Docx(io.BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Về việc công nhận sáng kiến “Tra cứu hồ sơ bằng mã QR”" in text
    assert "là sáng kiến cấp xã, phường" in text
    assert "Theo đề nghị của Hội đồng sáng kiến phường An Bình (điểm trung bình 82/100)" in text
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    assert "Nguyễn Thị Lan" in cells and "60%" in cells
    assert (
        client_for(world.p.ward_a_viewer)
        .get(f"/sang-kien/{initiative.pk}/du-thao-quyet-dinh/")
        .status_code
        == 403
    )
    Initiative.objects.filter(pk=initiative.pk).update(council=None)
    assert (
        client_for(world.p.admin).get(f"/sang-kien/{initiative.pk}/du-thao-quyet-dinh/").status_code
        == 404
    )
