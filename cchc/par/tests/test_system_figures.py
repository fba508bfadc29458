"""PAR criteria fed by the system's own figures (`cchc.core.measures`): the plan on-time rate is the plan
dashboard's rate, the self-assessment shows it with its source, proposes the score from the thresholds and
records it as evidence; the appraiser sees it beside the self-score; sets carry the link in the form and in
Excel; the PAR module reads the figures without importing the plans module."""

import ast
import io
import re
from decimal import Decimal as D
from pathlib import Path

import pytest
from django.test import Client

from cchc.core import dates, measures
from cchc.core.errors import DomainError
from cchc.core.scope import SYSTEM
from cchc.par import assessment_services, criteria_import, criteria_services, selectors
from cchc.par.models import Assessment, CriteriaSet, Evidence
from cchc.par.tests.conftest import TODAY, fill_persona, xlsx
from cchc.plans.figures import on_time_rate
from cchc.plans.models import Plan
from cchc.reports import dashboard

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def shown_figure(html: str, code: str) -> str:
    """The system's figure shown on the row of criterion `code`."""
    row = re.search(rf'<tr id="row-\d+" data-code="{re.escape(code)}".*?</tr>', html, re.S)
    assert row is not None, code
    value = re.search(r'class="par-system-value">([^<]+)</strong>', row.group(0))
    assert value is not None, row.group(0)[:400]
    return value.group(1).strip()


def test_the_plans_module_offers_its_figures_and_the_registry_its_documents():
    codes = dict(measures.choices())
    assert {"plan_on_time_rate", "plan_targets_met", "documents_registered"} <= set(codes)
    assert codes["plan_on_time_rate"] == "Tỷ lệ nhiệm vụ của kế hoạch CCHC năm hoàn thành đúng hạn"


def test_the_on_time_rate_measure_is_the_dashboard_rate_of_every_demo_plan(demo):
    plans = list(Plan.objects.select_related("unit"))
    assert len(plans) >= 3
    for plan in plans:
        dash = dashboard.plan_dashboard(actor=SYSTEM, plan=plan, today=TODAY)
        value = measures.compute("plan_on_time_rate", unit=plan.unit, year=plan.year, today=TODAY)
        assert dash.totals.rate is not None
        assert value.value == D(str(dash.totals.rate)) == D(str(on_time_rate(plan, TODAY)))
        assert value.source_url == f"/bao-cao/ke-hoach/{plan.pk}/"
        assert "tính đến ngày 22/11/2026" in value.source_label


def test_a_unit_without_a_plan_gets_no_figure_but_the_reason(demo):
    value = measures.compute("plan_on_time_rate", unit=demo.city, year=2026)
    assert value.value is None
    assert value.reason == (
        "Thành phố Hải Phòng chưa có kế hoạch CCHC năm 2026 trong hệ thống (cần kiểm tra)."
    )
    assert measures.compute("no_such_figure", unit=demo.city, year=2026).value is None


def test_targets_met_and_documents_registered_come_with_their_sources(demo):
    lc = demo.level("Lê Chân")
    targets = measures.compute("plan_targets_met", unit=lc, year=2026)
    assert targets.value == D("100.0")  # the two targets measured in the demo were both met
    assert "2/2 chỉ tiêu đạt" in targets.source_label and targets.source_url.startswith(
        "/nhiem-vu/ke-hoach/"
    )
    from cchc.registry.models import Document

    docs = measures.compute("documents_registered", unit=lc, year=2026)
    expected = Document.objects.filter(
        org_unit__path__startswith=lc.path, issued_on__year=2026
    ).count()
    assert expected > 0 and docs.value == D(expected)
    assert docs.source_url == "/van-ban/?year=2026"


def test_le_chans_self_assessment_shows_criterion_1_2_from_its_plan_equal_to_the_dashboard(demo):
    """The issue: 95,2 % typed by hand while the dashboard showed 16,7 %. Both now say the same."""
    lc = demo.level("Lê Chân")
    a = Assessment.objects.get(round__year=2026, unit=lc)
    plan = Plan.objects.get(unit=lc, year=2026)
    lechan = demo.user("lechan")
    page = client_for(lechan).get(f"/chi-so/ho-so/{a.pk}/").content.decode()
    api = client_for(lechan).get(f"/api/plans/{plan.pk}/dashboard").json()
    rate = D(str(api["totals"]["rate"]))
    assert shown_figure(page, "1.2") == f"{rate.normalize():f}".replace(".", ",") + " %"
    assert f'href="/bao-cao/ke-hoach/{plan.pk}/"' in page
    # The demo took that figure: the self-assessed figure, the score from the thresholds, the evidence.
    answer = a.answers.select_related("criterion").get(criterion__code="1.2")
    assert answer.self_figure == rate
    assert answer.self_score == (D("2") if rate >= 100 else D("1") if rate >= 80 else D("0"))
    ev = Evidence.objects.get(answer=answer, measure_code="plan_on_time_rate")
    assert ev.source_url == f"/bao-cao/ke-hoach/{plan.pk}/" and not ev.file
    assert ev.name.startswith("Số liệu hệ thống " + f"{rate:.1f}".replace(".", ",") + " %: ")
    assert (
        "Tỷ lệ nhiệm vụ của kế hoạch CCHC năm hoàn thành đúng hạn – Kế hoạch CCHC năm 2026"
        in ev.name
    )


def test_the_appraiser_sees_the_computed_figure_beside_the_self_score(demo, monkeypatch):
    from cchc.demo.day import DEMO_DAY as DEMO_TODAY

    monkeypatch.setattr(dates, "today", lambda: DEMO_TODAY)
    ltn = Assessment.objects.get(round__year=2026, unit=demo.level("Lê Thanh Nghị"))
    page = client_for(demo.user("snv")).get(f"/chi-so/ho-so/{ltn.pk}/tham-dinh/").content.decode()
    plan = Plan.objects.get(unit=ltn.unit, year=2026)
    expected = on_time_rate(plan, DEMO_TODAY)
    assert shown_figure(page, "1.2") == f"{D(str(expected)).normalize():f}".replace(".", ",") + " %"
    assert "Dùng số liệu này" not in page and "so-lieu-he-thong" not in page


def test_using_the_system_figure_scores_it_by_the_thresholds_and_records_it_as_evidence(
    persona_round, monkeypatch
):
    from cchc.plans.figures import unit_plan

    p = persona_round
    a = p.ward_a_assessment
    answers = fill_persona(a, p.ward_a_officer)
    with pytest.raises(DomainError) as exc:
        assessment_services.answer_use_measure(
            actor=p.ward_a_officer, answer=answers["1.2"], today=TODAY
        )
    assert exc.value.message == (
        "Tiêu chí 1.2: Phường An Bình chưa có kế hoạch CCHC năm 2027 trong hệ thống (cần kiểm tra)."
    )
    assert unit_plan(p.ward_a, 2027) is None
    answers["1.2"].refresh_from_db()
    assert answers["1.2"].self_figure == D("100")  # what the unit typed stays

    # A plan of the ward whose tasks give 50 %: one done on time, one overdue.
    from cchc.plans.models import Task

    plan = Plan.objects.create(unit=p.ward_a, year=2027, title="Kế hoạch CCHC năm 2027")
    Task.objects.create(
        plan=plan,
        no=1,
        content="Ban hành kế hoạch",
        due_on=TODAY,
        status="done",
        completed_on=TODAY,
        percent=100,
    )
    Task.objects.create(plan=plan, no=2, content="Kiểm tra", due_on=TODAY.replace(day=1))
    ev = assessment_services.answer_use_measure(
        actor=p.ward_a_officer, answer=answers["1.2"], today=TODAY
    )
    answers["1.2"].refresh_from_db()
    assert (answers["1.2"].self_figure, answers["1.2"].self_score) == (D("50.0"), D("0"))
    assert (
        ev.measure_code == "plan_on_time_rate" and ev.source_url == f"/bao-cao/ke-hoach/{plan.pk}/"
    )
    assert "50,0 %" in ev.name
    # Taking it again replaces the evidence, it does not pile up.
    assessment_services.answer_use_measure(
        actor=p.ward_a_officer, answer=answers["1.2"], today=TODAY
    )
    assert answers["1.2"].evidence.exclude(measure_code="").count() == 1
    # A criterion not fed by the system refuses.
    with pytest.raises(DomainError) as exc:
        assessment_services.answer_use_measure(
            actor=p.ward_a_officer, answer=answers["1.1"], today=TODAY
        )
    assert exc.value.message == "Tiêu chí 1.1 không lấy số liệu từ hệ thống."
    # The page's button does the same for the officer, and is refused (403) to the viewer.
    monkeypatch.setattr(dates, "today", lambda: TODAY)
    url = f"/chi-so/ho-so/{a.pk}/tieu-chi/{answers['1.2'].pk}/so-lieu-he-thong/"
    assert client_for(p.ward_a_viewer).post(url).status_code == 403
    assert client_for(p.ward_a_officer).post(url).status_code == 302


def test_the_criterion_form_offers_the_system_figures_and_refuses_one_on_points(demo):
    snv = client_for(demo.user("snv"))
    frozen = CriteriaSet.objects.get(year=2026, bloc_code="phuong", is_current=True)
    draft = criteria_services.set_new_version(actor=demo.user("snv"), criteria_set=frozen)
    node = draft.criteria.get(code="1.5")
    page = snv.get(f"/chi-so/bo-chi-so/{draft.pk}/tieu-chi/{node.pk}/sua/").content.decode()
    assert '<option value="plan_on_time_rate">' in page
    response = snv.post(
        f"/chi-so/bo-chi-so/{draft.pk}/tieu-chi/{node.pk}/sua/",
        {
            "code": "1.5",
            "name": node.name,
            "max_score": "1",
            "method": "points",
            "measure_code": "plan_targets_met",
        },
    )
    assert response.status_code == 200
    assert (
        "số liệu hệ thống chỉ dùng cho tiêu chí chấm theo ngưỡng số liệu"
        in response.content.decode()
    )
    response = snv.post(
        f"/chi-so/bo-chi-so/{draft.pk}/tieu-chi/{node.pk}/sua/",
        {
            "code": "1.5",
            "name": node.name,
            "max_score": "1",
            "method": "threshold",
            "thresholds": "100:1; 0:0",
            "figure_unit": "%",
            "measure_code": "plan_targets_met",
        },
    )
    assert response.status_code == 302
    node.refresh_from_db()
    assert node.measure_code == "plan_targets_met"
    detail = snv.get(f"/chi-so/bo-chi-so/{draft.pk}/").content.decode()
    assert "Tỷ lệ chỉ tiêu của kế hoạch CCHC năm đạt" in detail


def test_the_excel_import_reads_the_system_figure_column_by_label_or_code(demo):
    rows = [
        ["Mã", "Nội dung", "Điểm tối đa", "Phương pháp chấm", "Ngưỡng", "Số liệu hệ thống"],
        ["1", "Chỉ đạo", 4, "", "", ""],
        [
            "1.1",
            "Hoàn thành kế hoạch",
            2,
            "Theo ngưỡng",
            "100:2; 0:0",
            "Tỷ lệ nhiệm vụ của kế hoạch CCHC năm hoàn thành đúng hạn",
        ],
        ["1.2", "Văn bản", 2, "Theo ngưỡng", "10:2; 0:0", "documents_registered"],
    ]
    nodes, _ = criteria_import.parse_set_file("b.xlsx", xlsx(rows))
    assert [(n.code, n.measure_code) for n in nodes] == [
        ("1", ""),
        ("1.1", "plan_on_time_rate"),
        ("1.2", "documents_registered"),
    ]
    rows[3][5] = "Số liệu không có"
    rows[2][3] = "Chấm điểm"
    with pytest.raises(DomainError) as exc:
        criteria_import.parse_set_file("b.xlsx", xlsx(rows))
    assert "Dòng 3: số liệu hệ thống chỉ dùng cho tiêu chí chấm theo ngưỡng." in exc.value.message
    assert (
        "Dòng 4: số liệu hệ thống “Số liệu không có” không có trong hệ thống." in exc.value.message
    )


def test_the_exported_workbook_names_the_system_figure(demo):
    from openpyxl import load_workbook

    cs = CriteriaSet.objects.get(year=2026, bloc_code="phuong", is_current=True)
    response = client_for(demo.user("lechan")).get(f"/chi-so/bo-chi-so/{cs.pk}/xuat.xlsx")
    ws = load_workbook(io.BytesIO(response.content)).active
    rows = list(ws.iter_rows(values_only=True))
    col = rows[0].index("Số liệu hệ thống")
    by_code = {r[0]: r[col] for r in rows[1:]}
    assert by_code["1.2"] == "Tỷ lệ nhiệm vụ của kế hoạch CCHC năm hoàn thành đúng hạn"
    assert by_code["1.1"] is None
    assert selectors.set_errors(cs) == []


def test_the_par_module_imports_nothing_from_the_plans_module():
    root = Path(__file__).resolve().parents[1]
    offenders = []
    for path in root.rglob("*.py"):
        if "tests" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            if any(n == "cchc.plans" or n.startswith("cchc.plans.") for n in names):
                offenders.append(str(path.relative_to(root)))
    assert offenders == []
