"""The leader's sign-off of a self-assessment: the officer sends it, the unit's leader approves or returns it with
a reason, only then the officer submits it; answers change only in the draft; the pages offer each user the
moves the workflow gives them (personas of the root conftest, and the demo's Lê Chân)."""

import re
from datetime import timedelta
from decimal import Decimal as D

import pytest
from django.test import Client

from cchc.core import dates
from cchc.core.errors import DomainError, PermissionDenied
from cchc.core.models import AuditLog
from cchc.par import assessment_services, selectors
from cchc.par.answer_services import Entry
from cchc.par.choices import AssessmentStatus
from cchc.par.tests.conftest import TODAY, fill_persona

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr(dates, "today", lambda: TODAY)
    return TODAY


def buttons(html: str) -> list[str]:
    """The moves a page offers (each rendered by components/transitions.html)."""
    return re.findall(r'data-transition="(\w+)"', html)


def test_the_officer_cannot_submit_before_the_leader_approves(persona_round):
    p = persona_round
    a = p.ward_a_assessment
    fill_persona(a, p.ward_a_officer)
    with pytest.raises(DomainError) as exc:
        assessment_services.assessment_submit(actor=p.ward_a_officer, assessment=a, today=TODAY)
    assert exc.value.message == (
        f"Không thể “nộp hồ sơ”: {a} đang ở trạng thái “Đang tự đánh giá”."
    )
    assessment_services.assessment_request_approval(
        actor=p.ward_a_officer, assessment=a, today=TODAY
    )
    with pytest.raises(DomainError) as exc:
        assessment_services.assessment_submit(actor=p.ward_a_officer, assessment=a, today=TODAY)
    assert "“Chờ lãnh đạo phê duyệt”" in exc.value.message
    a.refresh_from_db()
    assert a.status == AssessmentStatus.AWAITING_APPROVAL and a.submitted_at is None


def test_the_submit_route_answers_400_with_the_reason_before_approval_and_403_to_the_leader(
    persona_round, today
):
    p = persona_round
    a = p.ward_a_assessment
    fill_persona(a, p.ward_a_officer)
    response = client_for(p.ward_a_officer).post(f"/chi-so/ho-so/{a.pk}/nop/")
    assert response.status_code == 400
    assert "Không thể “nộp hồ sơ”" in response.content.decode()
    assert client_for(p.ward_a_leader).post(f"/chi-so/ho-so/{a.pk}/nop/").status_code == 403
    assert client_for(p.ward_a_viewer).post(f"/chi-so/ho-so/{a.pk}/nop/").status_code == 403
    assert client_for(p.ward_b_officer).post(f"/chi-so/ho-so/{a.pk}/nop/").status_code == 404
    a.refresh_from_db()
    assert a.status == AssessmentStatus.DRAFT


def test_the_leader_approves_then_the_officer_submits_and_each_step_is_audited(persona_round):
    p = persona_round
    a = p.ward_a_assessment
    fill_persona(a, p.ward_a_officer)
    assessment_services.assessment_request_approval(
        actor=p.ward_a_officer, assessment=a, today=TODAY
    )
    with pytest.raises(PermissionDenied):
        assessment_services.assessment_approve(actor=p.ward_a_officer, assessment=a, today=TODAY)
    with pytest.raises(PermissionDenied):
        assessment_services.assessment_approve(actor=p.ward_b_officer, assessment=a, today=TODAY)
    assessment_services.assessment_approve(actor=p.ward_a_leader, assessment=a, today=TODAY)
    a.refresh_from_db()
    assert (a.status, a.approved_by) == (AssessmentStatus.APPROVED, p.ward_a_leader)
    with pytest.raises(PermissionDenied):
        assessment_services.assessment_submit(actor=p.ward_a_leader, assessment=a, today=TODAY)
    assessment_services.assessment_submit(actor=p.ward_a_officer, assessment=a, today=TODAY)
    a.refresh_from_db()
    assert (a.status, a.submitted_by) == (AssessmentStatus.SUBMITTED, p.ward_a_officer)
    actions = list(
        AuditLog.objects.filter(object_id=str(a.pk), action__startswith="assessment.")
        .order_by("id")
        .values_list("action", "actor_name")
    )
    assert actions[-3:] == [
        ("assessment.request_approval", "t_ward_a"),
        ("assessment.approve", "t_ward_a_leader"),
        ("assessment.submit", "t_ward_a"),
    ]


def test_the_leader_returns_with_a_reason_the_officer_reads_it_and_it_is_audited(
    persona_round, today
):
    p = persona_round
    a = p.ward_a_assessment
    fill_persona(a, p.ward_a_officer)
    assessment_services.assessment_request_approval(
        actor=p.ward_a_officer, assessment=a, today=TODAY
    )
    leader = client_for(p.ward_a_leader)
    response = leader.post(f"/chi-so/ho-so/{a.pk}/tra-lai/", {"note": "  "})
    assert response.status_code == 400 and "Vui lòng ghi rõ lý do." in response.content.decode()
    a.refresh_from_db()
    assert a.status == AssessmentStatus.AWAITING_APPROVAL
    reason = "Tiêu chí 1.2: số liệu chưa khớp bảng theo dõi kế hoạch."
    response = leader.post(f"/chi-so/ho-so/{a.pk}/tra-lai/", {"note": reason})
    assert response.status_code == 302
    a.refresh_from_db()
    assert (a.status, a.return_note, a.returned_by) == (
        AssessmentStatus.DRAFT,
        reason,
        p.ward_a_leader,
    )
    assert AuditLog.objects.filter(
        action="assessment.return", object_id=str(a.pk), note=reason
    ).exists()
    page = client_for(p.ward_a_officer).get(f"/chi-so/ho-so/{a.pk}/").content.decode()
    assert 'id="return-note"' in page and reason in page
    assert 'name="v_' in page  # editable again
    # Sending it again clears the note.
    assessment_services.assessment_request_approval(
        actor=p.ward_a_officer, assessment=a, today=TODAY
    )
    a.refresh_from_db()
    assert a.return_note == ""


def test_answers_change_only_while_the_self_assessment_is_a_draft(persona_round):
    p = persona_round
    a = p.ward_a_assessment
    answers = fill_persona(a, p.ward_a_officer)
    assessment_services.assessment_request_approval(
        actor=p.ward_a_officer, assessment=a, today=TODAY
    )
    entry = {answers["1.1"].criterion_id: Entry(value=D("0"))}
    with pytest.raises(DomainError) as exc:
        assessment_services.self_assessment_save(
            actor=p.ward_a_officer, assessment=a, entries=entry, today=TODAY
        )
    assert "“Chờ lãnh đạo phê duyệt”; chỉ sửa được khi đang tự đánh giá" in exc.value.message
    assert "đề nghị lãnh đạo trả lại hồ sơ" in exc.value.message
    with pytest.raises(DomainError):
        assessment_services.evidence_add(
            actor=p.ward_a_officer, answer=answers["1.1"], document=None, today=TODAY
        )
    answers["1.1"].refresh_from_db()
    assert answers["1.1"].self_score == D("1")


def test_sending_to_the_leader_needs_a_complete_file_and_an_open_window(persona_round):
    p = persona_round
    a = p.ward_a_assessment
    with pytest.raises(DomainError) as exc:
        assessment_services.assessment_request_approval(
            actor=p.ward_a_officer, assessment=a, today=TODAY
        )
    assert exc.value.message == "Chưa chấm điểm các tiêu chí: 1.1, 1.2."
    fill_persona(a, p.ward_a_officer)
    with pytest.raises(DomainError) as exc:
        assessment_services.assessment_request_approval(
            actor=p.ward_a_officer, assessment=a, today=p.round.self_start - timedelta(days=1)
        )
    assert exc.value.message == (
        f"Chưa đến thời gian tự đánh giá (từ {p.round.self_start:%d/%m/%Y})."
    )


def test_the_leader_sees_what_awaits_their_approval_and_nobody_else_does(persona_round, today):
    p = persona_round
    for key, officer in (("ward_a", p.ward_a_officer), ("ward_b", p.ward_b_officer)):
        a = getattr(p, f"{key}_assessment")
        fill_persona(a, officer)
        assessment_services.assessment_request_approval(actor=officer, assessment=a, today=TODAY)
    assert list(selectors.awaiting_approval(p.ward_a_leader)) == [p.ward_a_assessment]
    for user in (p.ward_a_officer, p.ward_a_viewer, p.ward_b_officer, p.city_officer):
        assert list(selectors.awaiting_approval(actor=user)) == []
    assert set(selectors.awaiting_approval(p.admin)) >= {
        p.ward_a_assessment,
        p.ward_b_assessment,
    }
    home = client_for(p.ward_a_leader).get("/chi-so/").content.decode()
    assert 'id="awaiting-approval"' in home and "Chờ phê duyệt (1)" in home
    assert p.ward_a.name in home and p.ward_b.name not in home
    assert (
        'id="awaiting-approval"'
        not in client_for(p.ward_a_officer).get("/chi-so/").content.decode()
    )


def test_a_viewer_and_the_leader_get_different_buttons_on_the_same_assessment_page(
    persona_round, today
):
    p = persona_round
    a = p.ward_a_assessment
    fill_persona(a, p.ward_a_officer)
    url = f"/chi-so/ho-so/{a.pk}/"
    officer_page = client_for(p.ward_a_officer).get(url).content.decode()
    assert buttons(officer_page) == ["request_approval"]
    assert f'formaction="/chi-so/ho-so/{a.pk}/trinh-phe-duyet/"' in officer_page
    assessment_services.assessment_request_approval(
        actor=p.ward_a_officer, assessment=a, today=TODAY
    )
    leader_page = client_for(p.ward_a_leader).get(url).content.decode()
    viewer_page = client_for(p.ward_a_viewer).get(url).content.decode()
    assert buttons(leader_page) == ["approve", "return"]
    assert f'action="/chi-so/ho-so/{a.pk}/phe-duyet/"' in leader_page
    assert f'action="/chi-so/ho-so/{a.pk}/tra-lai/"' in leader_page
    assert 'name="note"' in leader_page and "data-confirm=" in leader_page
    assert buttons(viewer_page) == []
    assert 'id="actions"' not in viewer_page and "<textarea" not in viewer_page
    assert buttons(client_for(p.ward_a_officer).get(url).content.decode()) == []


def test_a_move_refused_by_its_guard_shows_a_disabled_button_with_the_reason(persona_round, today):
    p = persona_round
    a = p.ward_a_assessment
    page = client_for(p.ward_a_officer).get(f"/chi-so/ho-so/{a.pk}/").content.decode()
    button = re.search(r'data-transition="request_approval">(.*?)</div>\s*</div>', page, re.S)
    assert button is not None
    assert "disabled" in button.group(1)
    assert "Chưa chấm điểm các tiêu chí: 1.1, 1.2." in button.group(1)


def test_the_demo_chairman_of_le_chan_has_its_self_assessment_waiting(demo, monkeypatch):
    from cchc.demo.day import DEMO_DAY as DEMO_TODAY

    monkeypatch.setattr(dates, "today", lambda: DEMO_TODAY)
    chairman, viewer = demo.user("lechan.chutich"), demo.user("lechan.xem")
    (a,) = selectors.awaiting_approval(chairman)
    assert a.unit == demo.level("Lê Chân") and a.round.year == 2026
    url = f"/chi-so/ho-so/{a.pk}/"
    assert buttons(client_for(chairman).get(url).content.decode()) == ["approve", "return"]
    assert buttons(client_for(viewer).get(url).content.decode()) == []
    assert buttons(client_for(demo.user("lechan")).get(url).content.decode()) == []
