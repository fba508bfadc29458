"""Pages and API of award decisions: scope (404 another ward, 403 the viewer), drafting and signing through the
pages, the Word file, the fund's Excel, the catalogue."""

import io
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from cchc.awards.models import Decision, Dossier, Nomination, Programme
from cchc.core.models import AuditLog
from cchc.orgs.models import Person, Unit

pytestmark = pytest.mark.django_db
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def client(name):
    c = Client()
    c.force_login(get_user_model().objects.get(username=name))
    return c


@pytest.fixture
def demo_decision(demo_city):
    return Decision.objects.get(number="45/QĐ-UBND", unit__code="HP-P004")


@pytest.fixture
def other_decision(demo_city):
    return Decision.objects.create(
        unit=Unit.objects.get(short_name="Khúc Thừa Dụ", kind="commune"),
        title="Về việc tặng Giấy khen",
        issuer="Chủ tịch Ủy ban nhân dân xã Khúc Thừa Dụ",
    )


@pytest.fixture
def passed_2027(demo_city):
    programme = Programme.objects.get(code="lc259_gk_hang_nam_ca_nhan")
    le_chan = Unit.objects.get(code="HP-P004")
    dossier = Dossier.objects.create(
        programme=programme, proposing_unit=le_chan, number=902, year=2027, status="received"
    )
    for p in Person.objects.filter(unit__parent=le_chan, nominations__isnull=True).order_by("pk")[
        :2
    ]:
        Nomination.objects.create(
            dossier=dossier,
            subject="person",
            person=p,
            name=p.full_name,
            form=programme.form,
            status="passed",
        )
    return programme


def test_another_wards_decision_is_404_and_the_viewer_cannot_sign(demo_decision, other_decision):
    lechan = client("lechan")
    assert (
        lechan.get(reverse("awards:decision_detail", args=[other_decision.pk])).status_code == 404
    )
    assert lechan.get(f"/api/decisions/{other_decision.pk}").status_code == 404
    before = AuditLog.objects.count()
    viewer = client("lechan.xem")
    assert viewer.get(reverse("awards:decision_detail", args=[demo_decision.pk])).status_code == 200
    response = viewer.post(
        reverse("awards:decision_sign", args=[demo_decision.pk]),
        {
            "number": "1/QĐ-UBND",
            "signed_on": "01/11/2027",
            "signer_name": "x",
            "signer_title": "Chủ tịch",
        },
    )
    assert response.status_code == 403
    assert viewer.get(reverse("awards:decision_draft")).status_code == 403
    assert AuditLog.objects.count() == before


def test_the_standing_agency_drafts_and_the_leader_signs_through_the_pages(passed_2027):
    listing = client("lechan").get(reverse("awards:decision_list")).text
    assert 'id="rounds-waiting"' in listing and f"programme={passed_2027.pk}&year=2027" in listing
    response = client("lechan").post(
        reverse("awards:decision_draft"),
        {
            "programme": passed_2027.pk,
            "year": "2027",
            "fund_source": "",
            "signer_title": "Chủ tịch",
        },
    )
    assert response.status_code == 302
    decision = Decision.objects.get(programme=passed_2027, year=2027)
    page = client("lechan.chutich").get(reverse("awards:decision_detail", args=[decision.pk]))
    assert page.status_code == 200 and 'id="sign-form"' in page.text
    assert "1.420.000" in page.text  # two Giấy khen at 710,000
    assert 'id="sign-form"' not in client("lechan").get(page.request["PATH_INFO"]).text
    bad = client("lechan.chutich").post(
        reverse("awards:decision_sign", args=[decision.pk]),
        {"number": "", "signed_on": "31/02/2027", "signer_name": "", "signer_title": "Chủ tịch"},
    )
    assert bad.status_code == 200 and "không phải ngày" in bad.text
    done = client("lechan.chutich").post(
        reverse("awards:decision_sign", args=[decision.pk]),
        {
            "number": "90/QĐ-UBND",
            "signed_on": "20/11/2027",
            "signer_name": "Phạm Văn Tân",
            "signer_title": "Chủ tịch",
        },
    )
    assert done.status_code == 302
    decision.refresh_from_db()
    assert decision.status == "signed" and decision.awards.count() == 2
    assert decision.signed_on == date(2027, 11, 20)


def test_the_api_gives_the_number_date_signer_awards_and_total(demo_decision):
    data = client("lechan").get(f"/api/decisions/{demo_decision.pk}").json()
    assert data["number"] == "45/QĐ-UBND" and data["date"] == "2027-03-25"
    assert data["signer"] == "Phạm Văn Tân"
    assert len(data["awards"]) == 3 and data["total_amount"] == 2_130_000
    first = data["awards"][0]
    assert set(first) >= {"id", "recipient", "form", "amount"}
    assert first["form"]["code"] == "giay_khen_chu_tich_ubnd_phuong" and first["amount"] == 710_000
    assert sum(a["revoked"] for a in data["awards"]) == 1
    docx = client("lechan").get(f"/api/decisions/{demo_decision.pk}/docx")
    assert docx.status_code == 200 and docx["Content-Type"] == DOCX
    assert docx.content[:2] == b"PK"


def test_the_fund_excel_lists_the_years_awards_and_their_total(demo_decision):
    response = client("lechan").get(reverse("awards:decision_fund_xlsx") + "?year=2027")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Số quyết định"
    # The year's own signed decisions: 45/QĐ-UBND and the registry's history of 2026 signed on 18/01/2027.
    awards = rows[1:-1]
    assert {r[0] for r in awards} == {"45/QĐ-UBND", "09/QĐ-UBND"}
    body = [r for r in awards if r[0] == "45/QĐ-UBND"]
    assert len(body) == 3 and all(r[6] == 710_000 for r in body)
    assert sum(r[6] for r in awards) == 2_130_000 + 6_800_000
    assert rows[-1][0] == "Tổng cộng" and rows[-1][6] == sum(r[6] for r in awards)
    assert any(r[7] and r[7].startswith("Đã thu hồi") for r in body)
    assert client("lechan.xem").get(reverse("awards:decision_fund_xlsx")).status_code == 403


def test_the_catalogue_shows_who_confers_the_coefficients_and_the_base_salary(demo_city):
    page = client("lechan.xem").get(reverse("awards:catalogue"))
    assert page.status_code == 200
    text = page.text
    assert (
        "Giấy khen của Chủ tịch Ủy ban nhân dân phường" in text and "Chủ tịch UBND phường" in text
    )
    assert "Cờ thi đua của Ủy ban nhân dân thành phố" in text and "18.720.000" in text
    assert "2.340.000" in text and "01/07/2024" in text
    assert 'id="base-salary-add"' not in text
    assert 'id="base-salary-add"' in client("snv").get(reverse("awards:catalogue")).text


def test_the_standing_office_revokes_an_award_through_the_page(demo_decision):
    award = demo_decision.awards.filter(revoked_on__isnull=True).order_by("pk").first()
    url = reverse("awards:award_revoke", args=[award.pk])
    form = {
        "reason": "Trùng thành tích",
        "document_number": "70/QĐ-UBND",
        "revoked_on": "20/11/2027",
    }
    assert client("lechan.xem").post(url, form).status_code == 403
    assert client("lechan.chutich").post(url, form).status_code == 403
    missing = client("lechan").post(url, {**form, "reason": ""})
    assert missing.status_code == 200 and "Lý do thu hồi" in missing.text
    assert client("lechan").post(url, form).status_code == 302
    award.refresh_from_db()
    assert award.revoked_on == date(2027, 11, 20) and award.revoke_document.number == "70/QĐ-UBND"
    page = client("lechan").get(reverse("awards:decision_detail", args=[demo_decision.pk]))
    assert page.text.count("Đã thu hồi") == 2  # the demo's revoked award and this one


def test_the_api_of_a_draft_lists_the_nominees_with_their_expected_money(passed_2027):
    from cchc.awards import services_decisions as services

    decision = services.decision_draft(
        actor=get_user_model().objects.get(username="lechan"), programme=passed_2027, year=2027
    )
    data = client("lechan").get(f"/api/decisions/{decision.pk}").json()
    assert data["status"] == "draft" and data["number"] == "" and data["date"] is None
    assert [a["id"] for a in data["awards"]] == [None, None]
    assert data["total_amount"] == 1_420_000


def test_the_decision_list_reads_in_a_fixed_number_of_queries(
    demo_decision, django_assert_max_num_queries
):
    lechan = client("lechan")
    with django_assert_max_num_queries(14):
        page = lechan.get(reverse("awards:decision_list"))
    assert page.status_code == 200 and "45/QĐ-UBND" in page.text
    assert "1180/QĐ-UBND" not in page.text, "the city's own decision belongs to the city"
    assert "1180/QĐ-UBND" in client("snv").get(reverse("awards:decision_list")).text
