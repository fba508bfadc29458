"""Writes to criteria sets: create, clone, edit nodes and bands, versions once frozen (Excel: `criteria_import`).

A set is edited in place while it is a draft. Once a round using it opens it is frozen: changes go to a new
version (a draft copy), which replaces the frozen one when issued; assessments of open rounds then move to
the new version, answers carried over by criterion code. A scored criterion may be fed by a figure the system
computes (`measure_code`, one of `cchc.core.measures.choices()`).
"""

from collections import defaultdict
from decimal import Decimal

from django.db import transaction

from cchc.core import audit, dates, measures
from cchc.core.errors import DomainError, PermissionDenied
from cchc.core.scope import user_or_none
from cchc.core.text import fold, nfc
from cchc.orgs.choices import BlocCode
from cchc.par import policies
from cchc.par.choices import AssessmentStatus, Method, Part, RoundStatus, SetStatus
from cchc.par.models import Answer, Assessment, Band, CriteriaSet, Criterion, Threshold
from cchc.par.scoring import Node, parent_code, parse_thresholds, sort_key, vn
from cchc.par.selectors import set_errors, set_nodes
from cchc.par.workflows import SET_FLOW

DEFAULT_BANDS = [
    ("Tốt", Decimal("90")),
    ("Khá", Decimal("80")),
    ("Trung bình", Decimal("65")),
    ("Yếu", Decimal("0")),
]

SET_COLUMNS = {
    "code": ["Mã", "Mã tiêu chí", "STT"],
    "name": ["Nội dung", "Tên tiêu chí", "Lĩnh vực, tiêu chí", "Tiêu chí"],
    "max_score": ["Điểm tối đa", "Điểm chuẩn", "Điểm"],
    "part": ["Phần"],
    "method": ["Phương pháp chấm", "Phương pháp"],
    "thresholds": ["Ngưỡng (từ mức:điểm)", "Ngưỡng", "Ngưỡng chấm điểm"],
    "figure_unit": ["Đơn vị số liệu"],
    "evidence_required": ["Bắt buộc tài liệu kiểm chứng", "Tài liệu kiểm chứng", "Bắt buộc TLKC"],
    "allow_not_applicable": ["Cho phép không áp dụng", "Không áp dụng"],
    "guide": ["Hướng dẫn chấm điểm", "Hướng dẫn"],
}
BAND_SHEET = "Xếp loại"


def _check_manage(actor, organiser) -> None:
    if not policies.can_manage_sets(actor, organiser):
        raise PermissionDenied("Chỉ cơ quan thường trực cấp ban hành mới được sửa bộ chỉ số.")


def _check_editable(cs: CriteriaSet) -> None:
    if cs.status == SetStatus.FROZEN:
        raise DomainError(
            f"Bộ chỉ số “{cs.name}” (phiên bản {cs.version}) đã khóa vì đợt đánh giá đã mở; "
            "hãy tạo phiên bản mới để sửa."
        )


def check_measure(code: str, method: str, measure_code: str) -> None:
    """A criterion fed by the system's data names a registered measure and is scored by thresholds."""
    if not measure_code:
        return
    if measures.get(measure_code) is None:
        raise DomainError(
            f"Mục {code}: hệ thống không có số liệu “{measure_code}”.", field="measure_code"
        )
    if method != Method.THRESHOLD:
        raise DomainError(
            f"Mục {code}: số liệu hệ thống chỉ dùng cho tiêu chí chấm theo ngưỡng số liệu.",
            field="measure_code",
        )


def _bloc_label(code: str) -> str:
    return dict(BlocCode.choices).get(code, code)


def _create_nodes(cs: CriteriaSet, nodes: list[Node]) -> None:
    """Insert a whole tree level by level (one insert per level and one for the thresholds)."""
    by_level: dict[int, list[Node]] = defaultdict(list)
    codes = {n.code for n in nodes}
    for n in nodes:
        by_level[n.code.count(".") + 1].append(n)
    has_children = {parent_code(n.code) for n in nodes}
    ids: dict[str, int] = {}
    created: list[tuple[Criterion, Node]] = []
    for level in sorted(by_level):
        objs = []
        for n in by_level[level]:
            pc = parent_code(n.code)
            if pc is not None and pc not in codes:
                raise DomainError(f"Mục {n.code}: không có mục cha {pc}.")
            objs.append(
                Criterion(
                    criteria_set=cs,
                    parent_id=ids.get(pc) if pc else None,
                    code=n.code,
                    sort_key=sort_key(n.code),
                    area_code=n.code.split(".")[0],
                    level=level,
                    name=n.name,
                    max_score=n.max_score,
                    part=n.part,
                    method=n.method,
                    figure_unit=n.figure_unit,
                    guide=n.guide,
                    evidence_required=n.evidence_required,
                    allow_not_applicable=n.allow_not_applicable,
                    measure_code=n.measure_code,
                    is_leaf=n.code not in has_children,
                )
            )
        Criterion.objects.bulk_create(objs)
        for obj, n in zip(objs, by_level[level], strict=True):
            ids[n.code] = obj.pk
            created.append((obj, n))
    Threshold.objects.bulk_create(
        [
            Threshold(criterion=obj, min_value=t.min_value, score=t.score)
            for obj, n in created
            for t in n.thresholds
        ]
    )


def _set_bands(cs: CriteriaSet, bands) -> None:
    cs.bands.all().delete()
    Band.objects.bulk_create([Band(criteria_set=cs, name=name, min_score=lo) for name, lo in bands])


def _check_totals(appraised_max, survey_max) -> None:
    if appraised_max is None or appraised_max <= 0:
        raise DomainError("Tổng điểm phần thẩm định phải lớn hơn 0.", field="appraised_max")
    if survey_max is None or survey_max < 0:
        raise DomainError("Tổng điểm điều tra xã hội học không được âm.", field="survey_max")


@transaction.atomic
def set_create(
    *,
    actor,
    organiser,
    year: int,
    bloc_code: str,
    name: str,
    appraised_max: Decimal = Decimal("70"),
    survey_max: Decimal = Decimal("30"),
    bands=None,
    nodes: list[Node] | None = None,
    is_illustrative: bool = False,
    basis: str = "",
    audit_it: bool = True,
) -> CriteriaSet:
    """A new current set for a year and a bloc (refused when one exists), optionally with its tree."""
    _check_manage(actor, organiser)
    if bloc_code not in BlocCode.values:
        raise DomainError(f"Khối “{bloc_code}” không hợp lệ.", field="bloc_code")
    name = nfc(name)
    if not name:
        raise DomainError("Tên bộ chỉ số không được để trống.", field="name")
    _check_totals(appraised_max, survey_max)
    if CriteriaSet.objects.filter(
        organiser=organiser, year=year, bloc_code=bloc_code, is_current=True
    ).exists():
        raise DomainError(f"Đã có bộ chỉ số năm {year} cho {_bloc_label(bloc_code)}.", field="year")
    cs = CriteriaSet.objects.create(
        organiser=organiser,
        year=year,
        bloc_code=bloc_code,
        name=name,
        appraised_max=appraised_max,
        survey_max=survey_max,
        is_illustrative=is_illustrative,
        basis=nfc(basis),
        created_by=user_or_none(actor),
    )
    _set_bands(cs, bands if bands is not None else DEFAULT_BANDS)
    if nodes:
        _create_nodes(cs, nodes)
    if audit_it:
        audit.record(
            actor=actor,
            action="criteria_set.create",
            obj=cs,
            after=audit.snapshot(cs),
            unit_path=organiser.path,
        )
    return cs


@transaction.atomic
def set_update(
    *, actor, criteria_set: CriteriaSet, name: str, appraised_max, survey_max, basis: str = ""
) -> CriteriaSet:
    """Change the name, declared totals and basis of a draft set."""
    _check_manage(actor, criteria_set.organiser)
    _check_editable(criteria_set)
    _check_totals(appraised_max, survey_max)
    if not nfc(name):
        raise DomainError("Tên bộ chỉ số không được để trống.", field="name")
    before = audit.snapshot(criteria_set)
    criteria_set.name, criteria_set.basis = nfc(name), nfc(basis)
    criteria_set.appraised_max, criteria_set.survey_max = appraised_max, survey_max
    criteria_set.save()
    audit.record(
        actor=actor,
        action="criteria_set.update",
        obj=criteria_set,
        before=before,
        after=audit.snapshot(criteria_set),
        unit_path=criteria_set.organiser.path,
    )
    return criteria_set


def _bands_of(cs: CriteriaSet) -> list[tuple[str, Decimal]]:
    return [(b.name, b.min_score) for b in cs.bands.all()]


@transaction.atomic
def set_clone(
    *,
    actor,
    source: CriteriaSet,
    year: int,
    bloc_code: str | None = None,
    name: str = "",
    audit_it=True,
) -> CriteriaSet:
    """A new draft set for `year` (and bloc) copying the tree, thresholds and bands of `source`."""
    bloc_code = bloc_code or source.bloc_code
    if not name:
        name = (
            source.name.replace(str(source.year), str(year))
            if str(source.year) in source.name
            else source.name
        )
    cs = set_create(
        actor=actor,
        organiser=source.organiser,
        year=year,
        bloc_code=bloc_code,
        name=name,
        appraised_max=source.appraised_max,
        survey_max=source.survey_max,
        bands=_bands_of(source),
        nodes=set_nodes(source),
        is_illustrative=source.is_illustrative,
        basis=source.basis,
        audit_it=False,
    )
    if audit_it:
        audit.record(
            actor=actor,
            action="criteria_set.clone",
            obj=cs,
            after={"source": source.pk, "year": year, "bloc_code": bloc_code},
            unit_path=source.organiser.path,
        )
    return cs


def _refresh_leaf(criterion_id: int | None) -> None:
    if criterion_id is None:
        return
    has_children = Criterion.objects.filter(parent_id=criterion_id).exists()
    Criterion.objects.filter(pk=criterion_id).update(is_leaf=not has_children)


@transaction.atomic
def node_save(
    *,
    actor,
    criteria_set: CriteriaSet,
    criterion: Criterion | None = None,
    code: str,
    name: str,
    max_score: Decimal,
    method: str = Method.POINTS,
    part: str | None = None,
    thresholds: str = "",
    figure_unit: str = "%",
    guide: str = "",
    evidence_required: bool = False,
    allow_not_applicable: bool = False,
    measure_code: str = "",
) -> Criterion:
    """Add or change one node of a draft set; the parent is found from the code ('1.2.3' under '1.2')."""
    _check_manage(actor, criteria_set.organiser)
    _check_editable(criteria_set)
    code = (code or "").strip().rstrip(".")
    if not code or any(not seg for seg in code.split(".")):
        raise DomainError("Mã tiêu chí không hợp lệ (ví dụ 1, 1.2, 1.2.3, S1).", field="code")
    if not nfc(name):
        raise DomainError("Nội dung không được để trống.", field="name")
    if max_score is None or max_score < 0:
        raise DomainError(f"Mục {code}: điểm tối đa không hợp lệ.", field="max_score")
    if method not in Method.values:
        raise DomainError(f"Mục {code}: phương pháp chấm không hợp lệ.", field="method")
    siblings = criteria_set.criteria.filter(code=code)
    if criterion is not None:
        siblings = siblings.exclude(pk=criterion.pk)
        if criterion.code != code and criterion.children.exists():
            raise DomainError(
                f"Mục {criterion.code} có mục con nên không đổi mã được.", field="code"
            )
    if siblings.exists():
        raise DomainError(f"Mã {code} đã có trong bộ chỉ số.", field="code")
    pc = parent_code(code)
    parent = None
    if pc:
        parent = criteria_set.criteria.filter(code=pc).first()
        if parent is None:
            raise DomainError(
                f"Mục {code}: chưa có mục cha {pc}; hãy thêm mục {pc} trước.", field="code"
            )
        part = parent.part
    part = part or (Part.SURVEY if method == Method.SURVEY else Part.APPRAISED)
    check_measure(code, method, measure_code)
    try:
        rows = parse_thresholds(thresholds) if method == Method.THRESHOLD else []
    except ValueError as exc:
        raise DomainError(
            f"Mục {code}: ngưỡng “{exc}” không đúng dạng “mức:điểm”.", field="thresholds"
        )
    for r in rows:
        if r.score > max_score:
            raise DomainError(
                f"Mục {code}: ngưỡng ≥ {vn(r.min_value)} cho {vn(r.score)} điểm, vượt điểm tối đa {vn(max_score)}.",
                field="thresholds",
            )
    before = audit.snapshot(criterion) if criterion else None
    old_parent_id = criterion.parent_id if criterion else None
    obj = criterion or Criterion(criteria_set=criteria_set)
    obj.parent = parent
    obj.code, obj.sort_key, obj.area_code, obj.level = (
        code,
        sort_key(code),
        code.split(".")[0],
        code.count(".") + 1,
    )
    obj.name, obj.max_score, obj.method, obj.part = nfc(name), max_score, method, part
    obj.figure_unit, obj.guide = figure_unit or "", guide or ""
    obj.evidence_required, obj.allow_not_applicable = evidence_required, allow_not_applicable
    obj.measure_code = measure_code or ""
    if criterion is None:
        obj.is_leaf = True
    obj.save()
    obj.thresholds.all().delete()
    Threshold.objects.bulk_create(
        [Threshold(criterion=obj, min_value=r.min_value, score=r.score) for r in rows]
    )
    _refresh_leaf(obj.parent_id)
    if old_parent_id != obj.parent_id:
        _refresh_leaf(old_parent_id)
    audit.record(
        actor=actor,
        action="criterion.save",
        obj=obj,
        before=before,
        after={**audit.snapshot(obj), "thresholds": thresholds},
        unit_path=criteria_set.organiser.path,
    )
    return obj


@transaction.atomic
def node_delete(*, actor, criterion: Criterion) -> None:
    """Remove a node of a draft set with everything below it."""
    cs = criterion.criteria_set
    _check_manage(actor, cs.organiser)
    _check_editable(cs)
    before = audit.snapshot(criterion)
    parent_id = criterion.parent_id
    criterion.delete()
    _refresh_leaf(parent_id)
    audit.record(
        actor=actor,
        action="criterion.delete",
        model="par.criterion",
        object_id=before["id"],
        object_repr=f"{before['code']}. {before['name']}"[:300],
        before=before,
        unit_path=cs.organiser.path,
    )


@transaction.atomic
def bands_set(*, actor, criteria_set: CriteriaSet, bands: list[tuple[str, Decimal]]) -> None:
    """Replace the bands of a draft set; names unique, lower bounds distinct, one band starting at 0."""
    _check_manage(actor, criteria_set.organiser)
    _check_editable(criteria_set)
    cleaned = [(nfc(n), lo) for n, lo in bands if nfc(n)]
    if not cleaned:
        raise DomainError("Cần ít nhất một mức xếp loại.", field="bands")
    names = [fold(n) for n, _ in cleaned]
    if len(set(names)) != len(names):
        raise DomainError("Tên các mức xếp loại bị trùng.", field="bands")
    bounds = [lo for _, lo in cleaned]
    if len(set(bounds)) != len(bounds):
        raise DomainError("Hai mức xếp loại có cùng điểm bắt đầu.", field="bands")
    if any(lo < 0 or lo > 100 for lo in bounds):
        raise DomainError("Điểm bắt đầu của mức xếp loại phải từ 0 đến 100.", field="bands")
    if min(bounds) != 0:
        raise DomainError("Mức xếp loại thấp nhất phải bắt đầu từ 0.", field="bands")
    before = _bands_of(criteria_set)
    _set_bands(criteria_set, sorted(cleaned, key=lambda b: b[1], reverse=True))
    audit.record(
        actor=actor,
        action="criteria_set.bands",
        obj=criteria_set,
        before={"bands": [[n, str(lo)] for n, lo in before]},
        after={"bands": [[n, str(lo)] for n, lo in cleaned]},
        unit_path=criteria_set.organiser.path,
    )


@transaction.atomic
def set_delete(*, actor, criteria_set: CriteriaSet) -> None:
    """Delete a draft set no assessment uses."""
    _check_manage(actor, criteria_set.organiser)
    _check_editable(criteria_set)
    if Assessment.objects.filter(criteria_set=criteria_set).exists():
        raise DomainError("Bộ chỉ số đã được dùng trong đợt đánh giá nên không xóa được.")
    before = audit.snapshot(criteria_set)
    previous_id = criteria_set.previous_id if not criteria_set.is_current else None
    criteria_set.delete()
    audit.record(
        actor=actor,
        action="criteria_set.delete",
        model="par.criteriaset",
        object_id=before["id"],
        object_repr=before["name"],
        before=before,
        unit_path=criteria_set.organiser.path,
        note=f"phiên bản trước: {previous_id}" if previous_id else "",
    )


@transaction.atomic
def set_new_version(*, actor, criteria_set: CriteriaSet) -> CriteriaSet:
    """A draft copy (version + 1) of a frozen set, to be edited and then issued in its place."""
    _check_manage(actor, criteria_set.organiser)
    if criteria_set.status != SetStatus.FROZEN:
        raise DomainError("Bộ chỉ số chưa khóa; hãy sửa trực tiếp.")
    pending = CriteriaSet.objects.filter(
        previous=criteria_set, status=SetStatus.DRAFT, is_current=False
    ).first()
    if pending is not None:
        raise DomainError(f"Đã có phiên bản {pending.version} đang soạn cho bộ chỉ số này.")
    last = (
        CriteriaSet.objects.filter(
            organiser=criteria_set.organiser,
            year=criteria_set.year,
            bloc_code=criteria_set.bloc_code,
        )
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
    )
    cs = CriteriaSet.objects.create(
        organiser=criteria_set.organiser,
        year=criteria_set.year,
        bloc_code=criteria_set.bloc_code,
        name=criteria_set.name,
        version=(last or criteria_set.version) + 1,
        previous=criteria_set,
        is_current=False,
        appraised_max=criteria_set.appraised_max,
        survey_max=criteria_set.survey_max,
        is_illustrative=criteria_set.is_illustrative,
        basis=criteria_set.basis,
        created_by=user_or_none(actor),
    )
    _set_bands(cs, _bands_of(criteria_set))
    _create_nodes(cs, set_nodes(criteria_set))
    audit.record(
        actor=actor,
        action="criteria_set.new_version",
        obj=cs,
        after={"previous": criteria_set.pk, "version": cs.version},
        unit_path=cs.organiser.path,
    )
    return cs


@transaction.atomic
def set_issue(*, actor, criteria_set: CriteriaSet) -> int:
    """Make a new version the current one; assessments of open rounds move to it (answers kept by code).

    Returns the number of assessments moved. Answers of codes that no longer exist are dropped and named in
    the audit record.
    """
    cs = criteria_set
    _check_manage(actor, cs.organiser)
    if cs.is_current:
        raise DomainError("Phiên bản này đang được áp dụng.")
    errors = set_errors(cs)
    if errors:
        raise DomainError("Bộ chỉ số chưa hợp lệ:\n" + "\n".join(errors))
    old = CriteriaSet.objects.filter(
        organiser=cs.organiser, year=cs.year, bloc_code=cs.bloc_code, is_current=True
    ).first()
    if old is not None:
        CriteriaSet.objects.filter(pk=old.pk).update(is_current=False)
    cs.is_current = True
    cs.save(update_fields=["is_current"])
    moved = 0
    dropped: set[str] = set()
    if old is not None:
        assessments = list(
            Assessment.objects.filter(criteria_set=old, round__status=RoundStatus.OPEN).exclude(
                status=AssessmentStatus.FINALISED
            )
        )
        if assessments:
            new_leaves = {c.code: c for c in cs.criteria.filter(is_leaf=True)}
            answers = list(
                Answer.objects.filter(assessment__in=assessments).select_related("criterion")
            )
            existing = defaultdict(set)
            keep = []
            for a in answers:
                target = new_leaves.get(a.criterion.code)
                if target is None:
                    dropped.add(a.criterion.code)
                    a.delete()
                    continue
                a.criterion_id = target.pk
                a.version += 1
                existing[a.assessment_id].add(target.code)
                keep.append(a)
            Answer.objects.bulk_update(keep, ["criterion", "version"], batch_size=500)
            Answer.objects.bulk_create(
                [
                    Answer(assessment=a, criterion=c)
                    for a in assessments
                    for code, c in new_leaves.items()
                    if code not in existing[a.pk]
                ]
            )
            Assessment.objects.filter(pk__in=[a.pk for a in assessments]).update(criteria_set=cs)
            moved = len(assessments)
        if old.status == SetStatus.FROZEN:
            SET_FLOW.apply(
                "freeze",
                actor=actor,
                obj=cs,
                changes={"frozen_at": dates.now()},
                unit_path=cs.organiser.path,
                note=f"Thay phiên bản {old.version} đang áp dụng",
            )
    audit.record(
        actor=actor,
        action="criteria_set.issue",
        obj=cs,
        before={"current": old.pk if old else None},
        after={"current": cs.pk, "assessments_moved": moved},
        unit_path=cs.organiser.path,
        note=("Bỏ kết quả các mã không còn: " + ", ".join(sorted(dropped))) if dropped else "",
    )
    return moved
