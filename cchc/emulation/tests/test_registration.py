"""The yearly registration (đăng ký thi đua): the unit writes its titles, pledges and targets, sends it to the
level above, which approves it or returns it with a reason."""

from datetime import date

import pytest

from cchc.core.errors import DomainError, PermissionDenied
from cchc.core.models import AuditLog
from cchc.emulation import services
from cchc.emulation.choices import RegistrationStatus, TitleChoice
from cchc.emulation.tests.conftest import participant
from cchc.emulation.workflows import REGISTRATION_FLOW
from cchc.orgs import services as org_services

pytestmark = pytest.mark.django_db

T = services.TitleLine
P = services.PledgeLine


@pytest.fixture
def person_a(personas):
    from cchc.core.scope import SYSTEM

    return org_services.person_create(
        actor=SYSTEM,
        unit=personas.office_a,
        full_name="Nguyễn Văn Thử",
        gender="male",
        employment_kind="cong_chuc",
    )


@pytest.fixture
def registration(personas, city_movement):
    p = participant(city_movement, personas.ward_a)
    return services.registration_start(actor=personas.ward_a_officer, participant=p, year=2026)


def test_a_ward_registers_its_titles_and_the_city_approves(personas, registration, person_a):
    services.registration_save(
        actor=personas.ward_a_officer,
        registration=registration,
        titles=[T(TitleChoice.TTLDXS), T(TitleChoice.CSTD_CO_SO, person_a.pk)],
        pledges=[P("pledge", "Hoàn thành 100% nhiệm vụ đúng hạn"), P("target", "Top 5 khối")],
    )
    services.registration_submit(
        actor=personas.ward_a_officer, registration=registration, today=date(2026, 7, 1)
    )
    assert registration.status == RegistrationStatus.SUBMITTED
    assert registration.submitted_on == date(2026, 7, 1)
    services.registration_approve(
        actor=personas.city_officer, registration=registration, today=date(2026, 7, 5)
    )
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.APPROVED
    assert (registration.reviewed_on, registration.reviewed_by) == (
        date(2026, 7, 5),
        personas.city_officer,
    )
    assert [str(t) for t in registration.titles.all()] == [
        "Tập thể: Tập thể lao động xuất sắc",
        "Nguyễn Văn Thử: Chiến sĩ thi đua cơ sở",
    ]
    assert AuditLog.objects.filter(action="registration.approve").exists()


def test_the_city_returns_a_registration_with_a_reason_and_the_ward_sends_it_again(
    personas, registration
):
    services.registration_save(
        actor=personas.ward_a_officer, registration=registration, titles=[T(TitleChoice.TTLDTT)]
    )
    services.registration_submit(actor=personas.ward_a_officer, registration=registration)
    with pytest.raises(DomainError, match="lý do"):
        services.registration_return(
            actor=personas.city_officer, registration=registration, note="  "
        )
    services.registration_return(
        actor=personas.city_officer, registration=registration, note="Bổ sung chỉ tiêu."
    )
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.RETURNED
    assert registration.return_note == "Bổ sung chỉ tiêu."
    services.registration_save(
        actor=personas.ward_a_officer,
        registration=registration,
        titles=[T(TitleChoice.TTLDTT)],
        pledges=[P("target", "Chỉ số CCHC trên 85%")],
    )
    services.registration_submit(actor=personas.ward_a_officer, registration=registration)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.SUBMITTED and registration.return_note == ""


def test_a_registration_without_any_title_cannot_be_sent(personas, registration):
    options = REGISTRATION_FLOW.options(personas.ward_a_officer, registration)
    assert [(o.name, o.enabled) for o in options] == [("submit", False)]
    assert "Chưa đăng ký danh hiệu" in options[0].reason
    with pytest.raises(DomainError, match="Chưa đăng ký danh hiệu"):
        services.registration_submit(actor=personas.ward_a_officer, registration=registration)


@pytest.mark.parametrize(
    "line, words",
    [
        (T(TitleChoice.LDTT), "là danh hiệu của cá nhân"),
        (T("huan_chuong"), "không hợp lệ"),
    ],
)
def test_a_title_that_does_not_fit_is_refused_naming_its_row(personas, registration, line, words):
    with pytest.raises(DomainError, match=words) as caught:
        services.registration_save(
            actor=personas.ward_a_officer, registration=registration, titles=[T("ttldtt"), line]
        )
    assert caught.value.message.startswith("Dòng 2:")


def test_a_person_of_another_ward_or_a_collective_title_for_a_person_is_refused(
    personas, registration, person_a
):
    from cchc.core.scope import SYSTEM

    stranger = org_services.person_create(
        actor=SYSTEM,
        unit=personas.office_b,
        full_name="Trần Thị Khác",
        gender="female",
        employment_kind="cong_chuc",
    )
    with pytest.raises(DomainError, match="không thuộc Phường An Bình"):
        services.registration_save(
            actor=personas.ward_a_officer,
            registration=registration,
            titles=[T(TitleChoice.LDTT, stranger.pk)],
        )
    with pytest.raises(DomainError, match="danh hiệu của tập thể"):
        services.registration_save(
            actor=personas.ward_a_officer,
            registration=registration,
            titles=[T(TitleChoice.TTLDTT, person_a.pk)],
        )


def test_the_ward_cannot_approve_its_own_registration_and_the_other_ward_cannot_start_one(
    personas, registration, city_movement
):
    services.registration_save(
        actor=personas.ward_a_officer, registration=registration, titles=[T(TitleChoice.TTLDTT)]
    )
    services.registration_submit(actor=personas.ward_a_officer, registration=registration)
    with pytest.raises(PermissionDenied):
        services.registration_approve(actor=personas.ward_a_officer, registration=registration)
    with pytest.raises(PermissionDenied):
        services.registration_start(
            actor=personas.ward_b_officer,
            participant=participant(city_movement, personas.ward_a),
            year=2026,
        )


def test_a_registration_outside_the_period_is_refused(personas, city_movement):
    with pytest.raises(DomainError, match="Năm 2031 không thuộc giai đoạn 2026 - 2030"):
        services.registration_start(
            actor=personas.ward_a_officer,
            participant=participant(city_movement, personas.ward_a),
            year=2031,
        )


def test_starting_twice_opens_the_same_registration(personas, registration, city_movement):
    again = services.registration_start(
        actor=personas.ward_a_officer,
        participant=participant(city_movement, personas.ward_a),
        year=2026,
    )
    assert again == registration


def test_sending_again_clears_the_previous_review(personas, registration, client_for):
    services.registration_save(
        actor=personas.ward_a_officer, registration=registration, titles=[T(TitleChoice.TTLDTT)]
    )
    services.registration_submit(actor=personas.ward_a_officer, registration=registration)
    services.registration_return(
        actor=personas.city_officer,
        registration=registration,
        note="Bổ sung.",
        today=date(2026, 7, 3),
    )
    page = client_for(personas.ward_a_officer).get(f"/phong-trao/dang-ky/{registration.pk}/")
    assert "trả lại ngày 03/07/2026" in page.content.decode()
    services.registration_submit(actor=personas.ward_a_officer, registration=registration)
    registration.refresh_from_db()
    assert (registration.reviewed_on, registration.reviewed_by) == (None, None)
    page = client_for(personas.ward_a_officer).get(f"/phong-trao/dang-ky/{registration.pk}/")
    assert "03/07/2026" not in page.content.decode()
