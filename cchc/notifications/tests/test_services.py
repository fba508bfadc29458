"""notify (once per user, kind, subject and due date), mark_read (one's own only) and send_emails (one message per
user, never lost, never twice)."""

import logging
from datetime import date

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.db import IntegrityError, transaction

from cchc.core.errors import PermissionDenied
from cchc.notifications import services
from cchc.notifications.models import Notification
from cchc.notifications.tests.conftest import KIND, OTHER_KIND

DUE = date(2026, 5, 25)


def note(
    users, *, subject=None, due_on=DUE, kind=KIND, text="Hồ sơ đề nghị khen thưởng chờ xem xét"
):
    return services.notify(
        users=users,
        kind=kind,
        subject=subject,
        text=text,
        url="/thong-bao/",
        due_on=due_on,
        unit_path="/1/2/",
    )


def test_notify_creates_one_notification_per_user_and_says_how_many_were_new(people):
    assert note([people.alice, people.bob.pk], subject=people.carol) == 2
    rows = Notification.objects.order_by("user__username")
    assert [r.user.username for r in rows] == ["alice", "bob"]
    first = rows[0]
    assert first.subject == people.carol and first.due_on == DUE and first.unit_path == "/1/2/"
    assert first.kind_label == "Hồ sơ cần xem xét" and first.read_at is None
    assert first.search_text == "ho so can xem xet | ho so de nghi khen thuong cho xem xet"


def test_notify_called_every_day_creates_nothing_twice(people):
    note([people.alice], subject=people.carol)
    assert note([people.alice, people.bob], subject=people.carol) == 1
    assert note([people.alice, people.bob], subject=people.carol) == 0
    assert Notification.objects.count() == 2


@pytest.mark.parametrize(
    "change",
    [{"due_on": date(2026, 6, 1)}, {"kind": OTHER_KIND}, {"subject": "bob"}],
)
def test_another_due_date_kind_or_subject_is_a_new_notification(people, change):
    note([people.alice], subject=people.carol)
    if change.get("subject") == "bob":
        change = {"subject": people.bob}
    assert note([people.alice], **{"subject": people.carol, **change}) == 1


@pytest.mark.parametrize(
    "subject, due_on", [(None, None), (None, DUE), ("carol", None), ("carol", DUE)]
)
def test_without_a_subject_or_a_due_date_it_is_still_created_once(people, subject, due_on):
    subject = people.carol if subject else None
    assert note([people.alice], subject=subject, due_on=due_on) == 1
    assert note([people.alice], subject=subject, due_on=due_on) == 0
    # The database itself refuses the duplicate that a concurrent producer would insert.
    with pytest.raises(IntegrityError), transaction.atomic():
        existing = Notification.objects.get()
        existing.pk = None
        existing.save()


def test_notify_refuses_a_kind_nobody_registered_and_an_empty_text(people):
    with pytest.raises(ValueError, match="not registered"):
        note([people.alice], kind="nobody_registered_this")
    with pytest.raises(ValueError, match="text"):
        note([people.alice], text="  ")
    assert note([], subject=people.carol) == 0
    assert not Notification.objects.exists()


def test_mark_read_marks_one_or_all_of_the_actors_own(people):
    note([people.alice, people.bob])
    note([people.alice], kind=OTHER_KIND)
    mine = Notification.objects.filter(user=people.alice).order_by("pk")
    assert services.mark_read(actor=people.alice, notification=mine[0]) == 1
    assert services.mark_read(actor=people.alice, notification=mine[0]) == 0
    assert services.mark_read(actor=people.alice) == 1
    assert not mine.filter(read_at__isnull=True).exists()
    assert Notification.objects.get(user=people.bob).read_at is None


def test_another_users_notification_cannot_be_marked_read(people):
    note([people.bob])
    with pytest.raises(PermissionDenied, match="không phải thông báo của bạn"):
        services.mark_read(actor=people.alice, notification=Notification.objects.get())
    assert Notification.objects.get().read_at is None


def test_new_notifications_are_emailed_once_per_user_and_marked(people):
    note([people.alice, people.bob, people.carol])
    note([people.alice], kind=OTHER_KIND, text="Hạn nộp hồ sơ sắp hết")
    assert services.send_emails() == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["alice@example.test", "carol@example.test"]
    to_alice = next(m for m in mail.outbox if m.to == ["alice@example.test"])
    assert to_alice.subject == "[CCHC] 2 thông báo mới: Hồ sơ cần xem xét, Sắp hết hạn nộp"
    assert "Kính gửi đồng chí Alice," in to_alice.body
    assert "- [Sắp hết hạn nộp] Hạn nộp hồ sơ sắp hết" in to_alice.body
    assert "http://127.0.0.1:8000/thong-bao/" in to_alice.body
    # Bob has no e-mail address: his notification stays in the inbox only.
    assert Notification.objects.get(user=people.bob).emailed_at is None
    assert Notification.objects.filter(emailed_at__isnull=False).count() == 3
    assert services.send_emails() == 0 and len(mail.outbox) == 2


def test_at_most_limit_users_are_emailed_per_call_and_the_rest_next_time(people):
    note([people.alice, people.carol])
    assert services.send_emails(limit=1) == 1
    assert services.send_emails(limit=1) == 1
    assert services.send_emails(limit=1) == 0
    assert len(mail.outbox) == 2


class RefusingBackend(EmailBackend):
    """The locmem backend, with a mail server that refuses one address."""

    refused = {"alice@example.test"}

    def send_messages(self, messages):
        for message in messages:
            if set(message.to) & self.refused:
                raise ConnectionRefusedError("mail server refused")
        return super().send_messages(messages)


def test_a_failed_mail_is_logged_kept_for_the_next_time_and_the_others_are_sent(
    people, settings, caplog
):
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    note([people.alice, people.carol])
    with caplog.at_level(logging.ERROR, logger="cchc.notifications.services"):
        assert services.send_emails() == 1
    assert "notification e-mail to alice@example.test failed" in caplog.text
    assert [m.to for m in mail.outbox] == [["carol@example.test"]]
    assert Notification.objects.get(user=people.alice).emailed_at is None
    RefusingBackend.refused = set()
    try:
        assert services.send_emails() == 1
    finally:
        RefusingBackend.refused = {"alice@example.test"}
    assert sorted(m.to[0] for m in mail.outbox) == ["alice@example.test", "carol@example.test"]
    assert services.send_emails() == 0


def test_a_mail_is_listed_with_at_most_fifty_lines(people, django_user_model):
    subjects = [
        django_user_model.objects.create_user(f"subject{i}", password="pw") for i in range(52)
    ]
    for s in subjects:
        note([people.alice], subject=s)
    services.send_emails()
    body = mail.outbox[0].body
    assert mail.outbox[0].subject.startswith("[CCHC] 52 thông báo mới")
    assert body.count("- [Hồ sơ cần xem xét]") == 50 and "… và 2 thông báo khác." in body
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()
