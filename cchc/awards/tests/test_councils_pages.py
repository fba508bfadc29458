"""The council pages and API through the test client: a whole meeting by the standing office, and the scope
rules (another level's council is 404, the read-only viewer may not vote: 403)."""

import pytest
from django.urls import reverse

from cchc.awards.choices import MeetingStatus, NominationStatus
from cchc.awards.models import Council, CouncilMember, Meeting, Tally, Vote
from cchc.awards.tests import councils_setup as setup
from cchc.core.models import AuditLog

pytestmark = pytest.mark.django_db


def test_the_standing_office_runs_a_whole_meeting_through_the_pages(personas, client_for):
    c = client_for(personas.ward_a_officer)
    prog = setup.programme(personas.ward_a)
    [a, b] = setup.round_of(personas, prog, [("Tổ một cửa", "ldtt"), ("Nguyễn Văn B", "ldtt")])
    response = c.post(
        reverse("awards:council_create"),
        {
            "unit": personas.ward_a.pk,
            "name": "Hội đồng Thi đua - Khen thưởng phường An Bình",
            "term_start": "01/01/2026",
            "term_end": "31/12/2030",
            "rules": "",
        },
    )
    council = Council.objects.get(unit=personas.ward_a)
    assert response.status_code == 302
    for i, role in enumerate(["chair", "secretary", "member", "member", "member"]):
        c.post(
            reverse("awards:council_member_add", args=[council.pk]),
            {"name": f"Thành viên {i}", "role": role, "position": "Cán bộ"},
        )
    assert council.members.count() == 5
    page = c.get(reverse("awards:council_detail", args=[council.pk]))
    assert "Thành viên 4" in page.content.decode() and "quá 1/2" in page.content.decode()
    c.post(
        reverse("awards:meeting_create", args=[council.pk]),
        {
            "title": "Họp xét khen thưởng năm 2026",
            "held_on": "20/01/2027",
            "year": "2026",
            "programme": prog.pk,
            "ballot": "secret",
            "place": "Hội trường",
        },
    )
    meeting = Meeting.objects.get(council=council)
    c.post(reverse("awards:meeting_open", args=[meeting.pk]))
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.OPEN
    items = list(meeting.items.order_by("order"))
    post = {}
    for item, (agree, disagree) in zip(items, [(5, 0), (2, 3)], strict=True):
        post |= {
            f"issued-{item.pk}": "5",
            f"returned-{item.pk}": "5",
            f"invalid-{item.pk}": "0",
            f"agree-{item.pk}": str(agree),
            f"disagree-{item.pk}": str(disagree),
            f"lower-{item.pk}": "0",
            f"abstain-{item.pk}": "0",
        }
    vote_page = c.get(reverse("awards:meeting_vote", args=[meeting.pk]))
    assert "Bỏ phiếu kín" in vote_page.content.decode()
    assert c.post(reverse("awards:meeting_vote", args=[meeting.pk]), post).status_code == 302
    assert Tally.objects.filter(item__meeting=meeting).count() == 2
    c.post(reverse("awards:meeting_close", args=[meeting.pk]))
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CLOSED and meeting.minutes_id
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.status, b.status) == (NominationStatus.PASSED, NominationStatus.FAILED)
    docx = c.get(reverse("awards:meeting_record_docx", args=[meeting.pk, "bien-ban-kiem-phieu"]))
    assert docx.status_code == 200 and docx["Content-Type"].startswith("application/vnd")
    results = c.get(f"/api/meetings/{meeting.pk}/results").json()
    assert [r["outcome"] for r in results["items"]] == ["passed", "failed"]
    assert results["items"][0]["votes"] == {"agree": 5, "disagree": 0, "lower": 0, "abstain": 0}
    assert results["items"][0]["members"] == 5 and "cần 3/5" in results["items"][0]["threshold"]
    councils = c.get("/api/councils").json()["items"]
    assert councils == [
        {
            "id": council.pk,
            "unit_id": personas.ward_a.pk,
            "unit": personas.ward_a.name,
            "name": council.name,
            "term_start": "2026-01-01",
            "term_end": "2030-12-31",
            "members": 5,
        }
    ]
    meetings = c.get(f"/api/councils/{council.pk}/meetings").json()["items"]
    assert meetings[0]["round"] == {"programme_id": prog.pk, "programme": prog.name, "year": 2026}


def test_a_quorum_short_meeting_shows_the_figures_and_keeps_no_vote(personas, client_for):
    council = setup.council(personas)
    prog = setup.programme(personas.ward_a)
    setup.round_of(personas, prog, [("Tổ một cửa", "ldtt")])
    meeting = setup.meeting(personas, council, prog, ballot="open")
    setup.set_absent(meeting, 4)
    c = client_for(personas.ward_a_officer)
    item = meeting.items.get()
    post = {
        f"vote-{item.pk}-{a.member_id}": "agree" for a in meeting.attendance.filter(present=True)
    }
    response = c.post(reverse("awards:meeting_vote", args=[meeting.pk]), post, follow=True)
    assert "Không đủ túc số: Có mặt 6/10" in response.content.decode()
    assert not Vote.objects.filter(item=item).exists()


def test_another_wards_officer_gets_404_and_the_viewer_cannot_vote(personas, client_for):
    council = setup.council(personas)
    prog = setup.programme(personas.ward_a)
    setup.round_of(personas, prog, [("Tổ một cửa", "ldtt")])
    meeting = setup.meeting(personas, council, prog)
    other = client_for(personas.ward_b_officer)
    assert other.get(reverse("awards:council_detail", args=[council.pk])).status_code == 404
    assert other.get(reverse("awards:meeting_vote", args=[meeting.pk])).status_code == 404
    assert other.get(f"/api/meetings/{meeting.pk}/results").status_code == 404
    viewer = client_for(personas.ward_a_viewer)
    before = AuditLog.objects.count()
    assert viewer.get(reverse("awards:meeting_detail", args=[meeting.pk])).status_code == 200
    assert viewer.get(reverse("awards:meeting_vote", args=[meeting.pk])).status_code == 403
    assert viewer.post(reverse("awards:meeting_vote", args=[meeting.pk]), {}).status_code == 403
    assert viewer.post(reverse("awards:meeting_close", args=[meeting.pk])).status_code == 403
    assert AuditLog.objects.count() == before


def test_the_councils_secretary_records_votes_but_does_not_close(personas, client_for):
    council = setup.council(personas, secretary_user=personas.council_member)
    prog = setup.programme(personas.ward_a)
    setup.round_of(personas, prog, [("Tổ một cửa", "ldtt")])
    meeting = setup.meeting(personas, council, prog)
    c = client_for(personas.council_member)
    assert c.get(reverse("awards:meeting_vote", args=[meeting.pk])).status_code == 200
    assert c.post(reverse("awards:meeting_close", args=[meeting.pk])).status_code == 403


def test_a_bad_rules_text_is_refused_on_the_form_in_vietnamese(personas, client_for):
    c = client_for(personas.ward_a_officer)
    response = c.post(
        reverse("awards:council_create"),
        {
            "unit": personas.ward_a.pk,
            "name": "Hội đồng",
            "term_start": "01/01/2026",
            "rules": '{"thresholds": {"ldtt": {"share": "3/2", "of": "present"}}}',
        },
    )
    assert response.status_code == 200
    assert "không quá 1" in response.content.decode()
    assert not Council.objects.filter(unit=personas.ward_a).exists()


def test_a_removed_member_leaves_the_council_list(personas, client_for):
    council = setup.council(personas, members=3)
    member = CouncilMember.objects.filter(council=council).last()
    c = client_for(personas.ward_a_officer)
    c.post(reverse("awards:council_member_remove", args=[council.pk, member.pk]))
    member.refresh_from_db()
    assert not member.active
    assert member not in council.members.filter(active=True)


def test_the_council_list_and_a_meeting_page_keep_their_query_count(
    personas, client_for, django_assert_max_num_queries
):
    council = setup.council(personas)
    prog = setup.programme(personas.ward_a)
    setup.round_of(personas, prog, [(f"Cá nhân {i}", "ldtt") for i in range(8)])
    meeting = setup.meeting(personas, council, prog)
    c = client_for(personas.ward_a_officer)
    with django_assert_max_num_queries(12):
        assert c.get(reverse("awards:council_list")).status_code == 200
    with django_assert_max_num_queries(25):
        assert c.get(reverse("awards:meeting_detail", args=[meeting.pk])).status_code == 200
