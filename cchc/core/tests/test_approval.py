"""A leader's sign-off written once (`approval_transitions`) and the queryset form of "strictly below"."""

from types import SimpleNamespace

import pytest
from django.db import models

from cchc.core.scope import LEADER, STANDING, Root, Scope
from cchc.core.workflow import Workflow, all_guards, approval_transitions


class Report(models.TextChoices):
    DRAFT = "draft", "Đang soạn"
    AWAITING_APPROVAL = "awaiting", "Chờ lãnh đạo phê duyệt"
    APPROVED = "approved", "Đã phê duyệt"
    SENT = "sent", "Đã gửi"


def preparer(user, obj):
    return user == "officer"


def leader(user, obj):
    return user == "leader"


def incomplete(obj, **context):
    return "Thiếu số liệu tháng 11." if obj.missing else None


def closed(obj, **context):
    return "Đã hết hạn." if context.get("late") else None


def flow():
    return Workflow(
        entity="report",
        entity_label="báo cáo",
        states=Report,
        transitions=approval_transitions(
            Report,
            can_request=preparer,
            can_approve=leader,
            ready=incomplete,
            open_=closed,
            url_prefix="movement:report_",
            what="báo cáo",
        ),
    )


def report(status="draft", missing=False):
    return SimpleNamespace(pk=1, status=status, missing=missing)


def test_the_three_moves_go_from_draft_to_the_leader_and_back_or_to_approved():
    request, approve, back = approval_transitions(Report, can_request=preparer, can_approve=leader)
    assert (request.name, list(request.sources), request.target) == (
        "request_approval",
        ["draft"],
        "awaiting",
    )
    assert (approve.name, list(approve.sources), approve.target) == (
        "approve",
        ["awaiting"],
        "approved",
    )
    assert (back.name, sorted(back.sources), back.target) == (
        "return",
        ["approved", "awaiting"],
        "draft",
    )
    assert back.reason_required and not request.reason_required
    assert request.url_name == "" and approve.allowed is leader and request.allowed is preparer


def test_the_routes_are_named_from_the_prefix():
    names = [t.url_name for t in flow().transitions]
    assert names == [
        "movement:report_request_approval",
        "movement:report_approve",
        "movement:report_return",
    ]


def test_only_the_preparer_requests_and_only_the_leader_approves_or_returns():
    wf = flow()
    assert [o.name for o in wf.options("officer", report())] == ["request_approval"]
    assert wf.options("leader", report()) == []
    assert [o.name for o in wf.options("leader", report("awaiting"))] == ["approve", "return"]
    assert wf.options("officer", report("awaiting")) == []
    assert wf.options("viewer", report("awaiting")) == []


def test_an_incomplete_or_late_object_shows_the_move_disabled_with_its_reason():
    wf = flow()
    (option,) = wf.options("officer", report(missing=True))
    assert not option.enabled and option.reason == "Thiếu số liệu tháng 11."
    (option,) = wf.options("officer", report(), late=True)
    assert option.reason == "Đã hết hạn."
    approve, back = wf.options("leader", report("awaiting", missing=True), late=True)
    assert (approve.reason, back.reason) == ("Đã hết hạn.", "Đã hết hạn.")
    assert wf.can("approve", "leader", report("awaiting", missing=True))


def test_all_guards_gives_the_first_reason_and_none_when_every_guard_passes():
    guard = all_guards(None, closed, incomplete)
    assert guard(report(missing=True), late=True) == "Đã hết hạn."
    assert guard(report(missing=True)) == "Thiếu số liệu tháng 11."
    assert guard(report()) is None
    assert all_guards(None, None) is None


@pytest.mark.django_db
def test_q_below_finds_the_units_under_a_standing_grant_but_not_its_own_unit(personas):
    from cchc.core.scope import scope_for
    from cchc.orgs.models import Unit

    p = personas
    for user, root in ((p.city_officer, p.city), (p.ward_a_officer, p.ward_a)):
        scope = scope_for(user)
        found = set(
            Unit.objects.filter(scope.q_below("path", roles={STANDING})).values_list(
                "pk", flat=True
            )
        )
        expected = set(
            Unit.objects.filter(path__startswith=root.path)
            .exclude(pk=root.pk)
            .values_list("pk", flat=True)
        )
        assert found == expected and root.pk not in found
        assert all(
            scope.has_role_below(u.path, {STANDING}) for u in Unit.objects.filter(pk__in=found)
        )
    assert not Unit.objects.filter(
        scope_for(p.ward_a_leader).q_below("path", roles={STANDING})
    ).exists()


def test_ancestor_ids_can_be_restricted_to_some_roles():
    scope = Scope(user_id=3, roots=(Root(5, "/1/5/", STANDING), Root(7, "/1/7/", LEADER)))
    assert scope.ancestor_ids() == {1, 5, 7}
    assert scope.ancestor_ids(roles={STANDING}) == {1, 5}
