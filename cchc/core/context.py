"""Navigation shown on every page; modules not yet opened are shown but disabled."""

from django.urls import NoReverseMatch, Resolver404, resolve, reverse

MODULES = [
    ("orgs", "Tổ chức", "orgs:unit_list", "bi-diagram-3"),
    ("documents", "Văn bản", "registry:document_list", "bi-journal-text"),
    ("tasks", "Nhiệm vụ CCHC", "plans:plan_list", "bi-list-check"),
    ("par", "Chỉ số CCHC", "par:home", "bi-bar-chart-line"),
    ("movement", "Phong trào", "emulation:home", "bi-flag"),
    ("awards", "Khen thưởng", "/khen-thuong/", "bi-award"),
    ("reports", "Báo cáo", "reports:home", "bi-graph-up"),
]
# A module may open a dropdown of its pages: (label, URL name or path, element id). A path ("/sang-kien/") is shown
# only when a page answers there, so a module installed later appears in its place by itself.
CHILDREN: dict[str, list[tuple[str, str, str]]] = {
    "movement": [
        ("Tổng quan phong trào", "emulation:home", "nav-movement-home"),
        ("Phong trào thi đua", "emulation:movement_list", "nav-movements"),
        ("Đăng ký thi đua", "emulation:registration_list", "nav-registrations"),
        ("Báo cáo phong trào", "emulation:report_list", "nav-movement-reports"),
        ("Sáng kiến", "/sang-kien/", "nav-initiatives"),
    ],
    "awards": [
        ("Tổng quan khen thưởng", "/khen-thuong/", "nav-awards-home"),
        ("Chương trình khen thưởng", "/khen-thuong/chuong-trinh/", "nav-award-programmes"),
        ("Đọc quy định khen thưởng", "/khen-thuong/doc-quy-dinh/", "nav-award-reader"),
        ("Hồ sơ đề nghị", "/khen-thuong/ho-so/", "nav-award-dossiers"),
        ("Hội đồng thi đua", "/khen-thuong/hoi-dong/", "nav-award-councils"),
        ("Quyết định khen thưởng", "/khen-thuong/quyet-dinh/", "nav-award-decisions"),
        ("Danh mục, mức tiền thưởng", "/khen-thuong/danh-muc/", "nav-award-catalogue"),
        ("Sổ khen thưởng", "/khen-thuong/so-khen-thuong/", "nav-award-registry"),
        ("Bảng vinh danh", "/vinh-danh/", "nav-honour-board"),
    ],
}


def _url(target: str | None) -> str | None:
    if not target:
        return None
    if target.startswith("/"):
        try:
            resolve(target)
        except Resolver404:
            return None
        return target
    try:
        return reverse(target)
    except NoReverseMatch:
        return None


def _top(url: str) -> str:
    return "/" + url.strip("/").split("/")[0] + "/"


def navigation(request):
    items = []
    path = request.path
    for key, label, url_name, icon in MODULES:
        url = _url(url_name)
        children: list[dict[str, str]] = [
            {"label": child, "url": child_url, "id": element_id}
            for child, target, element_id in CHILDREN.get(key, [])
            if (child_url := _url(target))
        ]
        active = url is not None and path.startswith(_top(url))
        active = active or any(path.startswith(_top(c["url"])) for c in children)
        items.append(
            {
                "key": key,
                "label": label,
                "url": url,
                "icon": icon,
                "active": active,
                "children": children,
            }
        )
    # Users over many units (the city's standing agency, administrators) open the organisation as a tree.
    from cchc.core.scope import scope_for

    if scope_for(getattr(request, "user", None)).standing_at_top():
        for item in items:
            if item["key"] == "orgs":
                item["url"] = reverse("orgs:unit_tree")
    return {"nav_modules": items}
