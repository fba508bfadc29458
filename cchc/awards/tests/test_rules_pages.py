"""The pages of the award rules on the demo city: the awards home, programmes, rule files (with the Lê Chân
contradiction shown), editing a rule file (errors per field, nothing half-saved, two editors), programme rows,
the JSON schema and the programmes API; outside the scope 404, inside but not allowed 403."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from cchc.awards.models import Programme, RuleFile
from cchc.core.models import AuditLog

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def as_user(demo_city, settings):
    settings.CCHC_TODAY = "26/11/2027"

    def login(username: str) -> Client:
        c = Client()
        c.force_login(get_user_model().objects.get(username=username))
        return c

    return login


def _file(file_id: str) -> RuleFile:
    return RuleFile.objects.get(file_id=file_id)


def test_the_awards_home_shows_the_programmes_of_the_level_and_above_with_their_next_deadlines(
    as_user,
):
    body_page = as_user("lechan").get("/khen-thuong/")
    assert body_page.status_code == 200
    cards = body_page.context["cards"]
    codes = {c.programme.code for c in cards}
    assert "lc259_tp_hang_nam_tap_the" in codes and "hp2162_tp_hang_nam_tap_the" in codes
    assert not any(code.startswith("ktd") for code in codes)
    upcoming = body_page.context["upcoming"]
    assert upcoming and all(c.deadline.due.isoformat() >= "2027-11-26" for c in upcoming)
    body = body_page.content.decode()
    assert "Hạn nộp hồ sơ sắp tới" in body and "Chờ lãnh đạo phê duyệt" in body
    assert body_page.context["n_conflicts"] >= 1


def test_the_programme_list_searches_without_diacritics_filters_and_exports(as_user):
    c = as_user("lechan")
    found = c.get("/khen-thuong/chuong-trinh/", {"q": "giay khen le chan hang nam"}).context[
        "listing"
    ]
    assert {p.code for p in found.rows} == {
        "lc259_gk_hang_nam_tap_the",
        "lc259_gk_hang_nam_ca_nhan",
    }
    by_doc = c.get("/khen-thuong/chuong-trinh/", {"document": "2162/QĐ-UBND"}).context["listing"]
    assert by_doc.total > 0 and all(p.rule_file.file_id == "hp-2162-2026" for p in by_doc.rows)
    period = c.get(
        "/khen-thuong/chuong-trinh/", {"kind": "period_end", "subject": "person"}
    ).context["listing"]
    assert period.total > 0 and all(
        p.kind == "period_end" and p.subject == "person" for p in period.rows
    )
    export = c.get("/khen-thuong/chuong-trinh/", {"export": "xlsx", "document": "259/KH-UBND"})
    rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
    assert rows[0][:4] == ("Tên chương trình", "Loại", "Đối tượng", "Hình thức")
    assert "Giấy khen của Chủ tịch Ủy ban nhân dân phường" in {r[3] for r in rows[1:]}


def test_the_programme_list_reads_a_fixed_number_of_queries(as_user):
    c = as_user("snv")

    def count(size: str) -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert c.get("/khen-thuong/chuong-trinh/", {"kind": size}).status_code == 200
        return len(ctx.captured_queries)

    assert count("ad_hoc") == count("")


def test_the_lechan_contradiction_is_shown_with_both_sentences_and_their_clauses(as_user):
    programme = Programme.objects.get(code="lc259_gd_bang_khen_tap_the")
    page = as_user("lechan").get(f"/khen-thuong/chuong-trinh/{programme.pk}/")
    body = page.content.decode()
    assert 'id="conflicts"' in body and "Văn bản tự mâu thuẫn" in body
    assert "259/KH-UBND, mục III.2.2.a (Lưu ý)" in body and "259/KH-UBND, mục III.2.2.b" in body
    assert "Thành phố chỉ xét các đơn vị có ít nhất 03 năm trong danh sách 5 đơn vị dẫn đầu" in body
    assert "có 03 năm trong top 10 đơn vị dẫn đầu" in body
    criteria = page.context["view"].criteria
    flagged = [s for s, conflict in page.context["view"].criteria_rows if conflict]
    assert len(flagged) == 1 and "trong 5 đơn vị dẫn đầu" in flagged[0]
    assert any("10 đơn vị dẫn đầu" in s and "(259/KH-UBND, mục III.2.2.b)" in s for s in criteria)
    file_page = as_user("lechan").get(f"/khen-thuong/quy-dinh/{_file('lc-259-2026').pk}/")
    assert "Lê Chân: top 10 hay top 5 của khối phường" in file_page.content.decode()


def test_the_programme_detail_gives_form_quotas_deadline_in_words_and_late_policy(as_user):
    programme = Programme.objects.get(code="pl26_gk_phuong_tap_the")
    view = as_user("admin").get(f"/khen-thuong/chuong-trinh/{programme.pk}/").context["view"]
    assert view.form.startswith("Giấy khen")
    assert view.late_policy.startswith("Không xét hồ sơ nộp muộn")
    assert view.deadline.text.startswith("trước ngày 03/10/2023")
    city = Programme.objects.get(code="hp2162_tp_hang_nam_tap_the")
    page = as_user("lechan").get(f"/khen-thuong/chuong-trinh/{city.pk}/")
    view = page.context["view"]
    assert view.deadline.due.strftime("%d/%m/%Y") == "30/03/2028"
    assert any("không quá 01 tập thể" in q for q in view.quotas)
    assert "30/03/2028" in page.content.decode()


def test_lechan_cannot_see_khuc_thua_du_rule_file_and_the_viewer_cannot_edit(as_user):
    other = _file("ktd-2026")
    assert as_user("lechan").get(f"/khen-thuong/quy-dinh/{other.pk}/").status_code == 404
    assert as_user("lechan").get(f"/khen-thuong/quy-dinh/{other.pk}/sua/").status_code == 404
    own = _file("lc-259-2026")
    assert as_user("lechan.xem").get(f"/khen-thuong/quy-dinh/{own.pk}/").status_code == 200
    assert as_user("lechan.xem").get(f"/khen-thuong/quy-dinh/{own.pk}/sua/").status_code == 403
    # The city's standing agency reads the ward's plan but does not rewrite it.
    assert as_user("snv").get(f"/khen-thuong/quy-dinh/{own.pk}/sua/").status_code == 403
    assert as_user("lechan").get(f"/khen-thuong/quy-dinh/{own.pk}/sua/").status_code == 200


def test_a_rule_file_with_errors_is_refused_whole_with_each_field_path(as_user):
    own = _file("lc-259-2026")
    names = dict(own.programmes.values_list("code", "name"))
    renamed = own.text.replace(
        "Giấy khen của Chủ tịch UBND phường Lê Chân hằng năm cho tập thể", "Tên mới"
    )
    before = AuditLog.objects.count()
    url = f"/khen-thuong/quy-dinh/{own.pk}/sua/"
    c = as_user("lechan")
    shape = c.post(
        url, {"text": renamed.replace("        n: 5\n", "        n: -5\n", 1), "version": 1}
    )
    assert shape.status_code == 200
    assert shape.context["rows"] == [
        {"path": "programmes[2].criteria[1].n", "message": "phải là số nguyên dương"}
    ]
    body = shape.content.decode()
    assert 'id="rule-errors"' in body and "programmes[2].criteria[1].n" in body
    unknown_form = renamed.replace(
        "form: bang_khen_chu_tich_ubnd_tp", "form: bang_khen_khong_co", 1
    )
    meaning = c.post(url, {"text": unknown_form, "version": 1})
    row = meaning.context["rows"][0]
    assert row["path"] == "programmes[2].form" and "không có trong danh mục" in row["message"]
    unreadable = c.post(url, {"text": "programmes: [\n  - code: x", "version": 1})
    assert "không đọc được (YAML): dòng" in " ".join(unreadable.context["form"].errors["text"])
    own.refresh_from_db()
    assert own.version == 1 and dict(own.programmes.values_list("code", "name")) == names
    assert AuditLog.objects.count() == before


def test_a_rule_file_saved_by_someone_else_meanwhile_is_refused_naming_who_and_when(as_user):
    own = _file("lc-259-2026")
    text = own.text.replace(
        "Giấy khen của Chủ tịch UBND phường Lê Chân hằng năm cho tập thể",
        "Giấy khen hằng năm cho tập thể của phường",
    )
    first = as_user("lechan").post(
        f"/khen-thuong/quy-dinh/{own.pk}/sua/", {"text": text, "version": 1}
    )
    assert first.status_code == 302
    own.refresh_from_db()
    assert own.version == 2
    assert Programme.objects.get(code="lc259_gk_hang_nam_tap_the").name.startswith(
        "Giấy khen hằng năm cho tập thể"
    )
    second = as_user("admin").post(
        f"/khen-thuong/quy-dinh/{own.pk}/sua/", {"text": own.text, "version": 1}
    )
    assert second.status_code == 200
    message = " ".join(second.context["form"].errors["text"])
    assert "Nguyễn Thị Lan" in message and "phiên bản 2" in message
    own.refresh_from_db()
    assert own.version == 2
    assert AuditLog.objects.filter(action="award_rules.update", object_id=str(own.pk)).count() == 1


def test_the_standing_agency_uploads_a_new_rule_file(as_user):
    c = as_user("lechan")
    assert c.get("/khen-thuong/quy-dinh/nap/").status_code == 200
    text = (FIXTURES / "chuyen-doi-so-mau.yaml").read_text(encoding="utf-8")
    level = RuleFile.objects.get(file_id="lc-259-2026").unit
    upload = SimpleUploadedFile("mau.yaml", text.encode(), content_type="application/x-yaml")
    response = c.post(
        "/khen-thuong/quy-dinh/nap/", {"unit": level.pk, "text": "", "upload": upload}
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    saved = RuleFile.objects.get(source_path="mau.yaml")
    assert saved.unit == level and saved.programmes.exists()
    again = c.post(
        "/khen-thuong/quy-dinh/nap/",
        {"unit": level.pk, "upload": SimpleUploadedFile("mau.yaml", text.encode())},
    )
    assert again.status_code == 200 and "đã dùng" in again.content.decode()


def test_a_programme_row_is_renamed_and_taken_out_of_force_by_its_level(as_user):
    programme = Programme.objects.get(code="lc259_dot_xuat_ca_nhan")
    url = f"/khen-thuong/chuong-trinh/{programme.pk}/sua/"
    assert as_user("lechan.xem").post(url, {"name": "x"}).status_code == 403
    response = as_user("lechan").post(url, {"name": "  Khen đột xuất cá nhân  "})
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.name == "Khen đột xuất cá nhân" and programme.is_active is False
    entry = AuditLog.objects.filter(
        action="award_programme.update", object_id=str(programme.pk)
    ).get()
    assert entry.after["is_active"] is False
    empty = as_user("lechan").post(url, {"name": " ", "is_active": "on"})
    assert empty.status_code == 200


def test_the_json_schema_is_published(as_user):
    response = as_user("lechan.xem").get("/khen-thuong/quy-dinh/schema.json")
    assert response.status_code == 200
    schema = json.loads(response.content)
    assert "programmes" in schema["properties"]


def test_the_api_lists_programmes_of_a_document_with_form_deadline_and_source(as_user):
    c = as_user("lechan")
    data = c.get("/api/awards/programmes", {"document": "259/KH-UBND"}).json()
    assert data["count"] == Programme.objects.filter(rule_file__file_id="lc-259-2026").count()
    item = next(i for i in data["items"] if i["code"] == "lc259_tp_hang_nam_tap_the")
    assert item["kind"] == "annual" and item["subject"] == "collective"
    assert item["form"]["code"] == "bang_khen_chu_tich_ubnd_tp"
    assert item["form"]["name"].startswith("Bằng khen")
    assert item["deadline"]["due"] == "14/03/2028"
    assert "15/03/2028" in item["deadline"]["text"]
    assert item["source"] == "259/KH-UBND, mục III.2.1.2"
    assert c.get("/api/awards/programmes", {"document": "133/KH-UBND"}).json()["count"] == 0
    other = Programme.objects.filter(rule_file__file_id="ktd-2026").first()
    assert c.get(f"/api/awards/programmes/{other.pk}").status_code == 404
    conflicted = Programme.objects.get(code="lc259_gd_bang_khen_tap_the")
    detail = c.get(f"/api/awards/programmes/{conflicted.pk}").json()
    assert detail["conflicts"][0]["statements"][0]["source"] == "259/KH-UBND, mục III.2.2.a (Lưu ý)"
    assert detail["criteria"] and all("(" in s for s in detail["criteria"])


def test_the_awards_home_reads_about_as_many_queries_with_more_programmes(as_user):
    c = as_user("lechan")

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert c.get("/khen-thuong/").status_code == 200
        return len(ctx.captured_queries)

    count()
    before = count()
    text = (FIXTURES / "chuyen-doi-so-mau.yaml").read_text(encoding="utf-8")
    from cchc.awards.rule_files import save_rule_file
    from cchc.core.scope import SYSTEM

    added = save_rule_file(text, unit=_file("lc-259-2026").unit, actor=SYSTEM)
    assert added.programmes.count() >= 2
    count()
    assert count() == before


def test_a_programme_row_changed_in_the_page_keeps_its_change_when_the_file_is_saved_again(as_user):
    c = as_user("lechan")
    renamed = Programme.objects.get(code="lc259_dot_xuat_ca_nhan")
    c.post(f"/khen-thuong/chuong-trinh/{renamed.pk}/sua/", {"name": "Khen đột xuất cá nhân"})
    own = _file("lc-259-2026")
    text = own.text.replace(
        "Giấy khen của Chủ tịch UBND phường Lê Chân hằng năm cho cá nhân",
        "Giấy khen hằng năm cho cá nhân của phường",
    )
    response = c.post(f"/khen-thuong/quy-dinh/{own.pk}/sua/", {"text": text, "version": 1})
    assert response.status_code == 302
    renamed.refresh_from_db()
    assert renamed.name == "Khen đột xuất cá nhân" and renamed.is_active is False
    followed = Programme.objects.get(code="lc259_gk_hang_nam_ca_nhan")
    assert followed.name.startswith("Giấy khen hằng năm cho cá nhân của phường")
    assert followed.is_active
