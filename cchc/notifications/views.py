"""The inbox ("Thông báo"): the user's own notifications with filters, search, Excel; mark one or all read."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from cchc.core import listing
from cchc.core.htmx import is_htmx
from cchc.notifications import kinds, schedule, selectors, services


def _read_state(qs, value):
    return qs.filter(read_at__isnull=value == "1") if value in {"0", "1"} else qs


INBOX_SPEC = listing.ListSpec(
    title="Thông báo",
    columns=[
        listing.Column("kind", "Loại", accessor="kind_label", sort="kind"),
        listing.Column("due_on", "Hạn", sort="due_on"),
        listing.Column("text", "Nội dung"),
        listing.Column("created_at", "Ngày tạo", sort="created_at"),
        listing.Column("read_at", "Đã đọc lúc", sort="read_at"),
    ],
    filters=[
        listing.Filter(
            "unread",
            "Tình trạng",
            choices=[("1", "Chưa đọc"), ("0", "Đã đọc")],
            apply=_read_state,
        ),
        listing.Filter("kind", "Loại thông báo", choices=lambda request: kinds.choices()),
    ],
    export_name="thong-bao",
    search_placeholder="Nội dung thông báo",
)


@login_required
@require_safe
def inbox(request):
    jobs = schedule.registered()
    runs = selectors.last_runs(names=[j.name for j in jobs])
    return listing.respond(
        request,
        INBOX_SPEC,
        selectors.inbox(actor=request.user),
        "notifications/notification_list.html",
        {"jobs": [(job, runs.get(job.name)) for job in jobs]},
    )


@login_required
@require_POST
def read(request, pk):
    notification = selectors.notification_get(actor=request.user, pk=pk)
    services.mark_read(actor=request.user, notification=notification)
    if is_htmx(request):
        notification.refresh_from_db()
        return render(request, "notifications/_notification_read.html", {"n": notification})
    return redirect("notifications:inbox")


@login_required
@require_POST
def read_all(request):
    if not selectors.has_any(actor=request.user):
        raise Http404("Bạn chưa có thông báo nào.")
    n = services.mark_read(actor=request.user)
    messages.success(request, f"Đã đánh dấu {n} thông báo là đã đọc.")
    return redirect("notifications:inbox")
