"""lethanhnghi sees the badge of the demo day's reminders, opens "Thông báo", filters the overdue ones, finds task 8
without diacritics, marks one read (the badge follows), opens the task from its reminder, then marks all read; the
old address of the reminders still leads to the inbox."""

from playwright.sync_api import expect

from cchc.notifications.models import Notification


def test_the_inbox_of_an_officer_with_reminders(page, login, shot):
    unread = Notification.objects.filter(user__username="lethanhnghi", read_at__isnull=True)
    total = unread.count()
    overdue = unread.filter(kind="task_overdue").count()
    assert total > 1 and overdue >= 1

    login("lethanhnghi")
    expect(page.locator("#notification-badge")).to_have_text(str(total))
    page.click("a.dropdown-toggle")
    page.click("#notification-menu")
    expect(page.locator("h1")).to_have_text("Thông báo")
    expect(page.locator("#daily-jobs")).to_contain_text("Nhắc việc nhiệm vụ CCHC lúc 06:00")
    expect(page.locator("tr.notification-row")).to_have_count(min(total, 25))
    shot("notification-inbox")

    page.select_option("#f-kind", "task_overdue")
    page.wait_for_url("**kind=task_overdue**")
    rows = page.locator("tr.notification-row")
    expect(rows).to_have_count(min(overdue, 25))
    assert rows.count() == page.locator("tr.notification-row[data-kind='task_overdue']").count()
    expect(rows.first.locator(".notification-kind")).to_have_text("Đã quá hạn")

    page.fill("#list-q", "nhiem vu 8 le thanh nghi 31/10/2027")
    page.click(".list-toolbar button[type=submit]")
    row8 = page.locator("tr.notification-row", has_text="Nhiệm vụ 8 (")
    expect(row8).to_have_count(1)
    row8.locator("button", has_text="Đã đọc").click()
    expect(row8.locator("button")).to_have_count(0)
    expect(page.locator("#notification-badge")).to_have_text(str(total - 1))
    shot("notification-inbox-filtered")

    row8.locator("a.notification-link").click()
    expect(page.locator("#task-state .timeliness")).to_have_text("Đang quá hạn")

    page.goto(page.base_url + "/nhiem-vu/nhac-viec/")
    expect(page).to_have_url(page.base_url + "/thong-bao/")
    page.on("dialog", lambda dialog: dialog.accept())
    page.click("#read-all-form button")
    expect(page.locator(".alert-success")).to_contain_text(
        f"Đã đánh dấu {total - 1} thông báo là đã đọc."
    )
    expect(page.locator("#notification-badge")).to_have_count(0)
    expect(page.locator("tr.notification-row.fw-semibold")).to_have_count(0)
    shot("notification-inbox-all-read")
