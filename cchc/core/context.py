"""Navigation shown on every page; modules not yet opened are shown but disabled."""

from django.urls import NoReverseMatch, reverse

MODULES = [
    ("orgs", "Tổ chức", "orgs:unit_list", "bi-diagram-3"),
    ("documents", "Văn bản", "registry:document_list", "bi-journal-text"),
    ("tasks", "Nhiệm vụ CCHC", "plans:plan_list", "bi-list-check"),
    ("par", "Chỉ số CCHC", "par:home", "bi-bar-chart-line"),
    ("movement", "Phong trào", None, "bi-flag"),
    ("awards", "Khen thưởng", None, "bi-award"),
    ("reports", "Báo cáo", "reports:home", "bi-graph-up"),
]


def navigation(request):
    items = []
    path = request.path
    for key, label, url_name, icon in MODULES:
        url = None
        if url_name:
            try:
                url = reverse(url_name)
            except NoReverseMatch:
                url = None
        items.append(
            {
                "key": key,
                "label": label,
                "url": url,
                "icon": icon,
                "active": bool(url) and path.startswith("/" + url.strip("/").split("/")[0] + "/"),
            }
        )
    # Users over many units (the city's standing agency, administrators) open the organisation as a tree.
    from cchc.core.scope import scope_for

    if scope_for(getattr(request, "user", None)).standing_at_top():
        for item in items:
            if item["key"] == "orgs":
                item["url"] = reverse("orgs:unit_tree")
    return {"nav_modules": items}
