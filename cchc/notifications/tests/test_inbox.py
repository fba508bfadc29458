"""The inbox: only one's own notifications; filter by kind and read state, search without diacritics, sort, Excel
with the Vietnamese labels; mark one or all read; the badge; a fixed number of queries."""

import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from cchc.notifications import selectors, services
from cchc.notifications.context import badge
from cchc.notifications.models import Notification
from cchc.notifications.tests.conftest import KIND, OTHER_KIND

INBOX = reverse("notifications:inbox")


@pytest.fixture
def inbox(people):
    services.notify(
        users=[people.alice, people.bob],
        kind=KIND,
        subject=people.carol,
        text="Hồ sơ đề nghị khen thưởng của Phường Lê Chân chờ xem xét",
        url="/nhiem-vu/1/",
        due_on=date(2026, 5, 25),
    )
    services.notify(
        users=[people.alice],
        kind=OTHER_KIND,
        subject=people.bob,
        text="Hạn nộp báo cáo thành tích còn 3 ngày",
        due_on=date(2026, 5, 22),
    )
    return people


def rows(client, **params):
    return client.get(INBOX, params).context["listing"].rows


def test_the_inbox_shows_only_the_users_own_notifications(inbox, client_for):
    assert {n.user_id for n in selectors.inbox(actor=inbox.alice)} == {inbox.alice.pk}
    assert selectors.inbox(actor=inbox.carol).count() == 0
    html = client_for(inbox.bob).get(INBOX).content.decode()
    assert html.count('class="notification-row') == 1
    assert "Hạn nộp báo cáo" not in html


def test_the_inbox_shows_the_kind_labels_and_links_to_where_the_user_acts(inbox, client_for):
    html = client_for(inbox.alice).get(INBOX).content.decode()
    assert '<span class="badge text-bg-info notification-kind">Hồ sơ cần xem xét</span>' in html
    assert '<span class="badge text-bg-warning notification-kind">Sắp hết hạn nộp</span>' in html
    assert '<a href="/nhiem-vu/1/" class="notification-link">' in html
    assert "25/05/2026" in html
    assert '<option value="test_review">Hồ sơ cần xem xét</option>' in html


def test_the_inbox_filters_by_kind_and_read_state_and_searches_without_diacritics(
    inbox, client_for
):
    client = client_for(inbox.alice)
    assert [n.kind for n in rows(client, kind=OTHER_KIND)] == [OTHER_KIND]
    first = Notification.objects.get(user=inbox.alice, kind=KIND)
    services.mark_read(actor=inbox.alice, notification=first)
    assert [n.pk for n in rows(client, unread="0")] == [first.pk]
    assert first.pk not in [n.pk for n in rows(client, unread="1")]
    assert [n.pk for n in rows(client, q="le chan")] == [first.pk]
    assert [n.kind for n in rows(client, q="sap het han")] == [OTHER_KIND]


def test_the_inbox_sorts_by_due_date(inbox, client_for):
    client = client_for(inbox.alice)
    assert [n.due_on.day for n in rows(client, sort="due_on")] == [22, 25]
    assert [n.due_on.day for n in rows(client, sort="-due_on")] == [25, 22]


def test_the_excel_export_shows_the_vietnamese_labels(inbox, client_for):
    response = client_for(inbox.alice).get(INBOX, {"export": "xlsx", "sort": "due_on"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    table = list(sheet.iter_rows(values_only=True))
    assert table[0] == ("Loại", "Hạn", "Nội dung", "Ngày tạo", "Đã đọc lúc")
    assert [r[0] for r in table[1:]] == ["Sắp hết hạn nộp", "Hồ sơ cần xem xét"]
    assert sheet["B2"].number_format == "dd/mm/yyyy"
    assert response["Content-Disposition"] == 'attachment; filename="thong-bao.xlsx"'


def test_marking_one_read_with_htmx_answers_the_row_and_the_badge(inbox, client_for):
    mine = Notification.objects.filter(user=inbox.alice).order_by("pk").first()
    response = client_for(inbox.alice).post(
        reverse("notifications:read", args=[mine.pk]), HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert response.status_code == 200 and f'id="notification-{mine.pk}"' in body
    assert "<form" not in body.split("</tr>")[0]  # read: the row no longer offers the button
    assert 'id="notification-badge" title="Thông báo chưa đọc">1<' in body
    mine.refresh_from_db()
    assert mine.read_at is not None


def test_another_users_notification_is_not_found_and_stays_unread(inbox, client_for):
    bobs = Notification.objects.get(user=inbox.bob)
    response = client_for(inbox.alice).post(reverse("notifications:read", args=[bobs.pk]))
    assert response.status_code == 404
    bobs.refresh_from_db()
    assert bobs.read_at is None


def test_mark_all_read_is_post_only_and_clears_the_badge(inbox, client_for):
    client = client_for(inbox.alice)
    assert client.get(reverse("notifications:read_all")).status_code == 405
    assert (
        'id="notification-badge" title="Thông báo chưa đọc">2<'
        in client.get(INBOX).content.decode()
    )
    response = client.post(reverse("notifications:read_all"), follow=True)
    html = response.content.decode()
    assert "Đã đánh dấu 2 thông báo là đã đọc." in html
    assert 'id="notification-badge"' not in html
    assert Notification.objects.get(user=inbox.bob).read_at is None


def test_a_user_never_notified_has_nothing_to_mark(inbox, client_for):
    response = client_for(inbox.carol).post(reverse("notifications:read_all"))
    assert response.status_code == 404
    html = client_for(inbox.carol).get(INBOX).content.decode()
    assert "Bạn chưa có thông báo nào." in html


def test_the_badge_costs_one_query_and_none_when_the_page_does_not_show_it(
    inbox, django_assert_num_queries
):
    class Request:
        user = inbox.alice

    with django_assert_num_queries(0):
        context = badge(Request())
    with django_assert_num_queries(1):
        assert str(context["unread_notifications"]) == "2"
    assert selectors.unread_count(actor=None) == 0


def _count(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(INBOX).status_code == 200
    return len(ctx.captured_queries)


def test_the_inbox_runs_a_fixed_number_of_queries_whatever_the_number_of_rows(
    inbox, client_for, django_user_model
):
    client = client_for(inbox.alice)
    _count(client)
    small = _count(client)
    for i in range(30):
        subject = django_user_model.objects.create_user(f"s{i}", password="pw")
        services.notify(users=[inbox.alice], kind=KIND, subject=subject, text=f"Hồ sơ số {i}")
    assert _count(client) == small


def test_unread_notifications_come_first_then_the_newest(inbox, client_for):
    mine = list(Notification.objects.filter(user=inbox.alice).order_by("pk"))
    services.mark_read(actor=inbox.alice, notification=mine[1])
    assert [n.pk for n in selectors.inbox(actor=inbox.alice)] == [mine[0].pk, mine[1].pk]
    services.mark_read(actor=inbox.alice, notification=mine[0])
    services.notify(users=[inbox.alice], kind=KIND, text="Hồ sơ mới")
    newest = Notification.objects.get(text="Hồ sơ mới")
    assert [n.pk for n in rows(client_for(inbox.alice))][0] == newest.pk
