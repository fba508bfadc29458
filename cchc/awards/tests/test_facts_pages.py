"""The fact registers on the demo city: discipline, evaluations, CCHC work and manual checks are listed within
the scope of the person's unit, recorded by the unit's staff with an audit entry, refused with a Vietnamese
message naming the field, and the demo's facts are there (a reprimand in Khúc Thừa Dụ, a checked standard)."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from openpyxl import load_workbook

from cchc.awards.models import (
    CchcAssignment,
    DisciplineRecord,
    Evaluation,
    ManualCheck,
    Programme,
)
from cchc.core.models import AuditLog
from cchc.orgs.models import Person, Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_user(demo_city, settings):
    settings.CCHC_TODAY = "26/11/2027"

    def login(username: str) -> Client:
        c = Client()
        c.force_login(get_user_model().objects.get(username=username))
        return c

    return login


def _person(level: str, office: str, position: str) -> Person:
    unit = Unit.objects.get(short_name=level, kind__in=["ward", "commune"])
    return Person.objects.get(unit__code=f"{unit.code}-{office}", position=position)


def test_the_demo_records_a_reprimand_in_khuc_thua_du_and_the_checks_of_le_chan(demo_city):
    ktd = DisciplineRecord.objects.get(person=_person("Khúc Thừa Dụ", "VP", "Chuyên viên"))
    assert ktd.level == "khien_trach" and ktd.decided_on.year == 2026
    check = ManualCheck.objects.get(programme__code="lc259_tp_hang_nam_tap_the")
    assert check.criterion == "ky_cuong" and check.passed and check.year == 2026
    assert not ManualCheck.objects.filter(criterion="ket_qua_tthc_cds").exists()
    lc_cchc = _person("Lê Chân", "VHXH", "Chuyên viên CCHC")
    assert Evaluation.objects.get(person=lc_cchc, year=2026).grade == "htxs"
    assert CchcAssignment.objects.filter(person=lc_cchc, direct=True).exists()


def test_each_register_lists_only_the_facts_of_the_scope(as_user):
    lechan = as_user("lechan")
    page = lechan.get("/khen-thuong/du-lieu/ky-luat/")
    names = {obj.person.full_name for obj, _, _ in page.context["rows"]}
    ktd = _person("Khúc Thừa Dụ", "VP", "Chuyên viên")
    assert ktd.full_name not in names
    assert as_user("khucthuadu").get("/khen-thuong/du-lieu/ky-luat/").context["listing"].total == 1
    for slug in ("xep-loai", "xep-loai-tap-the", "cong-tac-cchc", "kiem-tra-tieu-chuan"):
        assert lechan.get(f"/khen-thuong/du-lieu/{slug}/").status_code == 200, slug
    assert lechan.get("/khen-thuong/du-lieu/khong-co/").status_code == 404
    record = DisciplineRecord.objects.get(person=ktd)
    assert lechan.get(f"/khen-thuong/du-lieu/ky-luat/{record.pk}/sua/").status_code == 404
    checks = lechan.get("/khen-thuong/du-lieu/kiem-tra-tieu-chuan/").context["listing"]
    assert checks.total == 1


def test_the_evaluations_search_without_diacritics_and_export(as_user):
    c = as_user("lechan")
    person = _person("Lê Chân", "VHXH", "Chuyên viên CCHC")
    from cchc.core.text import fold

    found = c.get("/khen-thuong/du-lieu/xep-loai/", {"q": fold(person.full_name)}).context[
        "listing"
    ]
    assert found.total >= 2 and {r.person_id for r in found.rows} == {person.pk}
    export = c.get("/khen-thuong/du-lieu/xep-loai/", {"export": "xlsx", "year": "2026"})
    rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
    assert rows[0] == ("Cá nhân", "Đơn vị", "Năm", "Xếp loại")
    assert all(r[2] == 2026 for r in rows[1:]) and len(rows) > 3


def test_an_officer_records_a_discipline_with_an_audit_entry_and_bad_input_names_the_field(as_user):
    c = as_user("lechan")
    person = _person("Lê Chân", "KTHTĐT", "Chuyên viên")
    url = "/khen-thuong/du-lieu/ky-luat/them/"
    assert c.get(url).status_code == 200
    ok = c.post(
        url,
        {"person": person.pk, "level": "khien_trach", "decided_on": "12/05/2027", "ends_on": ""},
    )
    assert ok.status_code == 302
    record = DisciplineRecord.objects.get(person=person)
    assert record.unit == person.unit and record.decided_on.isoformat() == "2027-05-12"
    assert AuditLog.objects.filter(
        action="award_discipline.create", object_id=str(record.pk)
    ).exists()
    later = c.post(url, {"person": person.pk, "level": "canh_cao", "decided_on": "01/12/2027"})
    assert "chưa đến" in " ".join(later.context["form"].errors["decided_on"])
    ends = c.post(
        url,
        {
            "person": person.pk,
            "level": "canh_cao",
            "decided_on": "01/05/2027",
            "ends_on": "01/04/2027",
        },
    )
    assert "từ ngày quyết định" in " ".join(ends.context["form"].errors["ends_on"])
    doc = c.post(
        url,
        {
            "person": person.pk,
            "level": "canh_cao",
            "decided_on": "01/05/2027",
            "document_number": "999/QĐ-KHONG",
        },
    )
    assert "999/QĐ-KHONG" in " ".join(doc.context["form"].errors["document_number"])
    outside = _person("Khúc Thừa Dụ", "VP", "Chuyên viên")
    refused = c.post(url, {"person": outside.pk, "level": "canh_cao", "decided_on": "01/05/2027"})
    assert refused.status_code == 200 and refused.context["form"].errors["person"]
    assert DisciplineRecord.objects.filter(person=person).count() == 1


def test_the_viewer_cannot_record_facts(as_user):
    viewer = as_user("lechan.xem")
    assert viewer.get("/khen-thuong/du-lieu/xep-loai/them/").status_code == 403
    assert viewer.get("/khen-thuong/du-lieu/xep-loai/").status_code == 200


def test_one_evaluation_a_year_and_a_spell_of_work_does_not_overlap(as_user):
    c = as_user("lechan")
    person = _person("Lê Chân", "VHXH", "Chuyên viên CCHC")
    twice = c.post(
        "/khen-thuong/du-lieu/xep-loai/them/", {"person": person.pk, "year": 2026, "grade": "htt"}
    )
    assert "đã có xếp loại năm 2026" in " ".join(twice.context["form"].errors["year"])
    record = Evaluation.objects.get(person=person, year=2026)
    edit = c.post(
        f"/khen-thuong/du-lieu/xep-loai/{record.pk}/sua/",
        {"person": person.pk, "year": 2026, "grade": "htt"},
    )
    assert edit.status_code == 302
    record.refresh_from_db()
    assert record.grade == "htt"
    overlap = c.post(
        "/khen-thuong/du-lieu/cong-tac-cchc/them/",
        {"person": person.pk, "position": "Kiêm nhiệm", "start": "01/01/2026", "direct": "yes"},
    )
    assert "Trùng thời gian" in " ".join(overlap.context["form"].errors["start"])


def test_the_standing_agency_checks_a_manual_standard_with_evidence(as_user):
    c = as_user("lechan")
    programme = Programme.objects.get(code="lc259_tp_hang_nam_tap_the")
    level = programme.unit
    form = c.get("/khen-thuong/du-lieu/kiem-tra-tieu-chuan/them/").context["form"]
    standards = dict(form.fields["standard"].choices)
    key = f"{programme.pk}|ket_qua_tthc_cds"
    assert key in standards
    data = {
        "standard": key,
        "candidate": f"u:{level.pk}",
        "year": "2026",
        "result": "pass",
        "evidence": "",
        "checked_on": "20/11/2027",
    }
    missing = c.post("/khen-thuong/du-lieu/kiem-tra-tieu-chuan/them/", data)
    assert missing.context["form"].errors["evidence"]
    data["evidence"] = "Tỷ lệ hồ sơ trực tuyến toàn trình 2026: 78%; mức hài lòng 98%."
    assert c.post("/khen-thuong/du-lieu/kiem-tra-tieu-chuan/them/", data).status_code == 302
    check = ManualCheck.objects.get(programme=programme, criterion="ket_qua_tthc_cds")
    assert check.passed and check.checked_by.username == "lechan"
    assert AuditLog.objects.filter(action="award_manual_check.create").exists()
    city = Programme.objects.get(code="hp2162_tp_hang_nam_tap_the")
    city_key = f"{city.pk}|"
    assert not any(k.startswith(city_key) for k in standards)


def test_a_register_reads_a_fixed_number_of_queries(as_user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    c = as_user("lechan")

    def count(slug: str) -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert c.get(f"/khen-thuong/du-lieu/{slug}/").status_code == 200
        return len(ctx.captured_queries)

    few = count("ky-luat")
    for i, position in enumerate(["Trưởng phòng", "Phó Trưởng phòng", "Chuyên viên"]):
        person = _person("Lê Chân", "KTHTĐT", position)
        DisciplineRecord.objects.create(
            person=person, unit=person.unit, level="vi_pham", decided_on=f"2027-0{i + 1}-10"
        )
    assert count("ky-luat") == few
    checks = count("kiem-tra-tieu-chuan")
    lechan = Unit.objects.get(short_name="Lê Chân", kind="ward")
    programme = Programme.objects.get(code="lc259_tp_hang_nam_tap_the")
    for year in (2027, 2028):
        ManualCheck.objects.create(
            programme=programme,
            criterion="ket_qua_tthc_cds",
            year=year,
            unit=lechan,
            passed=False,
            evidence="Chưa đạt",
            checked_on="2027-11-20",
        )
    assert count("kiem-tra-tieu-chuan") == checks


def _sheet(rows) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_evaluations_import_from_a_sheet_all_or_nothing_naming_each_bad_row(as_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    c = as_user("lechan")
    url = "/khen-thuong/du-lieu/xep-loai/nhap-excel/"
    assert c.get(url).status_code == 200
    a = _person("Lê Chân", "KTHTĐT", "Trưởng phòng")
    b = _person("Lê Chân", "VHXH", "Chuyên viên CCHC")
    outside = _person("Khúc Thừa Dụ", "VP", "Chuyên viên")
    header = ["Họ và tên", "Đơn vị", "Năm", "Xếp loại"]
    bad = _sheet(
        [
            header,
            [a.full_name, a.unit.name, 2026, "HTXS"],
            [outside.full_name, outside.unit.name, 2026, "HTT"],
            [b.full_name, b.unit.name, 2026, "Xuất sắc lắm"],
        ]
    )
    refused = c.post(url, {"file": SimpleUploadedFile("xep-loai.xlsx", bad)})
    rows = refused.context["rows"]
    assert [r["path"] for r in rows] == ["dòng 3", "dòng 4"]
    assert "không tìm thấy" in rows[0]["message"] and "Xuất sắc lắm" in rows[1]["message"]
    assert not Evaluation.objects.filter(person=a).exists()
    good = _sheet(
        [
            header,
            [a.full_name, a.unit.name, 2026, "Hoàn thành xuất sắc nhiệm vụ"],
            [b.full_name.upper(), b.unit.name, 2026, "htt"],
        ]
    )
    done = c.post(url, {"file": SimpleUploadedFile("xep-loai.xlsx", good)})
    assert done.status_code == 302
    assert Evaluation.objects.get(person=a, year=2026).grade == "htxs"
    assert Evaluation.objects.get(person=b, year=2026).grade == "htt"
    assert as_user("lechan.xem").get(url).status_code == 403
