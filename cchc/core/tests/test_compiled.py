from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cchc.accounts.models import ApiToken
from cchc.core import compiled
from cchc.orgs.models import Unit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh():
    compiled.clear()
    yield
    compiled.clear()


def _users():
    User = get_user_model()
    a = User.objects.create_user("an", password="x", is_active=True)
    b = User.objects.create_user("binh", password="x", is_active=False)
    return a, b


def test_rows_equal_the_orm_rows_with_converted_values():
    a, b = _users()
    now = timezone.now()
    ApiToken.objects.create(user=a, key_hash="h1", prefix="p1", expires_at=now + timedelta(days=1))
    ApiToken.objects.create(user=b, key_hash="h2", prefix="p2", expires_at=now - timedelta(days=1))

    def build():
        return ApiToken.objects.order_by("key_hash").values(
            "key_hash", "expires_at", "user__is_active", "user__username"
        )

    rows = compiled.values_rows("t.rows", build)
    assert rows == list(build())
    # Converted like the ORM's: aware datetimes and booleans, not SQLite's strings and integers.
    assert rows[0]["expires_at"].tzinfo is not None
    assert rows[0]["user__is_active"] is True and rows[1]["user__is_active"] is False


def test_the_sql_is_built_once_per_key_and_runs_against_current_data():
    a, _ = _users()
    built = []

    def build():
        built.append(1)
        return (
            get_user_model()
            .objects.filter(is_active=True, username__in=["an", "binh", "chi"])
            .order_by("pk")
            .values("username")
        )

    assert compiled.values_rows("t.once", build) == [{"username": "an"}]
    get_user_model().objects.create_user("chi", password="x")
    with CaptureQueriesContext(connection) as queries:
        rows = compiled.values_rows("t.once", build)
    assert rows == [{"username": "an"}, {"username": "chi"}]
    assert len(built) == 1
    assert len(queries.captured_queries) == 1


def test_args_take_the_place_of_their_stand_ins():
    a, b = _users()

    def build(user_id, name):
        return (
            get_user_model()
            .objects.filter(pk=user_id, username=name)
            .values("username", "is_active")
        )

    assert compiled.values_rows("t.args", build, args=(a.pk, "an")) == [
        {"username": "an", "is_active": True}
    ]
    assert compiled.values_rows("t.args", build, args=(b.pk, "binh")) == [
        {"username": "binh", "is_active": False}
    ]
    assert compiled.values_rows("t.args", build, args=(a.pk, "binh")) == []


def test_an_empty_queryset_gives_no_rows_without_a_query():
    with CaptureQueriesContext(connection) as queries:
        assert compiled.values_rows("t.none", lambda: Unit.objects.none().values("id")) == []
        assert compiled.values_rows("t.none", lambda: Unit.objects.none().values("id")) == []
    assert queries.captured_queries == []


def test_misuse_is_refused():
    with pytest.raises(TypeError):
        compiled.values_rows("t.model", lambda: Unit.objects.all())
    with pytest.raises(TypeError):
        compiled.values_rows("t.date", lambda d: Unit.objects.values("id"), args=(timezone.now(),))
    # An arg that never reaches the SQL would be silently ignored: refused instead.
    with pytest.raises(ValueError):
        compiled.values_rows("t.unused", lambda name: Unit.objects.values("id"), args=("x",))
    # A stand-in outside its column's range (a positive small integer here) would make the query empty
    # whatever the arg: refused rather than stored as "no rows".
    with pytest.raises(ValueError):
        compiled.values_rows(
            "t.range", lambda depth: Unit.objects.filter(depth=depth).values("id"), args=(1,)
        )
    assert "t.range" not in compiled._entries


def test_the_store_keeps_at_most_its_limit(monkeypatch):
    monkeypatch.setattr(compiled, "MAX_ENTRIES", 3)
    for i in range(5):
        compiled.values_rows(("t.lru", i), lambda: Unit.objects.values("id"))
    assert len(compiled._entries) == 3
    assert ("t.lru", 0) not in compiled._entries and ("t.lru", 4) in compiled._entries
