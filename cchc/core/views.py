"""Home page and the audit log browser."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from cchc.core import listing, selectors
from cchc.core.scope import scope_for


@login_required
def home(request):
    scope = scope_for(request.user)
    return render(request, "core/home.html", {"scope": scope, "roots": selectors.grant_summary(user=request.user)})


AUDIT_SPEC = listing.ListSpec(
    title="Nhật ký thay đổi",
    columns=[
        listing.Column("at", "Thời điểm", sort="at"),
        listing.Column("actor_name", "Người thực hiện", sort="actor_name"),
        listing.Column("action", "Thao tác", sort="action"),
        listing.Column("model", "Loại dữ liệu", sort="model"),
        listing.Column("object_repr", "Bản ghi"),
        listing.Column("changes", "Thay đổi", accessor=lambda e: selectors.audit_changes_text(e)),
    ],
    filters=[
        listing.Filter("action", "Thao tác", choices=lambda r: selectors.audit_action_choices()),
        listing.Filter("model", "Loại dữ liệu", choices=lambda r: selectors.audit_model_choices()),
        listing.Filter("actor", "Người thực hiện", lookup="actor_name"),
    ],
    default_sort="-at",
    export_name="nhat-ky-thay-doi",
)


@login_required
def audit_list(request):
    if not scope_for(request.user).is_admin:
        raise Http404
    qs = selectors.audit_list(actor=request.user)
    if listing.wants_export(request):
        return listing.export(AUDIT_SPEC, qs, request)
    page = listing.paginate(AUDIT_SPEC, qs, request)
    return render(request, "core/audit_list.html", {"listing": page})


def not_found(request, exception=None):
    return render(request, "404.html", status=404)
