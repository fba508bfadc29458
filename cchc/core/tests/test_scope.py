from django.contrib.auth.models import AnonymousUser

from cchc.core.scope import LEADER, STANDING, VIEWER, Root, Scope, scope_for
from cchc.orgs.models import Unit


def test_a_grant_covers_its_unit_and_everything_below_but_not_its_siblings():
    scope = Scope(user_id=1, roots=(Root(unit_id=5, path="/1/5/", role=STANDING),))
    assert scope.covers_path("/1/5/")
    assert scope.covers_path("/1/5/23/")
    assert not scope.covers_path("/1/6/")
    assert not scope.covers_path("/1/")
    assert not scope.covers_path("")
    assert scope.ancestor_ids() == {1, 5}


def test_roles_are_checked_per_grant():
    scope = Scope(
        user_id=1,
        roots=(
            Root(unit_id=5, path="/1/5/", role=VIEWER),
            Root(unit_id=7, path="/1/7/", role=LEADER),
        ),
    )
    assert scope.has_role_over("/1/7/9/", {LEADER})
    assert not scope.has_role_over("/1/5/9/", {LEADER})
    assert scope.roles() == {VIEWER, LEADER}


def test_an_anonymous_user_sees_nothing_and_an_administrator_everything(personas):
    assert scope_for(AnonymousUser()).is_anonymous
    assert not Unit.objects.visible_to(AnonymousUser()).exists()
    assert Unit.objects.visible_to(personas.admin).count() == Unit.objects.count()


def test_a_ward_officer_sees_the_ward_subtree_only(personas):
    visible = set(Unit.objects.visible_to(personas.ward_a_officer))
    assert visible == {personas.ward_a, personas.office_a, personas.office_a2}


def test_the_scope_is_read_once_per_user_object(personas, django_assert_num_queries):
    user = personas.ward_a_officer
    scope_for(user)
    with django_assert_num_queries(0):
        scope_for(user)
