"""Criteria sets: validation, Excel import and export, clone, freezing and versions."""

from decimal import Decimal as D

import pytest

from cchc.core.errors import DomainError, PermissionDenied
from cchc.core.models import AuditLog
from cchc.core.scope import SYSTEM
from cchc.par import assessment_services, criteria_import, round_services, selectors
from cchc.par import criteria_services as cs_services
from cchc.par.answer_services import Entry
from cchc.par.choices import Method, SetStatus
from cchc.par.models import Answer, CriteriaSet
from cchc.par.tests.conftest import TODAY, assessment_of, xlsx

pytestmark = pytest.mark.django_db

HEADER = [
    "Mã",
    "Nội dung",
    "Điểm tối đa",
    "Phương pháp chấm",
    "Ngưỡng (từ mức:điểm)",
    "Bắt buộc tài liệu kiểm chứng",
]
GOOD = [
    HEADER,
    ["1", "Chỉ đạo, điều hành", 6, "", "", ""],
    ["1.1", "Kế hoạch CCHC", 2, "Đạt/không đạt", "", "Có"],
    ["1.2", "Hoàn thành kế hoạch", 4, "Theo ngưỡng", "100:4; 80:2; 0:0", ""],
    ["2", "Thủ tục hành chính", 4, "", "", ""],
    ["2.1", "Giải quyết đúng hạn", "2,5", "Chấm điểm", "", ""],
    ["2.2", "Công khai", "1,5", "Chấm điểm", "", ""],
    ["S1", "Khảo sát hài lòng", 5, "Điều tra", "", ""],
]


def _import(demo, rows, year=2031, appraised="10", survey="5", **kw):
    return criteria_import.set_import(
        actor=demo.user("snv"),
        organiser=demo.city,
        year=year,
        bloc_code="phuong",
        name="Bộ chỉ số thử",
        appraised_max=D(appraised),
        survey_max=D(survey),
        filename="bo-chi-so.xlsx",
        data=xlsx(rows, **kw),
    )


def test_a_set_is_imported_from_excel_with_its_tree_methods_and_thresholds(demo):
    cs = _import(
        demo, GOOD, sheets={"Xếp loại": [["Xếp loại", "Từ điểm"], ["Xuất sắc", 95], ["Đạt", 0]]}
    )
    nodes = {n.code: n for n in selectors.set_nodes(cs)}
    assert list(nodes) == ["1", "1.1", "1.2", "2", "2.1", "2.2", "S1"]
    assert nodes["1.1"].method == Method.YES_NO and nodes["1.1"].evidence_required
    assert [(t.min_value, t.score) for t in nodes["1.2"].thresholds] == [
        (D("100"), D("4")),
        (D("80"), D("2")),
        (D("0"), D("0")),
    ]
    assert nodes["2.1"].max_score == D("2.5")
    assert nodes["S1"].part == "survey"
    assert selectors.set_errors(cs) == []
    assert [(b.name, b.min_score) for b in selectors.set_bands(criteria_set=cs)] == [
        ("Xuất sắc", D("95")),
        ("Đạt", D("0")),
    ]
    assert (
        cs.criteria.get(code="1").is_leaf is False
        and cs.criteria.get(code="1.1").parent.code == "1"
    )


def test_a_set_whose_children_do_not_add_up_is_refused_with_the_codes_named(demo):
    rows = [r[:] for r in GOOD]
    rows[6][2] = 1  # 2.2 now 1 instead of 1.5
    with pytest.raises(DomainError) as exc:
        _import(demo, rows)
    message = exc.value.message
    assert (
        "Mục 2 (tối đa 4,00): tổng điểm tối đa các mục con 2.1, 2.2 là 3,50, phải bằng 4,00."
        in message
    )
    assert "chưa có dữ liệu nào được lưu" in message
    assert not CriteriaSet.objects.filter(year=2031).exists()


def test_a_set_whose_areas_miss_the_declared_total_is_refused(demo):
    with pytest.raises(DomainError) as exc:
        _import(demo, GOOD, appraised="12")
    assert (
        "Tổng điểm tối đa phần thẩm định (1, 2) là 10,00, khác tổng đã khai báo 12,00."
        in exc.value.message
    )


def test_bad_rows_of_a_set_file_are_named(demo):
    rows = [r[:] for r in GOOD]
    rows[2][2] = "hai"
    rows[3][4] = "tám mươi"
    rows[4][3] = "Bốc thăm"
    with pytest.raises(DomainError) as exc:
        _import(demo, rows)
    assert exc.value.rows == [3, 4, 5]
    assert "Dòng 5: phương pháp chấm “Bốc thăm” không hợp lệ." in exc.value.message
    assert "Dòng 3: điểm tối đa “hai” không phải số." in exc.value.message
    assert "Dòng 4: ngưỡng “tám mươi” không đúng dạng “mức:điểm”." in exc.value.message


def test_an_exported_set_imports_back_identical_with_its_system_figures(demo):
    source = CriteriaSet.objects.get(year=2026, bloc_code="phuong", is_current=True)
    assert source.criteria.get(code="1.2").measure_code == "plan_on_time_rate"
    data = criteria_import.set_xlsx(source)
    copy = criteria_import.set_import(
        actor=demo.user("snv"),
        organiser=demo.city,
        year=2031,
        bloc_code="phuong",
        name="Bản sao",
        appraised_max=source.appraised_max,
        survey_max=source.survey_max,
        filename="x.xlsx",
        data=data,
    )
    assert selectors.set_nodes(copy) == selectors.set_nodes(source)
    assert [(b.name, b.min_score) for b in copy.bands.all()] == [
        (b.name, b.min_score) for b in source.bands.all()
    ]


def test_cloning_from_last_year_copies_the_tree_and_bands(demo):
    source = CriteriaSet.objects.get(year=2026, bloc_code="so-nganh", is_current=True)
    clone = cs_services.set_clone(actor=demo.user("snv"), source=source, year=2027)
    assert clone.name.endswith("2027") and clone.status == SetStatus.DRAFT and clone.is_current
    assert selectors.set_nodes(clone) == selectors.set_nodes(source)
    assert AuditLog.objects.filter(action="criteria_set.clone", object_id=str(clone.pk)).exists()
    with pytest.raises(DomainError):
        cs_services.set_clone(actor=demo.user("snv"), source=source, year=2027)


def test_only_the_city_standing_agency_edits_sets(demo):
    cs = CriteriaSet.objects.get(year=2026, bloc_code="phuong", is_current=True)
    clone = cs_services.set_clone(actor=SYSTEM, source=cs, year=2031)
    for username in ("lechan", "lechan.xem", "khucthuadu"):
        with pytest.raises(PermissionDenied):
            cs_services.node_save(
                actor=demo.user(username), criteria_set=clone, code="9", name="x", max_score=D("1")
            )


def test_a_draft_set_is_edited_in_the_interface_services(demo):
    snv = demo.user("snv")
    cs = cs_services.set_create(
        actor=snv,
        organiser=demo.city,
        year=2031,
        bloc_code="phuong",
        name="Bộ mới",
        appraised_max=D("4"),
        survey_max=D("0"),
    )
    cs_services.node_save(actor=snv, criteria_set=cs, code="1", name="Lĩnh vực", max_score=D("4"))
    with pytest.raises(DomainError) as exc:
        cs_services.node_save(actor=snv, criteria_set=cs, code="2.1", name="x", max_score=D("1"))
    assert exc.value.message == "Mục 2.1: chưa có mục cha 2; hãy thêm mục 2 trước."
    cs_services.node_save(
        actor=snv,
        criteria_set=cs,
        code="1.1",
        name="Tỷ lệ",
        max_score=D("3"),
        method=Method.THRESHOLD,
        thresholds="90:3; 0:0",
    )
    assert selectors.set_errors(cs) == [
        "Mục 1 (tối đa 4,00): tổng điểm tối đa các mục con 1.1 là 3,00, phải bằng 4,00."
    ]
    c = cs_services.node_save(actor=snv, criteria_set=cs, code="1.2", name="Khác", max_score=D("1"))
    assert selectors.set_errors(cs) == []
    assert not cs.criteria.get(code="1").is_leaf
    cs_services.node_delete(actor=snv, criterion=c)
    assert selectors.set_errors(cs)
    with pytest.raises(DomainError):
        cs_services.node_save(
            actor=snv,
            criteria_set=cs,
            code="1.3",
            name="x",
            max_score=D("2"),
            method=Method.THRESHOLD,
            thresholds="90:3",
        )
    cs_services.bands_set(
        actor=snv, criteria_set=cs, bands=[("Đạt", D("50")), ("Chưa đạt", D("0"))]
    )
    with pytest.raises(DomainError):
        cs_services.bands_set(actor=snv, criteria_set=cs, bands=[("Đạt", D("50"))])


def test_a_frozen_set_changes_only_through_a_new_audited_version(fresh_round, demo):
    snv = demo.user("snv")
    frozen = CriteriaSet.objects.get(year=2027, bloc_code="phuong", is_current=True)
    assert frozen.status == SetStatus.FROZEN
    node = frozen.criteria.get(code="1.5")
    with pytest.raises(DomainError) as exc:
        cs_services.node_save(
            actor=snv, criteria_set=frozen, criterion=node, code="1.5", name="Sửa", max_score=D("1")
        )
    assert "đã khóa" in exc.value.message
    a = assessment_of(fresh_round, demo.level("Lê Chân"))
    c15 = a.answers.get(criterion__code="1.5").criterion_id
    assessment_services.self_assessment_save(
        actor=demo.user("lechan"),
        assessment=a,
        entries={c15: Entry(value=D("0.75"))},
        today=TODAY,
    )

    draft = cs_services.set_new_version(actor=snv, criteria_set=frozen)
    assert (draft.version, draft.is_current, draft.status) == (2, False, SetStatus.DRAFT)
    cs_services.node_save(
        actor=snv,
        criteria_set=draft,
        criterion=draft.criteria.get(code="1.5"),
        code="1.5",
        name="Tuyên truyền CCHC (sửa)",
        max_score=D("1"),
    )
    moved = cs_services.set_issue(actor=snv, criteria_set=draft)
    assert moved == fresh_round.assessments.filter(bloc_code="phuong").count()
    a.refresh_from_db()
    assert a.criteria_set_id == draft.pk
    kept = Answer.objects.select_related("criterion").get(assessment=a, criterion__code="1.5")
    assert kept.criterion.name == "Tuyên truyền CCHC (sửa)" and kept.self_score == D("0.75")
    draft.refresh_from_db()
    frozen.refresh_from_db()
    assert draft.is_current and draft.status == SetStatus.FROZEN and not frozen.is_current
    assert AuditLog.objects.filter(action="criteria_set.new_version").exists()
    assert AuditLog.objects.filter(action="criteria_set.issue", object_id=str(draft.pk)).exists()


def test_a_round_does_not_open_with_an_invalid_set(demo):
    snv = demo.user("snv")
    for cs in CriteriaSet.objects.filter(year=2026, is_current=True):
        cs_services.set_clone(actor=SYSTEM, source=cs, year=2027)
    broken = CriteriaSet.objects.get(year=2027, bloc_code="xa-dac-khu")
    n = broken.criteria.get(code="1.6")
    cs_services.node_save(
        actor=snv, criteria_set=broken, criterion=n, code="1.6", name=n.name, max_score=D("3")
    )
    r = round_services.round_create(
        actor=snv,
        organiser=demo.city,
        year=2027,
        self_start=TODAY,
        self_end=TODAY,
        appraisal_start=TODAY,
        appraisal_end=TODAY,
        response_start=TODAY,
        response_end=TODAY,
    )
    with pytest.raises(DomainError) as exc:
        round_services.round_open(actor=snv, round_=r)
    assert "Khối xã, đặc khu" in exc.value.message
    assert (
        "Mục 1 (tối đa 9,00): tổng điểm tối đa các mục con 1.1, 1.2, 1.3, 1.4, 1.5, 1.6 là 10,00"
        in exc.value.message
    )
    assert not r.assessments.exists()
