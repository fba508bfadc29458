"""Shared fixtures: the demo city loaded once per test database, and small personas for unit tests.

Personas (alice/bob style): a small city with two blocs and two wards; `city_officer` is the standing
agency of the city, `ward_a_officer` the standing office of ward A, `ward_a_leader` its chairman,
`ward_b_officer` the standing office of ward B, `council_member` a member of ward A's council,
`ward_a_viewer` a read-only user of ward A.
"""

import pytest
from django.core.management import call_command

from cchc.accounts import services as account_services
from cchc.core.scope import COUNCIL, LEADER, STANDING, SYSTEM, VIEWER
from cchc.orgs import services as org_services
from cchc.orgs.choices import BlocCode, UnitKind
from cchc.orgs.models import Bloc, BlocMembership, StandingAgency

PASSWORD = "pw-test-2026"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the demo city once into the test database."""
    with django_db_blocker.unblock():
        call_command("load_demo", quiet=True)


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache: login failure counters do not leak from one test to the next."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def demo_city(django_db_blocker):
    """The demo city, reloaded when a transactional test flushed it."""
    with django_db_blocker.unblock():
        call_command("load_demo", quiet=True)


class Personas:
    pass


@pytest.fixture
def personas(db):
    """A small city with two blocs, two wards with offices, and one user per role."""
    p = Personas()
    p.city = org_services.unit_create(
        actor=SYSTEM,
        name="Thành phố Thử Nghiệm",
        kind=UnitKind.CITY,
        parent=None,
        short_name="TN",
        code="TN",
    )
    p.dept = org_services.unit_create(
        actor=SYSTEM,
        name="Sở Nội vụ Thử Nghiệm",
        kind=UnitKind.DEPARTMENT,
        parent=p.city,
        code="TN-SNV",
    )
    p.ward_a = org_services.unit_create(
        actor=SYSTEM,
        name="Phường An Bình",
        kind=UnitKind.WARD,
        parent=p.city,
        short_name="An Bình",
        code="TN-AB",
    )
    p.ward_b = org_services.unit_create(
        actor=SYSTEM,
        name="Phường Bình Minh",
        kind=UnitKind.WARD,
        parent=p.city,
        short_name="Bình Minh",
        code="TN-BM",
    )
    p.office_a = org_services.unit_create(
        actor=SYSTEM,
        name="Phòng Văn hóa - Xã hội",
        kind=UnitKind.OFFICE,
        parent=p.ward_a,
        code="TN-AB-VHXH",
        aliases=["Phòng VHXH"],
    )
    p.office_a2 = org_services.unit_create(
        actor=SYSTEM,
        name="Văn phòng HĐND và UBND",
        kind=UnitKind.OFFICE,
        parent=p.ward_a,
        code="TN-AB-VP",
        aliases=["Văn phòng HĐND&UBND phường"],
    )
    p.office_b = org_services.unit_create(
        actor=SYSTEM,
        name="Phòng Văn hóa - Xã hội",
        kind=UnitKind.OFFICE,
        parent=p.ward_b,
        code="TN-BM-VHXH",
    )
    p.bloc_wards, _ = Bloc.objects.get_or_create(
        code=BlocCode.WARDS, defaults={"name": "Khối phường", "organiser": p.city}
    )
    p.bloc_depts, _ = Bloc.objects.get_or_create(
        code=BlocCode.DEPARTMENTS, defaults={"name": "Khối Sở, ban, ngành", "organiser": p.city}
    )
    for year in (2026, 2027):
        BlocMembership.objects.update_or_create(
            unit=p.ward_a, year=year, defaults={"bloc": p.bloc_wards}
        )
        BlocMembership.objects.update_or_create(
            unit=p.ward_b, year=year, defaults={"bloc": p.bloc_wards}
        )
        BlocMembership.objects.update_or_create(
            unit=p.dept, year=year, defaults={"bloc": p.bloc_depts}
        )
    StandingAgency.objects.create(level=p.city, agency=p.dept)
    StandingAgency.objects.create(level=p.ward_a, agency=p.office_a)
    StandingAgency.objects.create(level=p.ward_b, agency=p.office_b)

    def user(username, role, unit, office=None):
        u = account_services.user_create(
            actor=SYSTEM,
            username=username,
            password=PASSWORD,
            full_name=username,
            office=office or unit,
            audit_it=False,
        )
        account_services.grant_add(actor=SYSTEM, user=u, role=role, unit=unit, audit_it=False)
        return u

    p.city_officer = user("t_city", STANDING, p.city, p.dept)
    p.ward_a_officer = user("t_ward_a", STANDING, p.ward_a, p.office_a)
    p.ward_a_leader = user("t_ward_a_leader", LEADER, p.ward_a)
    p.ward_b_officer = user("t_ward_b", STANDING, p.ward_b, p.office_b)
    p.council_member = user("t_council", COUNCIL, p.ward_a, p.office_a)
    p.ward_a_viewer = user("t_viewer", VIEWER, p.ward_a)
    p.admin = account_services.user_create(
        actor=SYSTEM,
        username="t_admin",
        password=PASSWORD,
        full_name="Admin",
        is_superuser=True,
        audit_it=False,
    )
    return p


@pytest.fixture
def client_for(client):
    """Log a Django test client in as a given user."""
    from django.test import Client

    def make(user):
        c = Client()
        c.force_login(user)
        return c

    return make
