"""The list specs of the movement pages (columns, filters, sorting, Excel) for `cchc.core.listing`."""

from __future__ import annotations

from cchc.core import listing
from cchc.emulation.choices import RegistrationStatus, ReportKind, ReportStatus, Timeliness
from cchc.emulation.selectors import REGISTRATION_STATES
from cchc.orgs.choices import BlocCode, UnitKind

BLOC_NAMES = dict(BlocCode.choices)
TIMELINESS = dict(Timeliness.choices)
REGISTRATION_LABELS = dict(REGISTRATION_STATES)


def _year_filter(qs, value):
    return qs.filter(start_year__lte=value, end_year__gte=value) if value.isdigit() else qs


def _with_parent(qs, value):
    return qs.filter(parent__isnull=value != "yes")


def _year_choices(request):
    return [(y, str(y)) for y in range(2030, 2022, -1)]


def due_text(movement) -> str:
    if movement.report_due_day and movement.report_due_month:
        when = f"{movement.report_due_day:02d}/{movement.report_due_month:02d}"
        if movement.report_due_year:
            when += f"/{movement.report_due_year}"
        lead = "Trước ngày" if movement.report_due_before else "Đến hết ngày"
        return f"{lead} {when}" + ("" if movement.report_due_year else " hằng năm")
    return f"{movement.report_due_text or 'Không ghi'} (cần kiểm tra)"


MOVEMENTS = listing.ListSpec(
    title="Phong trào thi đua",
    columns=[
        listing.Column("name", "Tên phong trào", sort="name"),
        listing.Column("unit", "Cấp phát động", accessor="unit.name", sort="unit__name"),
        listing.Column("period", "Giai đoạn", accessor="period_label", sort="start_year,end_year"),
        listing.Column(
            "document",
            "Văn bản",
            accessor=lambda m: m.document.display_number if m.document else "",
            sort="document__number",
        ),
        listing.Column(
            "parent", "Phong trào cấp trên", accessor=lambda m: m.parent.name if m.parent else ""
        ),
        listing.Column("report_due", "Hạn báo cáo hằng năm", accessor=due_text),
        listing.Column("participant_count", "Số đơn vị tham gia", sort="participant_count"),
    ],
    filters=[
        listing.Filter("year", "Năm", choices=_year_choices, apply=_year_filter),
        listing.Filter(
            "level",
            "Cấp phát động",
            choices=[
                (UnitKind.CITY, "Thành phố"),
                (UnitKind.WARD, "Phường"),
                (UnitKind.COMMUNE, "Xã"),
                (UnitKind.SPECIAL_ZONE, "Đặc khu"),
            ],
            lookup="unit__kind",
        ),
        listing.Filter(
            "cascade",
            "Triển khai theo cấp trên",
            choices=[("yes", "Có phong trào cấp trên"), ("no", "Tự phát động")],
            apply=_with_parent,
        ),
    ],
    default_sort="-period",
    export_name="phong-trao-thi-dua",
    search_placeholder="Tìm theo tên phong trào, đơn vị, số văn bản",
)


def _timeliness(qs, value):
    return qs.filter(timeliness=value) if value in TIMELINESS else qs


def _bloc_choices(request):
    return list(BlocCode.choices)


REPORT_BOARD = listing.ListSpec(
    title="Tình hình báo cáo phong trào",
    columns=[
        listing.Column("unit", "Đơn vị", accessor="unit.name", sort="unit__name"),
        listing.Column("bloc", "Khối thi đua", accessor=lambda p: BLOC_NAMES.get(p.bloc_code, "")),
        listing.Column(
            "timeliness",
            "Tình trạng",
            accessor=lambda p: TIMELINESS.get(p.timeliness, ""),
            sort="timeliness",
        ),
        listing.Column("submitted_on", "Ngày nộp", sort="submitted_on"),
        listing.Column(
            "report_status",
            "Trạng thái báo cáo",
            accessor=lambda p: (
                ReportStatus(p.report_status).label if p.report_status else "Chưa lập"
            ),
        ),
    ],
    filters=[
        listing.Filter("status", "Tình trạng", choices=list(Timeliness.choices), apply=_timeliness),
        listing.Filter("bloc", "Khối thi đua", choices=_bloc_choices, lookup="bloc_code"),
    ],
    default_sort="unit",
    page_size=50,
    export_name="tinh-hinh-bao-cao-phong-trao",
    search_placeholder="Tìm theo tên đơn vị",
)


def _registration_state(qs, value):
    return qs.filter(registration_state=value) if value in REGISTRATION_LABELS else qs


REGISTRATION_BOARD = listing.ListSpec(
    title="Tình hình đăng ký thi đua",
    columns=[
        listing.Column("unit", "Đơn vị", accessor="unit.name", sort="unit__name"),
        listing.Column("bloc", "Khối thi đua", accessor=lambda p: BLOC_NAMES.get(p.bloc_code, "")),
        listing.Column(
            "state",
            "Tình trạng đăng ký",
            accessor=lambda p: REGISTRATION_LABELS.get(p.registration_state, ""),
            sort="registration_state",
        ),
        listing.Column("registered_on", "Ngày gửi", sort="registered_on"),
    ],
    filters=[
        listing.Filter(
            "state", "Tình trạng", choices=REGISTRATION_STATES, apply=_registration_state
        ),
        listing.Filter("bloc", "Khối thi đua", choices=_bloc_choices, lookup="bloc_code"),
    ],
    default_sort="unit",
    page_size=50,
    export_name="tinh-hinh-dang-ky-thi-dua",
    search_placeholder="Tìm theo tên đơn vị",
)


def _launched(qs, value):
    return qs.filter(launched=value == "yes") if value in {"yes", "no"} else qs


CASCADE_BOARD = listing.ListSpec(
    title="Triển khai phong trào ở các đơn vị",
    columns=[
        listing.Column("unit", "Đơn vị", accessor="unit.name", sort="unit__name"),
        listing.Column("bloc", "Khối thi đua", accessor=lambda p: BLOC_NAMES.get(p.bloc_code, "")),
        listing.Column(
            "launched",
            "Đã phát động",
            accessor=lambda p: "Đã phát động" if p.launched else "Chưa phát động",
            sort="launched",
        ),
        listing.Column("child_name", "Phong trào của đơn vị"),
        listing.Column("child_number", "Số văn bản"),
        listing.Column("child_issued_on", "Ngày ban hành", sort="child_issued_on"),
    ],
    filters=[
        listing.Filter(
            "launched",
            "Tình trạng",
            choices=[("yes", "Đã phát động"), ("no", "Chưa phát động")],
            apply=_launched,
        ),
        listing.Filter("bloc", "Khối thi đua", choices=_bloc_choices, lookup="bloc_code"),
    ],
    default_sort="unit",
    page_size=50,
    export_name="trien-khai-phong-trao",
    search_placeholder="Tìm theo tên đơn vị",
)


def _year_exact(qs, value):
    return qs.filter(year=value) if value.isdigit() else qs


REGISTRATIONS = listing.ListSpec(
    title="Đăng ký thi đua",
    columns=[
        listing.Column("unit", "Đơn vị", accessor="unit.name", sort="unit__name"),
        listing.Column("movement", "Phong trào", accessor="movement.name", sort="movement__name"),
        listing.Column("year", "Năm", sort="year"),
        listing.Column("status", "Trạng thái", accessor="get_status_display", sort="status"),
        listing.Column("submitted_on", "Ngày gửi", sort="submitted_on"),
    ],
    filters=[
        listing.Filter("year", "Năm", choices=_year_choices, apply=_year_exact),
        listing.Filter("status", "Trạng thái", choices=list(RegistrationStatus.choices)),
    ],
    default_sort="-year",
    export_name="dang-ky-thi-dua",
    search_placeholder="Tìm theo đơn vị, phong trào, năm",
)


REPORTS = listing.ListSpec(
    title="Báo cáo phong trào",
    columns=[
        listing.Column("unit", "Đơn vị", accessor="unit.name", sort="unit__name"),
        listing.Column("movement", "Phong trào", accessor="movement.name", sort="movement__name"),
        listing.Column("year", "Năm", sort="year"),
        listing.Column("kind", "Loại", accessor="get_kind_display", sort="kind"),
        listing.Column("status", "Trạng thái", accessor="get_status_display", sort="status"),
        listing.Column("submitted_on", "Ngày nộp", sort="submitted_on"),
    ],
    filters=[
        listing.Filter("year", "Năm", choices=_year_choices, apply=_year_exact),
        listing.Filter("kind", "Loại báo cáo", choices=list(ReportKind.choices)),
        listing.Filter("status", "Trạng thái", choices=list(ReportStatus.choices)),
    ],
    default_sort="-year",
    export_name="bao-cao-phong-trao",
    search_placeholder="Tìm theo đơn vị, phong trào, năm",
)
