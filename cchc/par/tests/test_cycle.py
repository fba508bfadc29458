"""The assessment cycle through the services: self-assessment, deadlines, appraisal, responses, publication."""

from datetime import timedelta
from decimal import Decimal as D

import pytest

from cchc.core.errors import DomainError, PermissionDenied
from cchc.core.models import AuditLog
from cchc.par import (
    appraisal_services,
    assessment_services,
    result_services,
    round_services,
    selectors,
    survey_services,
)
from cchc.par.answer_services import Entry
from cchc.par.choices import AssessmentStatus, Method, RoundStatus
from cchc.par.models import Answer, Result
from cchc.par.tests.conftest import TODAY, assessment_of, fill_all, sign_off_and_submit

pytestmark = pytest.mark.django_db


def answer(assessment, code):
    return assessment.answers.select_related("criterion").get(criterion__code=code)


def test_opening_a_round_creates_every_ranked_units_assessment_with_one_answer_per_scored_criterion(
    fresh_round,
):
    assessments = list(fresh_round.assessments.select_related("criteria_set"))
    assert assessments
    for a in assessments[:5]:
        leaves = a.criteria_set.criteria.filter(is_leaf=True).count()
        assert a.answers.count() == leaves
    assert {a.criteria_set.status for a in assessments} == {"frozen"}


def test_a_unit_saves_a_draft_and_threshold_figures_become_scores(fresh_round, demo):
    a = assessment_of(fresh_round, demo.level("Lê Chân"))
    lechan = demo.user("lechan")
    c12, c11 = answer(a, "1.2").criterion, answer(a, "1.1").criterion
    saved = assessment_services.self_assessment_save(
        actor=lechan,
        assessment=a,
        entries={
            c12.pk: Entry(value=D("85"), text="17/20 nhiệm vụ"),
            c11.pk: Entry(value=D("1")),
        },
        today=TODAY,
    )
    assert sorted(saved) == ["1.1", "1.2"]
    row = answer(a, "1.2")
    assert (row.self_figure, row.self_score, row.explanation, row.version) == (
        D("85"),
        D("1"),
        "17/20 nhiệm vụ",
        2,
    )
    assert answer(a, "1.1").self_score == D("1")


def test_a_score_above_the_maximum_is_refused_and_nothing_is_saved(fresh_round, demo):
    a = assessment_of(fresh_round, demo.level("Lê Chân"))
    c16, c15 = answer(a, "1.6").criterion, answer(a, "1.5").criterion
    with pytest.raises(DomainError) as exc:
        assessment_services.self_assessment_save(
            actor=demo.user("lechan"),
            assessment=a,
            entries={c15.pk: Entry(value=D("1")), c16.pk: Entry(value=D("2.5"))},
            today=TODAY,
        )
    assert exc.value.message == "Tiêu chí 1.6: điểm 2,50 vượt điểm tối đa 2,00."
    assert answer(a, "1.5").self_score is None


def test_a_submission_after_the_close_date_is_refused_with_a_clear_message(fresh_round, demo):
    a = assessment_of(fresh_round, demo.level("Lê Chân"))
    fill_all(a, demo.user("lechan"))
    late = fresh_round.self_end + timedelta(days=1)
    with pytest.raises(DomainError) as exc:
        assessment_services.assessment_request_approval(
            actor=demo.user("lechan"), assessment=a, today=late
        )
    assert exc.value.message.startswith(
        f"Đã hết hạn tự đánh giá (hạn {fresh_round.self_end:%d/%m/%Y})"
    )
    a.refresh_from_db()
    assert a.status == AssessmentStatus.DRAFT
    with pytest.raises(DomainError):
        assessment_services.self_assessment_save(
            actor=demo.user("lechan"),
            assessment=a,
            entries={answer(a, "1.5").criterion_id: Entry(value=D("0.5"))},
            today=late,
        )


def test_the_standing_agency_above_reopens_one_unit_and_it_is_audited(fresh_round, demo):
    a = assessment_of(fresh_round, demo.level("Lê Chân"))
    fill_all(a, demo.user("lechan"))
    late = fresh_round.self_end + timedelta(days=2)
    with pytest.raises(PermissionDenied):
        assessment_services.assessment_reopen(
            actor=demo.user("lechan"), assessment=a, until=late + timedelta(days=3), today=late
        )
    assessment_services.assessment_reopen(
        actor=demo.user("snv"),
        assessment=a,
        until=late + timedelta(days=3),
        note="Mất điện",
        today=late,
    )
    assert AuditLog.objects.filter(
        action="assessment.reopen", object_id=str(a.pk), note="Mất điện"
    ).exists()
    sign_off_and_submit(a, demo.user("lechan"), leader=demo.user("lechan.chutich"), today=late)
    a.refresh_from_db()
    assert a.status == AssessmentStatus.SUBMITTED
    other = assessment_of(fresh_round, demo.level("Khúc Thừa Dụ"))
    with pytest.raises(DomainError):
        assessment_services.assessment_submit(
            actor=demo.user("khucthuadu"), assessment=other, today=late
        )


def test_submitting_needs_every_criterion_and_the_required_evidence(fresh_round, demo):
    a = assessment_of(fresh_round, demo.level("Lê Chân"))
    lechan = demo.user("lechan")
    with pytest.raises(DomainError) as exc:
        assessment_services.assessment_request_approval(actor=lechan, assessment=a, today=TODAY)
    assert exc.value.message.startswith("Chưa chấm điểm các tiêu chí: 1.1, 1.2, 1.3")
    entries = {}
    for row in a.answers.select_related("criterion").exclude(criterion__method=Method.SURVEY):
        c = row.criterion
        entries[c.pk] = Entry(
            value={Method.YES_NO: 1, Method.THRESHOLD: 100}.get(c.method, c.max_score)
        )
    assessment_services.self_assessment_save(
        actor=lechan, assessment=a, entries=entries, today=TODAY
    )
    with pytest.raises(DomainError) as exc:
        assessment_services.assessment_request_approval(actor=lechan, assessment=a, today=TODAY)
    assert (
        exc.value.message
        == "Thiếu tài liệu kiểm chứng bắt buộc ở các tiêu chí: 1.1, 1.2, 1.6, 3.2, 7.2."
    )


def test_not_applicable_is_only_allowed_where_the_set_allows_it(fresh_round, demo):
    a = assessment_of(fresh_round, demo.level("Lê Chân"))
    ok, refused = answer(a, "3.5").criterion, answer(a, "3.4").criterion
    assessment_services.self_assessment_save(
        actor=demo.user("lechan"),
        assessment=a,
        entries={ok.pk: Entry(not_applicable=True)},
        today=TODAY,
    )
    assert answer(a, "3.5").not_applicable
    with pytest.raises(DomainError) as exc:
        assessment_services.self_assessment_save(
            actor=demo.user("lechan"),
            assessment=a,
            entries={refused.pk: Entry(not_applicable=True)},
            today=TODAY,
        )
    assert "Tiêu chí 3.4" in exc.value.message


def test_only_the_units_own_staff_fill_its_self_assessment(fresh_round, demo):
    a = assessment_of(fresh_round, demo.level("Lê Chân"))
    entry = {answer(a, "1.5").criterion_id: Entry(value=D("1"))}
    for username in ("snv", "lechan.xem", "lechan.chutich", "khucthuadu"):
        with pytest.raises(DomainError):
            assessment_services.self_assessment_save(
                actor=demo.user(username), assessment=a, entries=entry, today=TODAY
            )
    assessment_services.self_assessment_save(
        actor=demo.user("lechan.vanphong"), assessment=a, entries=entry, today=TODAY
    )


def _submitted(fresh_round, demo, short="Lê Chân", username="lechan"):
    a = assessment_of(fresh_round, demo.level(short))
    fill_all(a, demo.user(username))
    sign_off_and_submit(a, demo.user(username))
    return a


def test_a_stale_appraisal_save_is_refused_naming_the_criterion(fresh_round, demo):
    a = _submitted(fresh_round, demo)
    round_services.round_team_set(
        actor=demo.user("snv"), round_=fresh_round, usernames=["lethanhnghi"]
    )
    row = answer(a, "3.2")
    loaded = row.version
    first = appraisal_services.appraisal_save(
        actor=demo.user("snv"),
        assessment=a,
        entries={
            row.criterion_id: Entry(value=D("92"), text="Số liệu hệ thống: 92 %", version=loaded)
        },
        today=TODAY,
    )
    assert first == ["3.2"]
    with pytest.raises(DomainError) as exc:
        appraisal_services.appraisal_save(
            actor=demo.user("lethanhnghi"),
            assessment=a,
            entries={row.criterion_id: Entry(value=D("99"), text="Đồng ý", version=loaded)},
            today=TODAY,
        )
    assert (
        "tiêu chí 3.2 (Tỷ lệ hồ sơ giải quyết đúng hạn) vừa được Trần Thu Hà sửa lúc"
        in exc.value.message
    )
    assert "hãy xem lại rồi nhập lại thay đổi của bạn" in exc.value.message
    row.refresh_from_db()
    assert (row.appraised_figure, row.appraised_score, row.appraisal_comment) == (
        D("92"),
        D("2"),
        "Số liệu hệ thống: 92 %",
    )


def test_appraisers_are_the_standing_agency_above_or_the_named_team(fresh_round, demo):
    a = _submitted(fresh_round, demo)
    entry = {answer(a, "1.5").criterion_id: Entry(value=D("0.5"))}
    for username in ("lechan", "khucthuadu", "lechan.chutich"):
        with pytest.raises(DomainError):
            appraisal_services.appraisal_save(
                actor=demo.user(username), assessment=a, entries=entry, today=TODAY
            )
    round_services.round_team_set(
        actor=demo.user("snv"), round_=fresh_round, usernames=["khucthuadu"]
    )
    appraisal_services.appraisal_save(
        actor=demo.user("khucthuadu"), assessment=a, entries=entry, today=TODAY
    )


def test_the_whole_cycle_ends_in_a_published_ranking(fresh_round, demo):
    snv, lechan = demo.user("snv"), demo.user("lechan")
    a = _submitted(fresh_round, demo)
    b = _submitted(fresh_round, demo, "Lê Thanh Nghị", "lethanhnghi")
    row = answer(a, "1.6")
    appraisal_services.appraisal_save(
        actor=snv,
        assessment=a,
        entries={
            row.criterion_id: Entry(
                value=D("1"), text="Chỉ 1 sáng kiến được công nhận", version=row.version
            )
        },
        today=TODAY,
    )
    appraisal_services.appraisal_send(actor=snv, assessment=a, today=TODAY)
    appraisal_services.response_save(
        actor=lechan,
        assessment=a,
        entries={row.criterion_id: Entry(text="Sáng kiến thứ hai đã có quyết định")},
        today=TODAY,
    )
    assert answer(a, "1.6").response == "Sáng kiến thứ hai đã có quyết định"
    appraisal_services.appraisal_finalise(actor=snv, assessment=a, today=TODAY)
    appraisal_services.appraisal_finalise(actor=snv, assessment=b, today=TODAY)
    a.refresh_from_db()
    assert a.status == AssessmentStatus.FINALISED
    # Untouched criteria keep the self-assessed score.
    assert answer(a, "1.5").appraised_score == answer(a, "1.5").self_score
    survey_services.survey_set(
        actor=snv,
        round_=fresh_round,
        scores={a.pk: {"S1": D("18"), "S2": D("9")}, b.pk: {"S1": D("19"), "S2": D("9.5")}},
    )
    assert selectors.bloc_ranking(year=2027, bloc_code="phuong") == []  # not published yet
    round_services.round_publish(actor=snv, round_=fresh_round)
    fresh_round.refresh_from_db()
    assert fresh_round.status == RoundStatus.PUBLISHED
    ranking = selectors.bloc_ranking(year=2027, bloc_code="phuong")
    assert [(r.unit_name, r.rank, r.total) for r in ranking] == [
        ("Phường Lê Thanh Nghị", 1, D("98.50")),
        ("Phường Lê Chân", 2, D("96.00")),
    ]
    assert ranking[1].appraised_score == D("69") and ranking[1].survey_score == D("27")
    assert ranking[1].band == "Tốt"
    result = Result.objects.get(round=fresh_round, unit=a.unit)
    assert result.area_scores["1"] == "8.00" and result.area_scores["S1"] == "18.00"


def test_not_applicable_criteria_leave_the_maximum(fresh_round, demo):
    snv = demo.user("snv")
    a = assessment_of(fresh_round, demo.level("Lê Chân"))
    fill_all(a, demo.user("lechan"))
    na = answer(a, "3.5")
    assessment_services.self_assessment_save(
        actor=demo.user("lechan"),
        assessment=a,
        entries={na.criterion_id: Entry(not_applicable=True)},
        today=TODAY,
    )
    sign_off_and_submit(a, demo.user("lechan"))
    appraisal_services.appraisal_finalise(actor=snv, assessment=a, today=TODAY)
    survey_services.survey_set(
        actor=snv, round_=fresh_round, scores={a.pk: {"S1": D("20"), "S2": D("10")}}
    )
    result_services.results_compute(actor=snv, round_=fresh_round)
    r = Result.objects.get(round=fresh_round, unit=a.unit)
    assert (r.appraised_score, r.applicable_max, r.total) == (D("69"), D("99"), D("100"))


def test_publishing_is_for_the_city_standing_agency_only(fresh_round, demo):
    a = _submitted(fresh_round, demo)
    appraisal_services.appraisal_finalise(actor=demo.user("snv"), assessment=a, today=TODAY)
    for username in ("lechan", "khucthuadu"):
        with pytest.raises(PermissionDenied):
            round_services.round_publish(actor=demo.user(username), round_=fresh_round)
    round_services.round_publish(actor=demo.user("snv"), round_=fresh_round)
    with pytest.raises(DomainError):
        result_services.results_compute(actor=demo.user("snv"), round_=fresh_round)


def test_responses_only_in_the_response_window(fresh_round, demo):
    a = _submitted(fresh_round, demo)
    appraisal_services.appraisal_send(actor=demo.user("snv"), assessment=a, today=TODAY)
    row = answer(a, "1.5")
    with pytest.raises(DomainError) as exc:
        appraisal_services.response_save(
            actor=demo.user("lechan"),
            assessment=a,
            entries={row.criterion_id: Entry(text="Giải trình")},
            today=fresh_round.response_end + timedelta(days=1),
        )
    assert exc.value.message.startswith("Đã hết hạn giải trình")
    assert not Answer.objects.get(pk=row.pk).response
