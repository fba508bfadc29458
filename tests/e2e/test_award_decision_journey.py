"""Journey: Lê Chân's standing office drafts the chairman's award decision from the nominees the council passed,
downloads the Word draft, and the chairman signs it; the awards appear with their money. Screenshots of the
draft page, the decision page and the catalogue."""

import pytest

from cchc.awards.models import Decision, Dossier, Nomination, Programme
from cchc.orgs.models import Person, Unit

pytestmark = pytest.mark.django_db(transaction=True)


def _passed_nominees():
    programme = Programme.objects.get(code="lc259_gk_hang_nam_ca_nhan")
    le_chan = Unit.objects.get(code="HP-P004")
    dossier = Dossier.objects.create(
        programme=programme, proposing_unit=le_chan, number=950, year=2027, status="received"
    )
    people = Person.objects.filter(unit__parent=le_chan, nominations__isnull=True).order_by("pk")[
        :2
    ]
    for p in people:
        Nomination.objects.create(
            dossier=dossier,
            subject="person",
            person=p,
            name=p.full_name,
            form=programme.form,
            status="passed",
        )
    return programme


def test_the_standing_office_drafts_and_the_chairman_signs_an_award_decision(page, login, shot):
    programme = _passed_nominees()
    login("lechan")
    page.goto(page.base_url + "/khen-thuong/quyet-dinh/lap/")
    page.select_option("#id_programme", str(programme.pk))
    page.fill("#id_year", "2027")
    page.click("#round-preview")
    page.wait_for_selector("#own-rows")
    assert page.locator("#own-rows tbody tr").count() == 2
    assert "710.000" in page.inner_text("#own-rows")
    shot("award_decision_draft_preview")
    page.click("#round-save")
    page.wait_for_selector("#annex-table")
    assert "1.420.000" in page.inner_text("#annex-total")
    with page.expect_download() as download:
        page.click("#decision-docx")
    assert download.value.suggested_filename.endswith(".docx")
    decision = Decision.objects.get(programme=programme, year=2027)

    page.context.clear_cookies()
    login("lechan.chutich")
    page.goto(page.base_url + f"/khen-thuong/quyet-dinh/{decision.pk}/")
    page.fill("#id_number", "96/QĐ-UBND")
    page.fill("#id_signed_on", "20/11/2027")
    page.fill("#id_signer_name", "Phạm Văn Tân")
    page.once("dialog", lambda d: d.accept())
    page.click("#sign-submit")
    page.wait_for_selector("#award-table")
    assert "Đã ký, ban hành" in page.inner_text("#decision-status")
    assert page.locator("#award-table tbody tr").count() == 2
    assert page.locator("#decision-registry-link").count() == 1
    shot("award_decision_signed")

    page.goto(page.base_url + "/khen-thuong/quyet-dinh/")
    assert "96/QĐ-UBND" in page.inner_text("#decision-table")
    shot("award_decision_list")

    page.goto(page.base_url + "/khen-thuong/danh-muc/")
    assert "2.340.000" in page.inner_text("#salary-table")
    shot("award_catalogue")
