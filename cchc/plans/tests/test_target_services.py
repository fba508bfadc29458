"""Targets managed by hand (added, reworded, deleted while nothing was measured) and the plan's settings (title,
reporting period of its continuous tasks): the standing office only, Vietnamese messages, audit rows, pages."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from cchc.core import dates
from cchc.core.errors import DomainError, PermissionDenied
from cchc.core.models import AuditLog
from cchc.core.scope import SYSTEM
from cchc.plans import plan_services, target_services, tracking
from cchc.plans.choices import Recurrence
from cchc.plans.choices import TargetComparator as C
from cchc.plans.models import Target
from cchc.plans.tests.tracking_setup import TODAY, build, make_task

YEAR_END = date(2026, 12, 31)


@pytest.fixture
def t(personas, monkeypatch):
    monkeypatch.setattr(dates, "today", lambda: TODAY)
    ns = build(personas)
    ns.target = Target.objects.create(
        plan=ns.plan, code="a", text="100% hồ sơ được giải quyết đúng hạn", order=0
    )
    return ns


def add(t, actor=SYSTEM, **fields):
    values = {
        "code": "b",
        "text": "Tối thiểu 95% người dân hài lòng",
        "comparator": C.AT_LEAST,
        "value": "95",
    }
    return target_services.target_add(
        actor=actor or t.p.ward_a_officer, plan=t.plan, **{**values, **fields}
    )


def measured(t, target):
    """The target confirmed as a rank and measured once (so that it may no longer be deleted)."""
    target_services.target_confirm(
        actor=t.p.ward_a_officer, target=target, comparator=C.TOP_GROUP, value=None
    )
    target_services.target_measure_record(
        actor=t.p.ward_a_officer,
        target=target,
        period_label="Năm 2026",
        period_end=YEAR_END,
        achieved=True,
    )


def not_managers(t):
    """An officer of a ward office, the ward's read-only viewer and another ward's standing office."""
    return [t.vp_officer, t.p.ward_a_viewer, t.p.ward_b_officer]


# --- Services -------------------------------------------------------------------------------------------------


def test_the_standing_office_adds_a_target_confirmed_after_the_others_and_the_addition_is_audited(
    t,
):
    target = add(t, code=" b) ", value="95,5", value_unit="%", responsible=t.p.office_a2)
    assert (target.code, target.comparator, target.value, target.value_unit) == (
        "b",
        C.AT_LEAST,
        Decimal("95.5"),
        "%",
    )
    assert (target.responsible, target.confirmed, target.order) == (t.p.office_a2, True, 1)
    entry = AuditLog.objects.get(action="target.add", object_id=str(target.pk))
    assert (
        entry.after["text"] == "Tối thiểu 95% người dân hài lòng"
        and entry.after["plan"] == t.plan.pk
    )
    assert entry.unit_path == t.plan.unit.path


@pytest.mark.parametrize(
    "fields, field, message",
    [
        ({"text": "  "}, "text", "Nhập nội dung chỉ tiêu."),
        ({"code": "A"}, "code", "Kế hoạch đã có chỉ tiêu mã “A”; chọn mã khác."),
        ({"code": "abcdefghij"}, "code", "Mã chỉ tiêu “abcdefghij” dài quá 8 ký tự."),
        ({"value": ""}, "value", "Chỉ tiêu b): “Đạt tối thiểu” cần giá trị chỉ tiêu."),
        ({"value": "chín mươi"}, "value", "Giá trị chỉ tiêu “chín mươi” không phải là số."),
        ({"comparator": "gt"}, "comparator", "Cách so sánh “gt” không hợp lệ."),
    ],
)
def test_a_target_added_by_hand_is_refused_with_a_message_naming_the_field(
    t, fields, field, message
):
    with pytest.raises(DomainError) as exc:
        add(t, **fields)
    assert (exc.value.field, exc.value.message) == (field, message)
    assert t.plan.targets.count() == 1


def test_the_office_following_an_added_target_must_belong_to_the_plans_ward(t):
    with pytest.raises(DomainError, match="không thuộc Phường An Bình") as exc:
        add(t, responsible=t.p.office_b)
    assert exc.value.field == "responsible"


def test_only_the_standing_office_adds_rewords_or_deletes_targets(t):
    last_entry = AuditLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    for user in not_managers(t):
        with pytest.raises(PermissionDenied):
            add(t, actor=user)
        with pytest.raises(PermissionDenied):
            target_services.target_update(actor=user, target=t.target, code="z", text="Khác")
        with pytest.raises(PermissionDenied):
            target_services.target_delete(actor=user, target=t.target)
    t.target.refresh_from_db()
    assert (t.plan.targets.count(), t.target.code) == (1, "a")
    assert not AuditLog.objects.filter(action__startswith="target.", pk__gt=last_entry).exists()


def test_rewording_a_target_keeps_its_measures_and_the_change_is_audited(t):
    measured(t, t.target)
    target_services.target_update(
        actor=t.p.ward_a_officer,
        target=t.target,
        code="a",
        text="100% hồ sơ giải quyết đúng và trước hạn",
    )
    t.target.refresh_from_db()
    assert (
        t.target.text == "100% hồ sơ giải quyết đúng và trước hạn"
        and t.target.measures.count() == 1
    )
    entry = AuditLog.objects.get(action="target.update")
    assert entry.before["text"] == "100% hồ sơ được giải quyết đúng hạn"
    assert entry.after["text"] == "100% hồ sơ giải quyết đúng và trước hạn"


def test_a_target_keeps_its_own_code_when_reworded_but_not_another_targets(t):
    other = add(t)
    target_services.target_update(actor=t.p.ward_a_officer, target=other, code="B", text=other.text)
    with pytest.raises(DomainError, match="đã có chỉ tiêu mã “a”") as exc:
        target_services.target_update(
            actor=t.p.ward_a_officer, target=other, code="a", text=other.text
        )
    assert exc.value.field == "code"


def test_a_target_without_measures_is_deleted_and_the_deletion_is_audited(t):
    pk = t.target.pk
    target_services.target_delete(actor=t.p.ward_a_officer, target=t.target)
    assert not Target.objects.filter(pk=pk).exists()
    entry = AuditLog.objects.get(action="target.delete")
    assert (entry.model, entry.object_id, entry.before["code"]) == ("plans.target", str(pk), "a")


def test_a_target_with_measured_values_is_not_deleted_so_that_the_values_are_kept(t):
    measured(t, t.target)
    with pytest.raises(DomainError) as exc:
        target_services.target_delete(actor=t.p.ward_a_officer, target=t.target)
    assert exc.value.message.startswith(
        "Chỉ tiêu a) đã có 1 kết quả theo kỳ; không xóa được vì phải giữ các kết quả"
    )
    assert Target.objects.filter(pk=t.target.pk).exists()
    assert not AuditLog.objects.filter(action="target.delete").exists()


def test_the_standing_office_sets_the_report_period_and_the_continuous_tasks_follow_it(t):
    continuous = make_task(
        t.plan, 9, "Cập nhật cơ sở dữ liệu", lead=t.p.office_a, deadline_text="Thường xuyên"
    )
    assert len(tracking.task_periods(continuous)) == 4  # the plan's default: each quarter
    plan_services.plan_update(
        actor=t.p.ward_a_officer,
        plan=t.plan,
        title="  Kế hoạch CCHC   phường An Bình năm 2026 ",
        report_every=Recurrence.MONTHLY,
    )
    t.plan.refresh_from_db()
    assert (t.plan.title, t.plan.report_every) == (
        "Kế hoạch CCHC phường An Bình năm 2026",
        Recurrence.MONTHLY,
    )
    assert "ke hoach cchc phuong an binh" in t.plan.search_text
    continuous.refresh_from_db()
    assert len(tracking.task_periods(continuous)) == 12
    assert len(tracking.task_periods(t.continuous)) == 4  # its own "hằng quý" wins over the plan's
    entry = AuditLog.objects.get(action="plan.update", object_id=str(t.plan.pk))
    assert entry.before["report_every"] == "quarterly" and entry.after["report_every"] == "monthly"


@pytest.mark.parametrize(
    "title, report_every, field, message",
    [
        (" ", "yearly", "title", "Nhập tên kế hoạch."),
        (
            "Kế hoạch",
            "",
            "report_every",
            "Kỳ báo cáo “” không hợp lệ: chọn hằng tháng, hằng quý, 6 tháng, hằng năm.",
        ),
    ],
)
def test_the_plan_settings_are_refused_with_a_message_naming_the_field(
    t, title, report_every, field, message
):
    with pytest.raises(DomainError) as exc:
        plan_services.plan_update(
            actor=t.p.ward_a_officer, plan=t.plan, title=title, report_every=report_every
        )
    assert (exc.value.field, exc.value.message) == (field, message)


def test_only_the_standing_office_changes_the_plan(t):
    for user in not_managers(t):
        with pytest.raises(PermissionDenied):
            plan_services.plan_update(
                actor=user, plan=t.plan, title="Khác", report_every=Recurrence.YEARLY
            )
    t.plan.refresh_from_db()
    assert (
        t.plan.report_every == Recurrence.QUARTERLY
        and not AuditLog.objects.filter(action="plan.update").exists()
    )


# --- Pages ----------------------------------------------------------------------------------------------------


def plan_html(client, plan) -> str:
    response = client.get(reverse("plans:plan_detail", args=[plan.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_plan_page_offers_the_settings_and_target_buttons_only_to_the_standing_office(
    t, client_for
):
    html = plan_html(client_for(t.p.ward_a_officer), t.plan)
    assert 'id="plan-settings-form"' in html and 'id="target-add-link"' in html
    assert reverse("plans:target_edit", args=[t.target.pk]) in html
    assert reverse("plans:target_delete", args=[t.target.pk]) in html and "data-confirm=" in html
    assert "Kỳ báo cáo nhiệm vụ thường xuyên: <span" in html and "hằng quý" in html
    for user in (t.vp_officer, t.p.ward_a_viewer):
        html = plan_html(client_for(user), t.plan)
        assert 'id="plan-settings-form"' not in html and 'id="target-add-link"' not in html
        assert reverse("plans:target_delete", args=[t.target.pk]) not in html


def test_a_measured_target_shows_no_delete_button(t, client_for):
    measured(t, t.target)
    client = client_for(t.p.ward_a_officer)
    html = plan_html(client, t.plan)
    assert reverse("plans:target_delete", args=[t.target.pk]) not in html
    html = client.get(reverse("plans:target_detail", args=[t.target.pk])).content.decode()
    assert (
        'id="target-keep-note"' in html
        and reverse("plans:target_delete", args=[t.target.pk]) not in html
    )


def test_adding_a_target_through_its_page_opens_the_new_target(t, client_for):
    client = client_for(t.p.ward_a_officer)
    url = reverse("plans:target_add", args=[t.plan.pk])
    assert 'id="target-form"' in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "code": "c",
            "text": "Không quá 2% hồ sơ trễ hạn",
            "comparator": "lte",
            "value": "2",
            "value_unit": "%",
        },
        follow=True,
    )
    target = t.plan.targets.get(code="c")
    assert response.redirect_chain[-1][0] == reverse("plans:target_detail", args=[target.pk])
    html = response.content.decode()
    assert "Đã thêm chỉ tiêu “Không quá 2% hồ sơ trễ hạn”." in html and "Không vượt quá 2%" in html


def test_a_refused_target_answers_the_form_with_the_rule_in_vietnamese(t, client_for):
    response = client_for(t.p.ward_a_officer).post(
        reverse("plans:target_add", args=[t.plan.pk]),
        {"code": "a", "text": "Trùng mã", "comparator": "top"},
    )
    assert response.status_code == 400
    assert "Kế hoạch đã có chỉ tiêu mã “a”; chọn mã khác." in response.content.decode()
    assert t.plan.targets.count() == 1


def test_the_wording_form_saves_the_code_and_text(t, client_for):
    client = client_for(t.p.ward_a_officer)
    url = reverse("plans:target_edit", args=[t.target.pk])
    assert "100% hồ sơ được giải quyết đúng hạn" in client.get(url).content.decode()
    response = client.post(url, {"code": "a1", "text": "100% hồ sơ đúng hạn"})
    assert response.status_code == 302
    t.target.refresh_from_db()
    assert (t.target.code, t.target.text) == ("a1", "100% hồ sơ đúng hạn")
    assert client.post(url, {"code": "a1", "text": ""}).status_code == 400


def test_deleting_goes_back_to_the_plan_and_a_measured_target_stays_with_the_reason(t, client_for):
    client = client_for(t.p.ward_a_officer)
    other = add(t)
    measured(t, t.target)
    response = client.post(reverse("plans:target_delete", args=[other.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("plans:plan_detail", args=[t.plan.pk])
    assert "Đã xóa chỉ tiêu “Tối thiểu 95% người dân hài lòng”." in response.content.decode()
    response = client.post(reverse("plans:target_delete", args=[t.target.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("plans:target_detail", args=[t.target.pk])
    assert "không xóa được vì phải giữ các kết quả đã nhập" in response.content.decode()
    assert list(t.plan.targets.values_list("pk", flat=True)) == [t.target.pk]


def test_the_plan_settings_form_saves_and_answers_errors_in_vietnamese(t, client_for):
    client = client_for(t.p.ward_a_officer)
    url = reverse("plans:plan_update", args=[t.plan.pk])
    response = client.post(
        url, {"title": "Kế hoạch CCHC năm 2026", "report_every": "half_yearly"}, follow=True
    )
    html = response.content.decode()
    assert "Đã lưu kế hoạch; kỳ báo cáo nhiệm vụ thường xuyên: 6 tháng." in html
    t.plan.refresh_from_db()
    assert (t.plan.title, t.plan.report_every) == ("Kế hoạch CCHC năm 2026", Recurrence.HALF_YEARLY)
    response = client.post(url, {"title": "", "report_every": "weekly"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="collapse show" id="plan-settings"' in html and "Chưa lưu được kế hoạch" in html


@pytest.mark.parametrize(
    "name, target_url",
    [
        ("plans:target_add", False),
        ("plans:target_edit", True),
        ("plans:target_delete", True),
        ("plans:plan_update", False),
    ],
)
def test_an_officer_and_the_viewer_are_refused_and_another_ward_does_not_find_the_plan(
    t, client_for, name, target_url
):
    url = reverse(name, args=[t.target.pk if target_url else t.plan.pk])
    data = {
        "code": "z",
        "text": "Khác",
        "comparator": "top",
        "title": "Khác",
        "report_every": "yearly",
    }
    for user in (t.vp_officer, t.p.ward_a_viewer):
        assert client_for(user).post(url, data).status_code == 403
    assert client_for(t.p.ward_b_officer).post(url, data).status_code == 404
    if name != "plans:target_delete" and name != "plans:plan_update":
        assert client_for(t.p.ward_b_officer).get(url).status_code == 404
    assert (
        t.plan.targets.count() == 1
        and not AuditLog.objects.filter(action__in=["plan.update"]).exists()
    )
