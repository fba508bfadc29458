"""Reminders: due soon, overdue, a report period ended without a report; who gets them; never twice; the inbox.

Reminders are notifications (`cchc.notifications`) whose subject is the task; `Notification.objects.filter(task=…)`
follows the task's generic relation."""

from datetime import date
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse

from cchc.notifications.models import Notification
from cchc.plans import tracking
from cchc.plans.choices import ReminderKind, TaskStatus
from cchc.plans.tests.tracking_setup import TODAY, build


@pytest.fixture
def t(personas):
    # Start from an empty inbox: the reminders the demo city leaves on its demo day are not part of these cases.
    Notification.objects.all().delete()
    return build(personas)


def kinds(user) -> set[tuple[int, str, date]]:
    return set(Notification.objects.filter(user=user).values_list("task__no", "kind", "due_on"))


def test_the_lead_offices_officer_and_the_wards_standing_office_are_reminded_of_tasks_due_soon_and_overdue(
    t,
):
    counts = tracking.reminders_send(today=TODAY, days_ahead=7)
    # Task 1 "Trước ngày 25/5": last day 24/05, within 7 days of 20/05. Task 2 (Quý I) is overdue.
    assert kinds(t.vp_officer) == {(1, ReminderKind.DUE_SOON, date(2026, 5, 25))}
    assert kinds(t.vhxh_officer) == {
        (2, ReminderKind.OVERDUE, date(2026, 3, 31)),
        (3, ReminderKind.REPORT_DUE, date(2026, 3, 31)),
    }
    assert kinds(t.p.ward_a_officer) == kinds(t.vp_officer) | kinds(t.vhxh_officer)
    assert kinds(t.p.ward_b_officer) == {(1, ReminderKind.DUE_SOON, date(2026, 5, 22))}
    assert not Notification.objects.filter(
        user__in=[t.p.city_officer, t.p.ward_a_viewer, t.p.ward_a_leader]
    ).exists()
    for kind in ReminderKind.values:  # the demo city's plans are reminded too
        assert counts[kind] == Notification.objects.filter(kind=kind).count()


def test_a_reminder_is_never_sent_twice(t):
    first = tracking.reminders_send(today=TODAY)
    again = tracking.reminders_send(today=TODAY)
    assert sum(again[k] for k in ReminderKind.values) == 0 and again["emailed"] == 0
    assert again["already"] == sum(first[k] for k in ReminderKind.values)
    assert Notification.objects.count() == again["already"]


def test_new_reminders_are_emailed_once_per_user_and_marked_emailed(t):
    tracking.reminders_send(today=TODAY)
    # The ward's standing office has no e-mail address: its reminders stay in the inbox only.
    assert sorted(m.to[0] for m in mail.outbox if m.to[0].endswith("example.test")) == [
        "vhxh@example.test",
        "vp@example.test",
    ]
    to_vhxh = next(m for m in mail.outbox if m.to == ["vhxh@example.test"])
    assert to_vhxh.subject == "[CCHC] 2 thông báo mới: Đã quá hạn, Đến kỳ báo cáo"
    assert "- [Đã quá hạn] Nhiệm vụ 2 (Phường An Bình)" in to_vhxh.body
    assert "đã quá hạn 31/03/2026" in to_vhxh.body
    assert f"/nhiem-vu/{t.vhxh_task.pk}/" in to_vhxh.body
    emailed = Notification.objects.filter(task__plan=t.plan, emailed_at__isnull=False)
    assert set(emailed.values_list("user__username", flat=True)) == {"t_vp", "t_vhxh"}


def test_done_tasks_and_reported_periods_are_not_reminded(t):
    t.vhxh_task.status, t.vhxh_task.percent = TaskStatus.DONE, 100
    t.vhxh_task.save()
    tracking.progress_report(
        actor=t.vhxh_officer,
        task=t.continuous,
        percent=25,
        status=TaskStatus.DOING,
        period_label="Quý I/2026",
        today=TODAY,
    )
    tracking.reminders_send(today=TODAY)
    assert kinds(t.vhxh_officer) == set()


def test_a_deadline_a_month_away_is_not_due_soon_but_is_reminded_when_the_window_comes(t):
    ours = Notification.objects.filter(
        task__plan__in=[t.plan, t.b_plan], kind=ReminderKind.DUE_SOON
    )
    tracking.reminders_send(today=date(2026, 4, 1), days_ahead=7)
    assert not ours.exists()
    tracking.reminders_send(today=date(2026, 5, 18), days_ahead=7)
    assert set(ours.values_list("task__no", "user__username")) == {
        (1, "t_vp"),
        (1, "t_ward_a"),
        (1, "t_ward_b"),
    }


def test_the_command_prints_the_counts_in_vietnamese_and_reads_the_day_as_dd_mm_yyyy(t):
    out = StringIO()
    call_command("send_task_reminders", "--today", "20/05/2026", "--days", "7", stdout=out)
    text = out.getvalue()
    assert "Nhắc việc ngày 20/05/2026 (nhắc trước 7 ngày):" in text
    for label, kind in [
        ("Sắp đến hạn", ReminderKind.DUE_SOON),
        ("Đã quá hạn", ReminderKind.OVERDUE),
        ("Đến kỳ báo cáo", ReminderKind.REPORT_DUE),
    ]:
        assert f"{label}: {Notification.objects.filter(kind=kind).count()}\n" in text
    out = StringIO()
    call_command("send_task_reminders", "--today", "20/05/2026", stdout=out)
    assert "Sắp đến hạn: 0" in out.getvalue()
    assert f"Đã nhắc trước đó (không gửi lại): {Notification.objects.count()}" in out.getvalue()


def test_the_command_refuses_a_day_it_cannot_read():
    with pytest.raises(CommandError, match="“31/02/2026” không hợp lệ"):
        call_command("send_task_reminders", "--today", "31/02/2026", stdout=StringIO())


def test_the_inbox_lists_the_users_reminders_the_badge_counts_the_unread_and_marking_read_clears_it(
    t, client_for
):
    tracking.reminders_send(today=TODAY)
    client = client_for(t.vhxh_officer)
    html = client.get(reverse("notifications:inbox")).content.decode()
    assert html.count('class="notification-row') == 2 and 'id="notification-badge"' in html
    assert "Đã quá hạn" in html and "Đến kỳ báo cáo" in html
    assert f'href="{reverse("plans:task_detail", args=[t.vhxh_task.pk])}"' in html
    reminder = Notification.objects.filter(user=t.vhxh_officer).first()
    assert client.post(reverse("notifications:read", args=[reminder.pk])).status_code == 302
    reminder.refresh_from_db()
    assert reminder.read_at is not None
    client.post(reverse("notifications:read_all"))
    assert not Notification.objects.filter(user=t.vhxh_officer, read_at__isnull=True).exists()
    assert (
        'id="notification-badge"' not in client.get(reverse("notifications:inbox")).content.decode()
    )


def test_the_old_address_of_the_reminders_leads_to_the_inbox_with_its_filters(t, client_for):
    response = client_for(t.vhxh_officer).get("/nhiem-vu/nhac-viec/?unread=1")
    assert response.status_code == 301
    assert response["Location"] == reverse("notifications:inbox") + "?unread=1"


def test_marking_read_with_htmx_answers_the_row_and_another_users_reminder_is_not_found(
    t, client_for
):
    tracking.reminders_send(today=TODAY)
    reminder = Notification.objects.filter(user=t.vhxh_officer).first()
    other = client_for(t.vp_officer).post(reverse("notifications:read", args=[reminder.pk]))
    assert other.status_code == 404
    response = client_for(t.vhxh_officer).post(
        reverse("notifications:read", args=[reminder.pk]), HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert response.status_code == 200 and f'id="notification-{reminder.pk}"' in body
    # The badge is sent along out of band: one of the two reminders is still unread.
    assert 'id="notification-badge-slot" hx-swap-oob="true"' in body
    assert 'id="notification-badge" title="Thông báo chưa đọc">1<' in body


def test_a_deleted_task_takes_its_reminders_with_it(t):
    tracking.reminders_send(today=TODAY)
    assert Notification.objects.filter(task=t.vhxh_task).exists()
    t.vhxh_task.delete()
    assert not Notification.objects.filter(object_id=t.vhxh_task.pk, kind="task_overdue").exists()
