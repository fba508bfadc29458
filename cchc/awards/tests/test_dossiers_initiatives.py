"""An initiative named as the achievement of a nomination is recorded, shown on the initiative's page, and a second
nomination naming it for another form is refused at submission (one achievement, one award: Luật Thi đua, khen
thưởng 2022, Điều 5, khoản 2)."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from cchc.awards import services_dossiers as services
from cchc.awards.choices import DossierStatus, NominationStatus
from cchc.awards.submission import ONE_ACHIEVEMENT
from cchc.awards.tests.dossier_fixtures import level, office, person_of, programme, user
from cchc.core.errors import DomainError
from cchc.core.scope import SYSTEM
from cchc.initiatives.choices import CchcArea, InitiativeStatus
from cchc.initiatives.models import Initiative, InitiativeAuthor
from cchc.orgs.models import Person

pytestmark = pytest.mark.django_db

CITY = "hp2162_tp_hang_nam_tap_the"  # Bằng khen của Chủ tịch UBND thành phố, yearly
WARD_AD_HOC = "lc259_dot_xuat_tap_the"  # Giấy khen của Chủ tịch UBND phường, ad hoc
YEAR = 2027


def _initiative(unit, title="Tổ công nghệ số cộng đồng hỗ trợ dịch vụ công", **kw) -> Initiative:
    fields = {
        "status": InitiativeStatus.RECOGNISED,
        "level": "commune",
        "recognised_on": date(YEAR, 9, 1),
        "year": YEAR,
    }
    fields.update(kw)
    return Initiative.objects.create(
        unit=unit, area=CchcArea.DIRECTION, title=title, description="Mô tả", **fields
    )


def _submitted(code, nominee, initiatives=()):
    """A dossier of Lê Chân for the nominee (a unit or a person), signed off by its chairman and submitted by its
    staff."""
    dossier = services.dossier_open(
        actor=SYSTEM, programme=programme(code), proposing_unit=level("Lê Chân"), year=YEAR
    )
    who = {"person": nominee} if isinstance(nominee, Person) else {"unit": nominee}
    nomination = services.nomination_add(
        actor=SYSTEM, dossier=dossier, initiatives=initiatives, **who
    )
    services.dossier_request_approval(actor=user("lechan"), dossier=dossier)
    services.dossier_approve(actor=user("lechan.chutich"), dossier=dossier)
    result = services.dossier_submit(actor=user("lechan"), dossier=dossier)
    dossier.refresh_from_db()
    return dossier, nomination, result


def test_an_initiative_used_for_one_form_refuses_a_nomination_for_another_form():
    lechan, vp = level("Lê Chân"), office("Lê Chân", "VP")
    shared = _initiative(vp)
    first, used, result = _submitted(CITY, lechan, [shared])
    assert first.status == DossierStatus.SUBMITTED, result.message
    assert list(used.initiatives.all()) == [shared]
    second, _n, result = _submitted(WARD_AD_HOC, vp, [shared])
    assert second.status == DossierStatus.REFUSED
    assert second.nominations.get().status == NominationStatus.REFUSED
    assert result.refusals == [
        f"Sáng kiến “{shared.title}” nêu làm thành tích của {vp.name} đã được dùng cho đề nghị "
        f"“Bằng khen của Chủ tịch Ủy ban nhân dân thành phố” của Phường Lê Chân trong hồ sơ số {first.number} "
        f"của Phường Lê Chân (chương trình “{first.programme.name}”); một thành tích không đề nghị "
        f"khen thưởng nhiều lần, nhiều hình thức ({ONE_ACHIEVEMENT})"
    ]
    assert ONE_ACHIEVEMENT in second.refusal_reason


def test_co_authors_may_each_be_proposed_for_the_same_form_but_not_for_another():
    vp = office("Lê Chân", "VP")
    shared = _initiative(vp)
    authors = [person_of(vp, i) for i in range(3)]
    for order, person in enumerate(authors):
        InitiativeAuthor.objects.create(initiative=shared, person=person, share=30, order=order)
    first, _n, result = _submitted("lc259_dot_xuat_ca_nhan", authors[0], [shared])
    assert first.status == DossierStatus.SUBMITTED, result.message
    second, _n, result = _submitted("lc259_dot_xuat_ca_nhan", authors[1], [shared])
    assert second.status == DossierStatus.SUBMITTED, result.message
    third, _n, result = _submitted("lc259_tp_hang_nam_ca_nhan", authors[2], [shared])
    assert third.status == DossierStatus.REFUSED
    mine = [r for r in result.refusals if r.startswith(f"Sáng kiến “{shared.title}”")]
    assert len(mine) == 2, result.refusals
    for dossier, person in ((first, authors[0]), (second, authors[1])):
        assert any(
            f"“Giấy khen của Chủ tịch Ủy ban nhân dân phường” của {person.full_name} trong hồ sơ số "
            f"{dossier.number}"
            in r
            and r.endswith(f"({ONE_ACHIEVEMENT})")
            for r in mine
        )


def test_the_same_nominee_without_the_initiative_is_not_refused():
    lechan, vp = level("Lê Chân"), office("Lê Chân", "VP")
    shared = _initiative(vp)
    _submitted(CITY, lechan, [shared])
    second, _n, result = _submitted(WARD_AD_HOC, vp)
    assert second.status == DossierStatus.SUBMITTED, result.message
    assert not any("Sáng kiến “" in r for r in result.refusals)


def test_a_refused_dossier_does_not_hold_the_initiative():
    lechan, vp = level("Lê Chân"), office("Lê Chân", "VP")
    shared = _initiative(vp)
    first, _n, _r = _submitted(WARD_AD_HOC, vp, [shared])
    assert first.status == DossierStatus.SUBMITTED
    services.dossier_send_back(actor=SYSTEM, dossier=first, note="Bổ sung minh chứng")
    first.refresh_from_db()
    assert first.status == DossierStatus.RETURNED
    second, _n, result = _submitted(CITY, lechan, [shared])
    assert not any(shared.title in r for r in result.refusals), result.message


def test_a_nominee_names_only_its_own_recognised_initiatives_of_the_year():
    lechan, vp = level("Lê Chân"), office("Lê Chân", "VP")
    dossier = services.dossier_open(
        actor=SYSTEM, programme=programme(WARD_AD_HOC), proposing_unit=lechan, year=YEAR
    )
    other = _initiative(office("Lê Chân", "TTPVHCC"), "Sáng kiến của Trung tâm")
    refused = _initiative(
        vp,
        "Sáng kiến không được công nhận",
        status=InitiativeStatus.REFUSED,
        level="",
        recognised_on=None,
        refusal_reason="Không có tính mới",
    )
    older = _initiative(vp, "Sáng kiến năm trước", year=YEAR - 1)
    cases = [
        (other, "không phải của"),
        (refused, "“Không công nhận”"),
        (older, "là sáng kiến năm 2026, không thuộc năm 2027"),
    ]
    for initiative, message in cases:
        with pytest.raises(DomainError) as exc:
            services.nomination_add(
                actor=SYSTEM, dossier=dossier, unit=vp, initiatives=[initiative]
            )
        assert message in exc.value.message and exc.value.field == "initiatives"
    assert not dossier.nominations.exists()
    pending = _initiative(
        vp,
        "Sáng kiến chờ công nhận",
        status=InitiativeStatus.SUBMITTED,
        level="",
        recognised_on=None,
    )
    n = services.nomination_add(actor=SYSTEM, dossier=dossier, unit=vp, initiatives=[pending])
    assert list(n.initiatives.all()) == [pending]


def test_a_person_names_only_an_initiative_they_coauthored():
    prog = programme("lc259_dot_xuat_ca_nhan")
    lechan, vp = level("Lê Chân"), office("Lê Chân", "VP")
    author, other = person_of(vp, 0), person_of(vp, 1)
    initiative = _initiative(vp)
    InitiativeAuthor.objects.create(initiative=initiative, person=author, share=100)
    dossier = services.dossier_open(actor=SYSTEM, programme=prog, proposing_unit=lechan, year=YEAR)
    with pytest.raises(DomainError, match="không phải tác giả"):
        services.nomination_add(
            actor=SYSTEM, dossier=dossier, person=other, initiatives=[initiative]
        )
    n = services.nomination_add(
        actor=SYSTEM, dossier=dossier, person=author, initiatives=[initiative]
    )
    n = services.nomination_set_initiatives(actor=SYSTEM, nomination=n, initiatives=[])
    assert not n.initiatives.exists()


def test_the_pages_show_the_initiative_of_the_nomination_and_the_nomination_of_the_initiative():
    lechan, vp = level("Lê Chân"), office("Lê Chân", "VP")
    shared = _initiative(vp)
    unused = _initiative(vp, "Sáng kiến chưa dùng")
    dossier, _n, _r = _submitted(CITY, lechan, [shared])
    c = Client()
    c.force_login(user("lechan"))
    page = c.get(f"/sang-kien/{shared.pk}/").content.decode()
    assert 'id="initiative-uses"' in page
    assert f'href="/khen-thuong/ho-so/{dossier.pk}/">hồ sơ số {dossier.number}</a>' in page
    assert "Bằng khen của Chủ tịch Ủy ban nhân dân thành phố” cho Phường Lê Chân" in page
    assert 'id="initiative-uses"' not in c.get(f"/sang-kien/{unused.pk}/").content.decode()
    detail = c.get(f"/khen-thuong/ho-so/{dossier.pk}/").content.decode()
    assert f'Sáng kiến làm thành tích: <a href="/sang-kien/{shared.pk}/">“{shared.title}”' in detail


def test_the_nominee_form_and_the_api_name_the_initiatives():
    lechan, vp = level("Lê Chân"), office("Lê Chân", "VP")
    shared = _initiative(vp)
    c = Client()
    c.force_login(user("lechan"))
    dossier = services.dossier_open(
        actor=user("lechan"), programme=programme(WARD_AD_HOC), proposing_unit=lechan, year=YEAR
    )
    page = c.get(f"/khen-thuong/ho-so/{dossier.pk}/").content.decode()
    assert f'<option value="{shared.pk}">{shared.title} (2027 – {vp.name})</option>' in page
    c.post(
        f"/khen-thuong/ho-so/{dossier.pk}/them/",
        {"unit": vp.pk, "achievement": "", "initiatives": [shared.pk]},
    )
    assert list(dossier.nominations.get().initiatives.all()) == [shared]
    body = {
        "programme_id": programme("lc259_gk_hang_nam_tap_the").pk,
        "year": YEAR,
        "proposing_unit_id": lechan.pk,
        "nominee_unit_id": vp.pk,
    }
    bad = c.post(
        "/api/nominations", {**body, "initiative_ids": [999999]}, content_type="application/json"
    )
    assert bad.status_code == 400 and "Không có sáng kiến số 999999" in bad.json()["detail"]
    ok = c.post(
        "/api/nominations",
        {**body, "initiative_ids": [shared.pk]},
        content_type="application/json",
    )
    assert ok.status_code == 201, ok.content
    from cchc.awards.models import Nomination

    assert list(Nomination.objects.get(pk=ok.json()["id"]).initiatives.all()) == [shared]


def test_the_initiatives_of_a_nominee_are_changed_from_the_dossier_page_and_audited():
    from cchc.core.models import AuditLog

    lechan, vp = level("Lê Chân"), office("Lê Chân", "VP")
    first = _initiative(vp)
    second = _initiative(vp, "Sổ tay thủ tục hành chính điện tử")
    elsewhere = _initiative(office("Lê Chân", "VP"), "Sáng kiến năm khác", year=YEAR - 3)
    dossier = services.dossier_open(
        actor=user("lechan"), programme=programme(WARD_AD_HOC), proposing_unit=lechan, year=YEAR
    )
    n = services.nomination_add(actor=SYSTEM, dossier=dossier, unit=vp, initiatives=[first])
    c = Client()
    c.force_login(user("lechan"))
    page = c.get(f"/khen-thuong/ho-so/{dossier.pk}/").content.decode()
    url = f"/khen-thuong/ho-so/de-nghi/{n.pk}/sang-kien/"
    assert f'action="{url}"' in page
    assert f'<option value="{first.pk}" selected>{first.title} (2027 – {vp.name})</option>' in page
    assert f'<option value="{second.pk}">{second.title} (2027 – {vp.name})</option>' in page

    c.post(url, {"initiatives": [second.pk]})
    assert list(n.initiatives.all()) == [second]
    entry = AuditLog.objects.filter(action="award_dossier.nominee_initiatives").latest("id")
    assert entry.before["initiatives"] == [first.title]
    assert entry.after["initiatives"] == [second.title]

    # An initiative of another year is refused with its reason, and nothing changes.
    refused = c.post(url, {"initiatives": [elsewhere.pk]}, follow=True).content.decode()
    assert "không có trong danh sách" in refused or "không thuộc" in refused
    assert list(n.initiatives.all()) == [second]

    # Not a number at all: the same message, nothing changes, never a 500.
    hostile = c.post(url, {"initiatives": ["abc"]}, follow=True)
    assert hostile.status_code == 200
    assert "Sáng kiến số abc không có trong danh sách" in hostile.content.decode()
    assert list(n.initiatives.all()) == [second]

    c.post(url, {})
    assert not n.initiatives.exists()


def test_only_who_may_edit_the_dossier_changes_a_nominees_initiatives():
    lechan, vp = level("Lê Chân"), office("Lê Chân", "VP")
    shared = _initiative(vp)
    dossier = services.dossier_open(
        actor=user("lechan"), programme=programme(WARD_AD_HOC), proposing_unit=lechan, year=YEAR
    )
    n = services.nomination_add(actor=SYSTEM, dossier=dossier, unit=vp)
    url = f"/khen-thuong/ho-so/de-nghi/{n.pk}/sang-kien/"
    other = Client()
    other.force_login(user("khucthuadu"))
    assert other.post(url, {"initiatives": [shared.pk]}).status_code == 404
    assert not n.initiatives.exists()
    _d, submitted, _r = _submitted(CITY, lechan)
    c = Client()
    c.force_login(user("lechan"))
    assert (
        c.post(
            f"/khen-thuong/ho-so/de-nghi/{submitted.pk}/sang-kien/", {"initiatives": [shared.pk]}
        ).status_code
        == 403
    )
    assert not submitted.initiatives.exists()
