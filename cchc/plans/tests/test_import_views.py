"""The import pages: upload or paste, preview with offices to fix, confirm; scope and roles."""

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from cchc.orgs.choices import LEVEL_KINDS
from cchc.orgs.models import Unit
from cchc.plans.models import Plan, TaskOffice

pytestmark = pytest.mark.django_db

SEED = Path(__file__).resolve().parents[3] / "data" / "seeds" / "004_b78bd4a0b75bbdc4.txt"
UNKNOWN = "Phòng Tư pháp - Hộ tịch"


def login(username) -> Client:
    c = Client()
    c.force_login(get_user_model().objects.get(username=username))
    return c


def level(short):
    return Unit.objects.get(short_name=short, kind__in=LEVEL_KINDS)


def plan_text(year: int) -> str:
    lines = []
    for line in SEED.read_text(encoding="utf-8").replace("2026", str(year)).split("\n"):
        cells = line.split("\t")
        if len(cells) >= 6 and cells[0] == "13":
            cells[2] = UNKNOWN
        lines.append("\t".join(cells))
    return "\n".join(lines)


def test_the_upload_page_opens_for_the_ward_standing_office():
    response = login("lethanhnghi").get(reverse("plans:plan_import"))
    assert response.status_code == 200
    assert "Nhập kế hoạch CCHC" in response.content.decode()


def test_the_city_standing_agency_chooses_the_unit():
    page = login("snv").get(reverse("plans:plan_import")).content.decode()
    assert "Phường Lê Thanh Nghị" in page and "Phường Lê Chân" in page


@pytest.mark.parametrize("username", ["lechan.xem", "lechan.vanphong"])
def test_users_without_an_importing_role_get_403(username):
    c = login(username)
    assert c.get(reverse("plans:plan_import")).status_code == 403
    assert (
        c.post(reverse("plans:plan_import_confirm"), {"unit": level("Lê Chân").pk}).status_code
        == 403
    )


def test_lechan_cannot_post_a_plan_for_le_thanh_nghi():
    c = login("lechan")
    upload = SimpleUploadedFile("k.txt", SEED.read_bytes())
    response = c.post(
        reverse("plans:plan_import"), {"unit": level("Lê Thanh Nghị").pk, "file": upload}
    )
    assert response.status_code == 200  # the form refuses the unit: it is not among the choices
    assert "Xem trước:" not in response.content.decode()
    before = Plan.objects.count()
    response = c.post(
        reverse("plans:plan_import_confirm"), {"unit": level("Lê Thanh Nghị").pk, "token": "x"}
    )
    assert response.status_code == 404
    assert Plan.objects.count() == before


def test_paste_preview_fix_with_alias_and_confirm():
    ltn = level("Lê Thanh Nghị")
    vp = Unit.objects.get(code=f"{ltn.code}-VP")
    c = login("lethanhnghi")
    response = c.post(reverse("plans:plan_import"), {"unit": ltn.pk, "text": plan_text(2032)})
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('class="task-row') == 32
    assert "unmatched-offices" in page and UNKNOWN in page
    token = response.context["token"]
    assert [r["office"].text for r in response.context["unmatched_rows"]] == [UNKNOWN]
    response = c.post(
        reverse("plans:plan_import_confirm"),
        {
            "token": token,
            "unit": ltn.pk,
            "year": 2032,
            "unmatched_count": 1,
            "fixtext_0": UNKNOWN,
            "fix_0": vp.pk,
            "alias_0": "1",
            "target": ["b", "c", "f"],
        },
    )
    assert response.status_code == 302
    plan = Plan.objects.get(unit=ltn, year=2032)
    assert plan.tasks.count() == 32
    assert TaskOffice.objects.get(task__plan=plan, task__no=13, role="lead").unit == vp
    assert vp.aliases.filter(name=UNKNOWN).exists()
    assert list(plan.targets.values_list("code", flat=True)) == ["b", "c", "f"]
    # the token is used up
    again = c.post(reverse("plans:plan_import_confirm"), {"token": token, "unit": ltn.pk})
    assert again.status_code == 302 and again["Location"] == reverse("plans:plan_import")


def test_a_bad_upload_shows_the_message_and_saves_nothing():
    ltn = level("Lê Thanh Nghị")
    before = Plan.objects.count()
    upload = SimpleUploadedFile("ke-hoach.docx", b"PK\x03\x04 broken")
    response = login("lethanhnghi").post(
        reverse("plans:plan_import"), {"unit": ltn.pk, "file": upload}
    )
    assert response.status_code == 200
    assert "bị hỏng" in response.content.decode()
    assert Plan.objects.count() == before


def test_importing_the_same_year_again_shows_the_preview_with_the_refusal_then_replaces():
    ltn = level("Lê Thanh Nghị")
    c = login("lethanhnghi")
    text = plan_text(2033)

    def preview_and_confirm(**extra):
        response = c.post(reverse("plans:plan_import"), {"unit": ltn.pk, "text": text})
        data = {"token": response.context["token"], "unit": ltn.pk, "year": 2033, **extra}
        return response, c.post(reverse("plans:plan_import_confirm"), data)

    _, first = preview_and_confirm()
    assert first.status_code == 302
    old = Plan.objects.get(unit=ltn, year=2033)
    preview, refused = preview_and_confirm()
    assert "đã có kế hoạch CCHC năm 2033" in preview.content.decode()
    assert 'name="replace"' in preview.content.decode()
    assert refused.status_code == 400
    assert "đã có kế hoạch CCHC năm 2033" in refused.content.decode()
    assert Plan.objects.filter(unit=ltn, year=2033).get() == old
    _, replaced = preview_and_confirm(replace="1")
    assert replaced.status_code == 302
    assert Plan.objects.filter(unit=ltn, year=2033).exclude(pk=old.pk).count() == 1
    assert not Plan.objects.filter(pk=old.pk).exists()
