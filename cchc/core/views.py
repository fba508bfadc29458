"""Home page and the audit log browser (read only: the log has no edit or delete page)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_safe

from cchc.core import audit_display, dates, listing, selectors, work
from cchc.core.scope import scope_for


@login_required
@require_safe
def home(request):
    scope = scope_for(request.user)
    sections = work.collect(user=request.user, today=dates.today())
    return render(
        request,
        "core/home.html",
        {
            "scope": scope,
            "roots": selectors.grant_summary(user=request.user),
            "sections": sections,
            "has_work": any(s.total for s in sections),
            "today": dates.today(),
        },
    )


def _on_or_after(qs, value):
    day = dates.parse(value)
    return qs.filter(at__date__gte=day) if day else qs


def _on_or_before(qs, value):
    day = dates.parse(value)
    return qs.filter(at__date__lte=day) if day else qs


AUDIT_SPEC = listing.ListSpec(
    title="Nhật ký thay đổi",
    columns=[
        listing.Column("at", "Thời điểm", sort="at"),
        listing.Column(
            "actor_name", "Người thực hiện", accessor=audit_display.actor_text, sort="actor_name"
        ),
        listing.Column("action", "Thao tác", accessor=audit_display.action_text, sort="action"),
        listing.Column(
            "model",
            "Loại dữ liệu",
            accessor=lambda e: audit_display.model_label(e.model),
            sort="model",
        ),
        listing.Column("object_repr", "Bản ghi", sort="object_repr"),
        listing.Column(
            "changes",
            "Thay đổi (trước → sau)",
            accessor=lambda e: audit_display.changes_text(e, audit_display.Names().want([e])),
        ),
    ],
    filters=[
        listing.Filter("action", "Thao tác", choices=lambda r: selectors.audit_action_choices()),
        listing.Filter("model", "Loại dữ liệu", choices=lambda r: selectors.audit_model_choices()),
        listing.Filter(
            "actor",
            "Người thực hiện",
            choices=lambda r: selectors.audit_actor_choices(),
            lookup="actor_name",
        ),
        listing.Filter("from", "Từ ngày", apply=_on_or_after, placeholder="dd/mm/yyyy"),
        listing.Filter("to", "Đến ngày", apply=_on_or_before, placeholder="dd/mm/yyyy"),
    ],
    default_sort="-at",
    export_name="nhat-ky-thay-doi",
    search_placeholder="Tìm theo người, thao tác, bản ghi",
)


@login_required
@require_safe
def audit_list(request):
    if not scope_for(request.user).is_admin:
        raise PermissionDenied
    qs = selectors.audit_list(actor=request.user)
    if listing.wants_export(request):
        return listing.export(AUDIT_SPEC, qs, request)
    page = listing.paginate(AUDIT_SPEC, qs, request)
    names = audit_display.Names().want(page.rows)
    rows = [
        {
            "entry": entry,
            "actor": audit_display.actor_text(entry),
            "action": audit_display.action_text(entry),
            "model": audit_display.model_label(entry.model),
            "changes": audit_display.changes(entry, names),
        }
        for entry in page.rows
    ]
    return render(request, "core/audit_list.html", {"listing": page, "entries": rows})


def not_found(request, exception=None):
    """Outside the user's scope, or no such page."""
    return render(request, "404.html", status=404)


def forbidden(request, exception=None):
    """Inside the user's scope, but the user's role does not allow it."""
    return render(request, "403.html", status=403)
