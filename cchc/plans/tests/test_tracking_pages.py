"""The task page: the progress form for those who may report, the history with evidence, the manual deadline form,
and Vietnamese messages when a rule refuses."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cchc.core import dates
from cchc.plans.choices import TaskStatus
from cchc.plans.models import Target
from cchc.plans.tests.tracking_setup import TODAY, build


@pytest.fixture
def t(personas, monkeypatch):
    monkeypatch.setattr(dates, "today", lambda: TODAY)
    return build(personas)


def page(client, task) -> str:
    response = client.get(reverse("plans:task_detail", args=[task.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_lead_offices_officer_sees_the_progress_form_and_the_viewer_does_not(t, client_for):
    assert 'id="progress-form"' in page(client_for(t.vp_officer), t.vp_task)
    assert 'id="progress-form"' not in page(client_for(t.vhxh_officer), t.vp_task)
    html = page(client_for(t.p.ward_a_viewer), t.vp_task)
    assert 'id="progress-form"' not in html and 'id="progress-readonly"' in html


def test_reporting_progress_with_an_evidence_file_updates_the_task_page(t, client_for):
    client = client_for(t.vp_officer)
    upload = SimpleUploadedFile(
        "bien-ban-ra-soat.pdf", b"%PDF-1.4 noi dung", content_type="application/pdf"
    )
    response = client.post(
        reverse("plans:task_progress", args=[t.vp_task.pk]),
        {
            "status": "done",
            "percent": "100",
            "reported_on": "19/05/2026",
            "text": "Đã rà soát xong.",
            "files": [upload],
        },
    )
    assert response.status_code == 302
    t.vp_task.refresh_from_db()
    assert (t.vp_task.status, t.vp_task.completed_on) == (TaskStatus.DONE, date(2026, 5, 19))
    html = page(client, t.vp_task)
    assert "Đã ghi báo cáo tiến độ nhiệm vụ 1: 100%." in html
    # Done on 19/05 for "Trước ngày 25/5/2026" (last day 24/05): ahead of time.
    assert (
        "bien-ban-ra-soat.pdf" in html and 'data-timeliness="early"' in html and "Trước hạn" in html
    )


def test_a_refused_report_answers_the_form_with_the_rule_in_vietnamese(t, client_for):
    response = client_for(t.vp_officer).post(
        reverse("plans:task_progress", args=[t.vp_task.pk]), {"status": "done", "percent": "80"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Nhiệm vụ 1 báo “Hoàn thành” thì tiến độ phải là 100% (đang ghi 80%)." in html
    assert not t.vp_task.reports.exists()


def test_a_future_report_day_is_refused_by_the_form(t, client_for):
    response = client_for(t.vp_officer).post(
        reverse("plans:task_progress", args=[t.vp_task.pk]),
        {"status": "doing", "percent": "30", "reported_on": "30/05/2026"},
    )
    assert (
        response.status_code == 400
        and "Ngày báo cáo 30/05/2026 chưa đến" in response.content.decode()
    )


def test_a_task_whose_deadline_could_not_be_read_offers_the_date_form_and_takes_the_date(
    t, client_for
):
    client = client_for(t.vp_officer)
    html = page(client, t.unknown)
    assert 'id="deadline-form"' in html and "Không đọc được thời hạn “Khi có hướng dẫn”" in html
    assert 'id="deadline-form"' not in page(client, t.vp_task)
    response = client.post(
        reverse("plans:task_deadline", args=[t.unknown.pk]), {"due_on": "31/08/2026"}
    )
    assert response.status_code == 302
    assert "Đến hết 31/08/2026" in page(client, t.unknown)
    bad = client.post(reverse("plans:task_deadline", args=[t.unknown.pk]), {"due_on": "31/13/2026"})
    assert bad.status_code == 400 and "không phải ngày hợp lệ" in bad.content.decode()


def test_the_target_page_records_a_measure_and_shows_whether_it_is_achieved(t, client_for):
    target = Target.objects.create(
        plan=t.plan,
        code="b",
        text="Tỷ lệ hồ sơ trực tuyến",
        comparator="gte",
        value=80,
        value_unit="%",
        confirmed=True,
    )
    client = client_for(t.p.ward_a_officer)
    response = client.post(
        reverse("plans:target_measure", args=[target.pk]),
        {"period_label": "Quý I/2026", "period_end": "31/03/2026", "value": "75,5"},
    )
    assert response.status_code == 302
    html = client.get(reverse("plans:target_detail", args=[target.pk])).content.decode()
    assert "Đã ghi kết quả Quý I/2026: không đạt." in html and "75,5%" in html
    plan_html = client.get(reverse("plans:plan_detail", args=[t.plan.pk])).content.decode()
    assert "Không đạt" in plan_html
    refused = client_for(t.vhxh_officer).post(
        reverse("plans:target_measure", args=[target.pk]), {"period_label": "x"}
    )
    assert refused.status_code == 403


def test_reopening_a_done_task_asks_for_confirmation(t, client_for):
    client = client_for(t.vp_officer)
    assert "Mở lại nhiệm vụ" not in page(client, t.vp_task)
    client.post(
        reverse("plans:task_progress", args=[t.vp_task.pk]), {"status": "done", "percent": "100"}
    )
    assert "Nhiệm vụ đã hoàn thành ngày 20/05/2026. Mở lại nhiệm vụ (bỏ ngày hoàn thành)?" in page(
        client, t.vp_task
    )
