""" "Việc của tôi" on the home page: each user's overdue and coming tasks and notifications, each a link."""

import pytest
from django.contrib.auth import get_user_model

from cchc.core import dates, work

pytestmark = pytest.mark.django_db


def sections_of(username):
    user = get_user_model().objects.get(username=username)
    return {s.key: s for s in work.collect(user=user, today=dates.today())}


def test_a_wards_standing_office_finds_its_overdue_tasks_first_with_links():
    sections = sections_of("lechan")
    overdue = sections["overdue"]
    assert overdue.total >= 1
    assert all(i.url.startswith("/nhiem-vu/") and i.tone == "danger" for i in overdue.items)
    assert all("Lê Chân" in i.detail for i in overdue.items)


def test_the_citys_standing_agency_does_not_get_every_wards_tasks():
    sections = sections_of("snv")
    assert sections["overdue"].total == 0 and sections["due_soon"].total == 0


def test_a_read_only_viewer_has_no_tasks_to_do():
    sections = sections_of("lechan.xem")
    assert sections["overdue"].total == 0


def test_the_home_page_lists_the_work_with_its_links(client):
    client.force_login(get_user_model().objects.get(username="lechan"))
    body = client.get("/").content.decode()
    assert 'id="my-work"' in body and 'id="work-overdue"' in body
    assert 'class="list-group-item list-group-item-action work-item" href="/nhiem-vu/' in body


def test_an_item_in_an_unknown_section_is_refused():
    def bad(*, user, today):
        return [work.WorkItem(section="elsewhere", title="x", url="/")]

    work.register(bad)
    try:
        with pytest.raises(ValueError, match="unknown section"):
            sections_of("lechan")
    finally:
        work._PROVIDERS.remove(bad)


def test_the_chairman_finds_the_self_assessment_waiting_for_his_approval():
    sections = sections_of("lechan.chutich")
    approvals = sections["approvals"]
    assert approvals.total == 1
    assert "Phê duyệt hồ sơ tự đánh giá" in approvals.items[0].title
    assert approvals.items[0].url.startswith("/chi-so/ho-so/")


def test_the_wards_office_sees_the_self_assessment_deadline_and_the_city_its_appraisals():
    deadlines = sections_of("lechan")["deadlines"]
    assert any("Hồ sơ tự đánh giá" in i.title for i in deadlines.items)
    city = sections_of("snv")["deadlines"]
    assert any(i.title.startswith("Thẩm định hồ sơ") for i in city.items)
