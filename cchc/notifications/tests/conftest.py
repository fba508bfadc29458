"""Fixtures of the notification tests: two users (alice with an e-mail address, bob without) and a test kind.

The notifications app knows no domain, so its tests use plain users and other users as the subject of a
notification; the task reminders that produce notifications are tested in `cchc/plans/tests`.
"""

from types import SimpleNamespace

import pytest

from cchc.notifications import kinds, schedule
from cchc.notifications.models import Notification

KIND = "test_review"
OTHER_KIND = "test_deadline"


@pytest.fixture(autouse=True)
def test_kinds():
    """Two kinds of a made-up producer, removed from the registry after the test."""
    saved = dict(kinds._KINDS)
    kinds.register_kind(KIND, "Hồ sơ cần xem xét", tone="info")
    kinds.register_kind(OTHER_KIND, "Sắp hết hạn nộp", tone="warning")
    yield
    kinds._KINDS.clear()
    kinds._KINDS.update(saved)


@pytest.fixture
def jobs():
    """The registry of daily jobs emptied for the test, which registers its own; restored afterwards."""
    saved = dict(schedule._JOBS)
    schedule._JOBS.clear()
    yield schedule
    schedule._JOBS.clear()
    schedule._JOBS.update(saved)


@pytest.fixture
def people(db, django_user_model):
    # The demo city's own notifications are not part of these cases.
    Notification.objects.all().delete()
    alice = django_user_model.objects.create_user(
        "alice", email="alice@example.test", password="pw", first_name="Alice"
    )
    bob = django_user_model.objects.create_user("bob", password="pw")
    carol = django_user_model.objects.create_user(
        "carol", email="carol@example.test", password="pw"
    )
    return SimpleNamespace(alice=alice, bob=bob, carol=carol)
