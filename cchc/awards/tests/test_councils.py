"""Councils and their meetings through the services: quorum, open and secret ballots, written opinions,
thresholds, the results written to the nominations, and the two records."""

from datetime import date

import pytest
from docx import Document as Docx

from cchc.awards import selectors_councils as selectors
from cchc.awards import services_councils as services
from cchc.awards.choices import MeetingStatus, NominationStatus
from cchc.awards.models import DossierFile, Tally, Vote
from cchc.awards.tests import councils_setup as setup
from cchc.core.errors import DomainError, PermissionDenied
from cchc.core.models import AuditLog
from cchc.core.scope import SYSTEM

pytestmark = pytest.mark.django_db


def secret(agree, disagree=0, lower=0, abstain=0, invalid=0, issued=None):
    issued = issued if issued is not None else agree + disagree + lower + invalid
    return services.TallyInput(
        issued=issued,
        returned=issued,
        invalid=invalid,
        agree=agree,
        disagree=disagree,
        lower=lower,
        abstain=abstain,
    )


def test_quorum_not_reached_refuses_the_vote_with_the_figures(personas):
    c = setup.council(personas)
    prog = setup.programme(personas.ward_a)
    [n] = setup.round_of(personas, prog, [("Tổ một cửa", "ldtt")])
    m = setup.meeting(personas, c, prog)
    setup.set_absent(m, 3)  # 7/10 present, 80 % needed
    with pytest.raises(DomainError) as exc:
        services.tally_record(actor=SYSTEM, item=m.items.get(), counts=secret(7))
    assert "Không đủ túc số" in exc.value.message
    assert "7/10" in exc.value.message and "8/10" in exc.value.message
    assert not Tally.objects.filter(item__meeting=m).exists()
    n.refresh_from_db()
    assert n.status == NominationStatus.RECEIVED


def test_a_secret_ballot_stores_only_the_tally_and_no_member_choice(personas):
    c = setup.council(personas)
    prog = setup.programme(personas.ward_a)
    setup.round_of(personas, prog, [("Nguyễn Văn A", "ldtt"), ("Trần Thị B", "ldtt")])
    m = setup.meeting(personas, c, prog, ballot="secret")
    a, b = m.items.order_by("order")
    services.tally_record(actor=SYSTEM, item=a, counts=secret(8, 2))
    services.tally_record(actor=SYSTEM, item=b, counts=secret(4, 6))
    with pytest.raises(DomainError):
        services.votes_record(
            actor=SYSTEM, meeting=m, votes={a.pk: {m.attendance.first().member_id: "agree"}}
        )
    services.meeting_close(actor=SYSTEM, meeting=m, generate_files=False)
    assert Vote.objects.filter(item__meeting=m).count() == 0
    assert list(
        Tally.objects.filter(item__meeting=m).values_list("agree", flat=True).order_by("agree")
    ) == [4, 8]
    a.nomination.refresh_from_db()
    b.nomination.refresh_from_db()
    assert a.nomination.status == NominationStatus.PASSED
    assert b.nomination.status == NominationStatus.FAILED
    results = AuditLog.objects.filter(
        action="award_meeting.result", object_id__in=[str(a.nomination_id), str(b.nomination_id)]
    )
    assert results.count() == 2


def test_a_secret_count_that_does_not_add_up_is_refused_naming_the_nominee(personas):
    c = setup.council(personas)
    prog = setup.programme(personas.ward_a)
    setup.round_of(personas, prog, [("Nguyễn Văn A", "ldtt")])
    m = setup.meeting(personas, c, prog)
    item = m.items.get()
    bad = services.TallyInput(issued=10, returned=10, invalid=1, agree=5, disagree=3, lower=0)
    with pytest.raises(DomainError) as exc:
        services.tally_record(actor=SYSTEM, item=item, counts=bad)
    assert "Nguyễn Văn A" in exc.value.message and "9 phiếu hợp lệ" in exc.value.message
    with pytest.raises(DomainError):
        services.tally_record(actor=SYSTEM, item=item, counts=secret(11))


def test_an_open_ballot_keeps_each_choice_and_a_conflict_of_interest_is_recorded(personas):
    c = setup.council(personas)
    prog = setup.programme(personas.ward_a)
    setup.round_of(personas, prog, [("Nguyễn Văn A", "ldtt")])
    m = setup.meeting(personas, c, prog, ballot="open")
    item = m.items.get()
    members = [a.member_id for a in m.attendance.order_by("member__order")]
    choices = dict.fromkeys(members[:5], "agree") | dict.fromkeys(members[5:9], "disagree")
    choices[members[9]] = "abstain"
    services.votes_record(actor=SYSTEM, meeting=m, votes={item.pk: choices})
    assert Vote.objects.filter(item=item).count() == 10
    assert Vote.objects.get(item=item, member_id=members[9]).choice == "abstain"
    [result] = selectors.meeting_results(meeting=m)
    # 5 of the 9 present members who vote: the abstaining member is left out of "present".
    assert result.outcome.outcome == "passed"
    assert result.outcome.threshold.denominator == 9
    assert "1 không biểu quyết do xung đột lợi ích" in result.outcome.message


def test_absent_members_written_opinions_count_as_votes_as_the_data_says(personas):
    prog = setup.programme(personas.ward_a, form="cstd_co_so")
    setup.round_of(personas, prog, [("Nguyễn Văn A", "cstd_co_so")])
    c = setup.council(personas)
    m = setup.meeting(personas, c, prog, ballot="open")
    setup.set_absent(m, 2, written=1)  # 8 present, 1 written opinion, 1 silent
    item = m.items.get()
    rows = list(m.attendance.order_by("member__order"))
    present = [a.member_id for a in rows if a.present]
    written = [a.member_id for a in rows if not a.present and a.written_opinion]
    silent = [a.member_id for a in rows if not a.present and not a.written_opinion]
    with pytest.raises(DomainError) as exc:
        services.votes_record(actor=SYSTEM, meeting=m, votes={item.pk: {silent[0]: "agree"}})
    assert "không có ý kiến bằng văn bản" in exc.value.message
    # 7 present agree + the written opinion = 8/10 of all members: Chiến sĩ thi đua cơ sở reaches 80 %.
    votes = dict.fromkeys(present[:7], "agree") | {present[7]: "disagree", written[0]: "agree"}
    services.votes_record(actor=SYSTEM, meeting=m, votes={item.pk: votes})
    [result] = selectors.meeting_results(meeting=m)
    assert result.outcome.outcome == "passed"
    assert "8/10" in result.outcome.message

    # A council whose rules do not count written opinions as votes.
    c.rules = {"written_opinions": {"count_as_votes": False}}
    c.save()
    m.rules = {}
    m.save()
    with pytest.raises(DomainError) as exc:
        services.votes_record(actor=SYSTEM, meeting=m, votes={item.pk: {written[0]: "agree"}})
    assert "không được tính là phiếu" in exc.value.message


def test_lowered_outcome_sets_the_nomination_lowered_with_the_lower_form(personas):
    prog = setup.programme(personas.ward_a, form="cstd_co_so")
    setup.round_of(personas, prog, [("Nguyễn Văn A", "cstd_co_so")])
    c = setup.council(personas)
    m = setup.meeting(personas, c, prog)
    services.tally_record(actor=SYSTEM, item=m.items.get(), counts=secret(6, 1, lower=3))
    services.meeting_close(actor=SYSTEM, meeting=m, generate_files=False)
    item = m.items.get()
    assert item.outcome == NominationStatus.LOWERED
    assert item.result_form == "ldtt"
    assert "Lao động tiên tiến" in item.explanation
    item.nomination.refresh_from_db()
    assert item.nomination.status == NominationStatus.LOWERED
    assert item.nomination.result_form == "ldtt"


def test_a_meeting_cannot_close_before_every_nominee_is_counted(personas):
    c = setup.council(personas)
    prog = setup.programme(personas.ward_a)
    setup.round_of(personas, prog, [("A", "ldtt"), ("B", "ldtt")])
    m = setup.meeting(personas, c, prog)
    services.tally_record(actor=SYSTEM, item=m.items.order_by("order").first(), counts=secret(9))
    with pytest.raises(DomainError) as exc:
        services.meeting_close(actor=SYSTEM, meeting=m)
    assert "Chưa có kết quả biểu quyết của: B" in exc.value.message
    m.refresh_from_db()
    assert m.status == MeetingStatus.OPEN


def test_a_meeting_without_received_nominations_cannot_open(personas):
    c = setup.council(personas)
    prog = setup.programme(personas.ward_a)
    m = services.meeting_create(
        actor=SYSTEM, council=c, held_on=date(2027, 1, 20), title="Họp", year=2026, programme=prog
    )
    with pytest.raises(DomainError) as exc:
        services.meeting_open(actor=SYSTEM, meeting=m)
    assert "Chưa có đề nghị nào đã tiếp nhận" in exc.value.message


def test_closing_generates_both_records_registered_and_attached_to_the_dossier(personas):
    c = setup.council(personas)
    prog = setup.programme(personas.ward_a)
    [n] = setup.round_of(personas, prog, [("Nguyễn Văn A", "ldtt")])
    m = setup.meeting(personas, c, prog)
    services.tally_record(actor=SYSTEM, item=m.items.get(), counts=secret(9, 1))
    services.meeting_close(actor=SYSTEM, meeting=m)
    m.refresh_from_db()
    assert m.minutes is not None and m.tally_record is not None
    assert m.minutes.doc_type == "BB" and m.minutes.org_unit == personas.ward_a
    files = DossierFile.objects.filter(dossier=n.dossier, kind="minutes", generated=True)
    assert files.count() == 2
    tally_file = m.tally_record.files.get()
    text = "\n".join(p.text for p in Docx(tally_file.file.path).paragraphs)
    assert "Tổng số thành viên Hội đồng: 10" in text
    assert "Số phiếu phát ra: 10" in text
    assert "Số phiếu không hợp lệ: 0" in text
    minutes_text = "\n".join(p.text for p in Docx(m.minutes.files.get().file.path).paragraphs)
    assert "Đủ túc số" in minutes_text
    assert "Đề nghị khen thưởng: Nguyễn Văn A" in minutes_text


def test_only_the_standing_agency_manages_the_council(personas):
    c = setup.council(personas)
    with pytest.raises(PermissionDenied):
        services.council_member_add(
            actor=personas.ward_b_officer, council=c, name="Người ngoài", role="member"
        )
    with pytest.raises(PermissionDenied):
        services.council_member_add(
            actor=personas.ward_a_viewer, council=c, name="Người xem", role="member"
        )
    with pytest.raises(DomainError) as exc:
        services.council_member_add(
            actor=personas.ward_a_officer, council=c, name="Chủ tịch thứ hai", role="chair"
        )
    assert "đã có Chủ tịch" in exc.value.message


def test_a_second_council_in_the_same_term_is_refused(personas):
    setup.council(personas, members=1)
    with pytest.raises(DomainError) as exc:
        services.council_create(
            actor=SYSTEM,
            unit=personas.ward_a,
            name="Hội đồng khác",
            term_start=date(2027, 1, 1),
        )
    assert "đã có Hội đồng" in exc.value.message
