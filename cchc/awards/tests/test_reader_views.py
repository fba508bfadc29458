"""The page of the reader of award rules: read a plan, see the proposal with its sentences, correct and save it
as the level's rules; only the standing agency saves, other levels' files are out of reach."""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import pytest
import yaml
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from cchc.awards.models import Programme, RuleFile
from cchc.awards.rule_files import save_rule_file
from cchc.awards.rules.schema import PROGRAMMES_DIR
from cchc.core.models import AuditLog
from cchc.orgs.choices import LEVEL_KINDS
from cchc.orgs.models import Unit

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parents[3] / "data" / "seeds"
LE_CHAN_PLAN = SEEDS / "000_7c29f19b45036252.txt"
URL = "/khen-thuong/doc-quy-dinh/"


def _client(username: str) -> Client:
    c = Client()
    c.force_login(get_user_model().objects.get(username=username))
    return c


def _level(short: str) -> Unit:
    return Unit.objects.get(short_name=short, kind__in=LEVEL_KINDS)


def _read(client: Client, **extra):
    data = {"action": "read", "unit": _level("Lê Chân").pk, **extra}
    return client.post(URL, data)


def test_the_page_is_named_awards_reader():
    assert reverse("awards:reader") == URL


def test_the_standing_office_reads_a_pasted_plan_into_rows_with_their_sentences():
    page = _read(_client("lechan"), text=LE_CHAN_PLAN.read_text(encoding="utf-8"))
    assert page.status_code == 200
    html = page.content.decode()
    assert (
        "Cờ thi đua của Ủy ban nhân dân thành phố tổng kết giai đoạn 2026 - 2030 cho tập thể"
        in html
    )
    assert "<mark>Lưu ý: Thành phố chỉ xét các đơn vị có ít nhất 03 năm" in html
    assert "Văn bản ghi hai ngưỡng khác nhau: top 5 và top 10" in html
    assert 'id="not-read"' in html and "kế hoạch tổng kết phong trào" in html
    assert "259/KH-UBND, mục III.2.1.2.b" in html
    yaml_text = page.context["yaml_text"]
    assert yaml.safe_load(yaml_text)["id"] == "kh259-2026"
    assert "not_read" not in yaml.safe_load(yaml_text)


def test_a_word_file_is_read_too():
    document = docx.Document()
    for line in LE_CHAN_PLAN.read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    upload = SimpleUploadedFile("ke-hoach-259.docx", buffer.getvalue())
    page = _client("lechan").post(
        URL, {"action": "read", "unit": _level("Lê Chân").pk, "file": upload}
    )
    assert page.status_code == 200
    assert len(page.context["programmes"]) == 14


def test_a_text_without_an_award_section_says_nothing_was_read():
    page = _read(
        _client("lechan"), text="KẾ HOẠCH\n\nI. MỤC ĐÍCH\n\nTuyên truyền cải cách hành chính."
    )
    html = page.content.decode()
    assert 'id="no-programme"' in html
    assert "Không tìm thấy phần khen thưởng" in html


def test_a_pdf_is_refused_with_a_message_naming_the_file():
    upload = SimpleUploadedFile("ke-hoach.pdf", b"%PDF-1.4 ...")
    page = _client("lechan").post(
        URL, {"action": "read", "unit": _level("Lê Chân").pk, "file": upload}
    )
    assert page.status_code == 400
    assert "Chưa đọc được tệp PDF “ke-hoach.pdf”" in page.content.decode()


def test_the_confirmed_yaml_is_saved_as_the_ward_s_rules_and_can_be_corrected():
    client = _client("lechan")
    text = _read(client, text=LE_CHAN_PLAN.read_text(encoding="utf-8")).context["yaml_text"]
    saved = client.post(URL, {"action": "save", "unit": _level("Lê Chân").pk, "yaml_text": text})
    rule_file = RuleFile.objects.get(file_id="kh259-2026")
    assert saved.status_code == 302 and saved["Location"] == f"{URL}{rule_file.pk}/"
    assert rule_file.unit == _level("Lê Chân")
    assert Programme.objects.filter(rule_file=rule_file, is_active=True).count() == 14
    assert AuditLog.objects.filter(
        action="award_rules.create", object_id=str(rule_file.pk)
    ).exists()
    corrected = text.replace("date: 15/3", "date: 14/3", 1)
    again = client.post(
        f"{URL}{rule_file.pk}/",
        {"action": "save", "unit": rule_file.unit_id, "yaml_text": corrected},
    )
    assert again.status_code == 302
    rule_file.refresh_from_db()
    assert rule_file.version == 2 and "date: 14/3" in rule_file.text


def test_errors_are_shown_with_the_path_of_the_field_and_nothing_is_saved():
    client = _client("lechan")
    read = _read(client, text=LE_CHAN_PLAN.read_text(encoding="utf-8"))
    text, not_read = read.context["yaml_text"], read.context["not_read_json"]
    broken = re.sub(r"min_count: 1", "min_count: 0", text, count=1)
    assert broken != text
    page = client.post(
        URL,
        {"action": "save", "unit": _level("Lê Chân").pk, "yaml_text": broken, "not_read": not_read},
    )
    assert page.status_code == 400
    html = page.content.decode()
    assert "<code>programmes[0].criteria[0].min_count</code>" in html
    assert "phải là số nguyên dương" in html
    assert 'id="fix-first"' in html
    assert "kế hoạch tổng kết phong trào" in html  # the sentences not read stay on the page
    assert not RuleFile.objects.filter(file_id="kh259-2026").exists()


def test_the_read_only_viewer_may_not_read_nor_save():
    viewer = _client("lechan.xem")
    assert viewer.get(URL).status_code == 403
    assert _read(viewer, text="x").status_code == 403


def test_another_level_s_rule_file_is_404_and_cannot_be_overwritten():
    other = save_rule_file(
        (PROGRAMMES_DIR / "ktd-2026.yaml").read_text(encoding="utf-8"),
        unit=_level("Khúc Thừa Dụ"),
        actor=get_user_model().objects.get(username="admin"),
    )
    # The demo's rule layer saved this file already: this save is a later version of it.
    version, text = other.version, other.text
    client = _client("lechan")
    assert client.get(f"{URL}{other.pk}/").status_code == 404
    page = client.post(
        URL, {"action": "save", "unit": _level("Lê Chân").pk, "yaml_text": other.text}
    )
    assert page.status_code == 404
    other.refresh_from_db()
    assert (other.version, other.text, other.unit) == (version, text, _level("Khúc Thừa Dụ"))


def test_a_unit_the_user_does_not_stand_for_is_404():
    page = _client("lechan").post(
        URL, {"action": "read", "unit": _level("Khúc Thừa Dụ").pk, "text": "KẾ HOẠCH"}
    )
    assert page.status_code == 404
