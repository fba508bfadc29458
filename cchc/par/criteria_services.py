"""Writes to criteria sets: create, clone, edit nodes and bands, import from Excel, versions once frozen.

A set is edited in place while it is a draft. Once a round using it opens it is frozen: changes go to a new
version (a draft copy), which replaces the frozen one when issued; assessments of open rounds then move to
the new version, answers carried over by criterion code.
"""

import io
from collections import defaultdict
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from cchc.core import audit, tabular
from cchc.core.errors import DomainError, PermissionDenied
from cchc.core.scope import user_or_none
from cchc.core.text import fold, nfc
from cchc.orgs.choices import BlocCode
from cchc.par import policies
from cchc.par.choices import AssessmentStatus, Method, Part, RoundStatus, SetStatus
from cchc.par.models import Answer, Assessment, Band, CriteriaSet, Criterion, Threshold
from cchc.par.scoring import (
    Node,
    ThresholdRow,
    parent_code,
    parse_number,
    parse_thresholds,
    sort_key,
    validate_tree,
    vn,
)

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


def _bloc_label(code: str) -> str:
    return dict(BlocCode.choices).get(code, code)


def set_nodes(cs: CriteriaSet) -> list[Node]:
    """The tree of a set as the pure checks see it (two queries)."""
    rows = list(cs.criteria.order_by("sort_key"))
    thresholds = defaultdict(list)
    for t in Threshold.objects.filter(criterion__criteria_set=cs):
        thresholds[t.criterion_id].append(ThresholdRow(t.min_value, t.score))
    return [
        Node(
            code=c.code,
            name=c.name,
            max_score=c.max_score,
            part=c.part,
            method=c.method,
            thresholds=thresholds[c.pk],
            guide=c.guide,
            evidence_required=c.evidence_required,
            allow_not_applicable=c.allow_not_applicable,
            figure_unit=c.figure_unit,
        )
        for c in rows
    ]


def set_errors(cs: CriteriaSet) -> list[str]:
    """Why the set is not valid yet (empty when valid)."""
    return validate_tree(set_nodes(cs), appraised_max=cs.appraised_max, survey_max=cs.survey_max)


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
            cs.status, cs.frozen_at = SetStatus.FROZEN, timezone.now()
            cs.save(update_fields=["status", "frozen_at"])
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


# Excel -------------------------------------------------------------------------------------------


def _method_of(text: str, part: str | None) -> str | None:
    key = fold(text)
    if not key:
        return Method.SURVEY if part == Part.SURVEY else Method.POINTS
    for value, label in Method.choices:
        if key in {fold(value), fold(label)}:
            return value
    synonyms = {
        "cham diem": Method.POINTS,
        "diem": Method.POINTS,
        "co/khong": Method.YES_NO,
        "co / khong": Method.YES_NO,
        "dat/khong dat": Method.YES_NO,
        "nguong": Method.THRESHOLD,
        "theo nguong": Method.THRESHOLD,
        "dieu tra": Method.SURVEY,
    }
    return synonyms.get(key)


def _part_of(text: str) -> str | None:
    key = fold(text)
    if not key:
        return None
    if key.startswith("dieu tra") or key == "survey":
        return Part.SURVEY
    if key.startswith("tham dinh") or key == "appraised":
        return Part.APPRAISED
    return "?"


def _flag(text: str) -> bool:
    return fold(text) in {"co", "x", "1", "yes", "true", "bat buoc", "dung"}


def _read_bands(data: bytes) -> list[tuple[str, Decimal]] | None:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        return None
    if BAND_SHEET not in wb.sheetnames:
        return None
    bands = []
    for row in list(wb[BAND_SHEET].iter_rows(values_only=True))[1:]:
        if not row or row[0] in (None, ""):
            continue
        try:
            lo = parse_number(row[1])
        except (ValueError, IndexError):
            raise DomainError(
                f"Trang “{BAND_SHEET}”: điểm bắt đầu của mức “{row[0]}” không phải số."
            )
        bands.append((nfc(str(row[0])), lo or Decimal("0")))
    return bands or None


def parse_set_file(
    filename: str, data: bytes
) -> tuple[list[Node], list[tuple[str, Decimal]] | None]:
    """Nodes (and bands when the workbook has a “Xếp loại” sheet) of an Excel criteria set; errors name rows."""
    table = tabular.read_table(filename, data, SET_COLUMNS, required=["code", "name", "max_score"])
    nodes: list[Node] = []
    errors: list[str] = []
    bad_rows: list[int] = []
    parts: dict[str, str] = {}
    for number, v in table.rows:
        row_errors = []
        code = v.get("code", "").strip().rstrip(".")
        if not code:
            row_errors.append("thiếu mã")
        try:
            max_score = parse_number(v.get("max_score"))
            if max_score is None:
                row_errors.append("thiếu điểm tối đa")
        except ValueError:
            max_score = None
            row_errors.append(f"điểm tối đa “{v.get('max_score')}” không phải số")
        part = _part_of(v.get("part", ""))
        if part == "?":
            row_errors.append(
                f"phần “{v.get('part')}” không hợp lệ (Thẩm định hoặc Điều tra xã hội học)"
            )
            part = None
        pc = parent_code(code) if code else None
        part = part or (parts.get(pc) if pc else None)
        method = _method_of(v.get("method", ""), part)
        if method is None:
            row_errors.append(f"phương pháp chấm “{v.get('method')}” không hợp lệ")
            method = Method.POINTS
        part = part or (Part.SURVEY if method == Method.SURVEY else Part.APPRAISED)
        parts[code] = part
        try:
            thresholds = (
                parse_thresholds(v.get("thresholds", "")) if method == Method.THRESHOLD else []
            )
        except ValueError as exc:
            thresholds = []
            row_errors.append(f"ngưỡng “{exc}” không đúng dạng “mức:điểm”")
        if row_errors:
            errors.append(f"Dòng {number}: " + "; ".join(row_errors) + ".")
            bad_rows.append(number)
            continue
        nodes.append(
            Node(
                code=code,
                name=nfc(v.get("name", "")),
                max_score=max_score,
                part=part,
                method=method,
                thresholds=thresholds,
                guide=v.get("guide", ""),
                evidence_required=_flag(v.get("evidence_required", "")),
                allow_not_applicable=_flag(v.get("allow_not_applicable", "")),
                figure_unit=v.get("figure_unit", "") or ("%" if method == Method.THRESHOLD else ""),
                row=number,
            )
        )
    if errors:
        raise DomainError(
            "Tệp có dòng lỗi; chưa có dữ liệu nào được lưu.\n" + "\n".join(errors), rows=bad_rows
        )
    if not nodes:
        raise DomainError("Tệp không có dòng tiêu chí nào.")
    return nodes, _read_bands(data)


@transaction.atomic
def set_import(
    *,
    actor,
    organiser,
    year: int,
    bloc_code: str,
    name: str,
    appraised_max: Decimal,
    survey_max: Decimal,
    filename: str,
    data: bytes,
    replace: CriteriaSet | None = None,
) -> CriteriaSet:
    """A set from an Excel file (new, or replacing the tree of a draft set); any error refuses the whole file."""
    _check_manage(actor, organiser)
    nodes, bands = parse_set_file(filename, data)
    errors = validate_tree(nodes, appraised_max=appraised_max, survey_max=survey_max)
    if errors:
        raise DomainError(
            "Bộ chỉ số trong tệp chưa hợp lệ; chưa có dữ liệu nào được lưu.\n" + "\n".join(errors)
        )
    if replace is not None:
        _check_editable(replace)
        if Assessment.objects.filter(criteria_set=replace).exists():
            raise DomainError("Bộ chỉ số đã được dùng trong đợt đánh giá; hãy tạo phiên bản mới.")
        replace.criteria.all().delete()
        replace.name, replace.appraised_max, replace.survey_max = (
            nfc(name) or replace.name,
            appraised_max,
            survey_max,
        )
        replace.save()
        if bands:
            _set_bands(replace, bands)
        _create_nodes(replace, nodes)
        cs = replace
    else:
        cs = set_create(
            actor=actor,
            organiser=organiser,
            year=year,
            bloc_code=bloc_code,
            name=name,
            appraised_max=appraised_max,
            survey_max=survey_max,
            bands=bands,
            nodes=nodes,
            audit_it=False,
        )
    audit.record(
        actor=actor,
        action="criteria_set.import",
        obj=cs,
        after={"file": filename, "nodes": len(nodes), "replace": replace is not None},
        unit_path=organiser.path,
    )
    return cs
