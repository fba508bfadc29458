"""Generated hostile query strings over every GET page and GET API route: never a 500.

As the city's standing agency (`snv`), every page of the scope registry that answers GET (lists, details, forms,
Excel files) is opened with every query parameter name a list of the project filters on, plus the common ones,
all set at once to one hostile value (huge and negative integers, year 99999, text, a bad date, long Unicode).
Every GET API route is called once per query parameter it declares in the OpenAPI schema and per hostile value.
Pages must answer (200, a redirect, 403/404); the API answers 400 with a Vietnamese `detail` when it refuses.
"""

import importlib

import pytest
from django.test import Client
from django.urls import reverse

from cchc.core import listing
from tests.scope_registry import APIS, OWN, PAGES, Demo
from tests.test_scope_walk import api_module_installed, api_routes, module_installed

pytestmark = pytest.mark.django_db

HOSTILE = [
    "99999999999999999999",
    "-99999999999999999999",
    "99999",
    "nan",
    "31/02/2026",
    "ắ" * 300,
]

# Pages get every name at once, so fewer values keep the walk fast; "nan" and the bad date go to the API.
PAGE_HOSTILE = [HOSTILE[0], HOSTILE[1], HOSTILE[2], HOSTILE[5]]

COMMON = [
    "year",
    "plan",
    "unit",
    "bloc",
    "page",
    "sort",
    "q",
    "due_within",
    "round",
    "status",
    "kind",
    "ky",
    "level",
    "by",
    "cha",
    "export",
    "limit",
    "offset",
]

# Modules holding list specifications (listing.ListSpec) of the pages.
SPEC_MODULES = [
    "cchc.core.views",
    "cchc.orgs.views",
    "cchc.registry.views",
    "cchc.plans.views_tasks",
    "cchc.par.views_rounds",
    "cchc.notifications.views",
    "cchc.emulation.lists",
    "cchc.initiatives.views",
]


def filter_names() -> list[str]:
    """Every filter key of every list specification, plus the common parameter names."""
    names = set(COMMON)
    for module_name in SPEC_MODULES:
        module = importlib.import_module(module_name)
        for value in vars(module).values():
            if isinstance(value, listing.ListSpec):
                names.update(f.key for f in value.filters)
    return sorted(names)


def api_parameters(path: str) -> list[str]:
    from config.api import api

    operation = api.get_openapi_schema()["paths"][path]["get"]
    names = [p["name"] for p in operation.get("parameters", []) if p.get("in") == "query"]
    return sorted(set(names) | {"year", "page", "limit", "offset"})


GET_PAGES = sorted(
    name for name, entry in PAGES.items() if entry.kind in ("page", "form", "personal")
)
GET_APIS = sorted(key for key in APIS if key.startswith("GET "))


@pytest.fixture(scope="module")
def snv(django_db_blocker):
    with django_db_blocker.unblock():
        demo = Demo()
        client = Client()
        client.force_login(demo.user("snv"))
        yield demo, client


def test_the_hostile_walk_knows_the_filters_of_the_lists():
    names = filter_names()
    assert {"plan", "year", "due_within", "q"} <= set(names)


@pytest.mark.parametrize("name", GET_PAGES)
def test_no_page_answers_500_to_hostile_query_strings(name, snv):
    demo, client = snv
    if not module_installed(name):
        pytest.skip(f"{name} is not installed")
    url = reverse(name, kwargs=PAGES[name].build(demo, OWN))
    names = filter_names()
    failures = []
    tries = [(v, "") for v in PAGE_HOSTILE] + [(HOSTILE[0], "xlsx"), (HOSTILE[2], "xlsx")]
    for value, export in tries:
        params = {n: value for n in names}
        params["export"] = export
        status = client.get(url, params).status_code
        if status >= 500:
            failures.append(f"{value[:20]!r} export={export!r} → {status}")
    assert not failures, f"GET {url}: {failures}"


@pytest.mark.parametrize("key", GET_APIS)
def test_no_api_route_answers_500_to_hostile_query_strings(key, snv):
    demo, client = snv
    if not api_module_installed(key):
        pytest.skip(f"{key} is not installed")
    path = key.split(" ", 1)[1]
    url = path.format(**APIS[key].build(demo, OWN))
    assert path in api_routes()
    failures = []
    for n in api_parameters(path):
        for value in HOSTILE:
            response = client.get(url, {n: value})
            if response.status_code >= 500:
                failures.append(f"{n}={value[:20]!r} → {response.status_code}")
            elif response.status_code == 400:
                detail = response.json()["detail"]
                if not (isinstance(detail, str) and detail):
                    failures.append(f"{n}={value[:20]!r}: detail {detail!r}")
    assert not failures, f"GET {url}: {failures}"


def test_the_reproductions_of_the_issue_answer_with_a_message(snv):
    demo, client = snv
    from cchc.plans.models import Plan

    plan = Plan.objects.order_by("pk").first()
    response = client.get(f"/api/plans/{plan.pk}/tasks", {"due_within": "3000000"})
    assert response.status_code == 400
    assert "ngày" in response.json()["detail"]
    for url, params in [
        ("/nhiem-vu/danh-sach/", {"plan": "99999999999999999999"}),
        ("/van-ban/", {"year": "99999"}),
        ("/bao-cao/tong-hop/", {"year": "99999"}),
        ("/bao-cao/", {"year": "99999999999999999999"}),
    ]:
        response = client.get(url, params, follow=True)
        assert response.status_code == 200, url
        text = response.content.decode()
        assert "không hợp lệ" in text, url
    response = client.get(reverse("reports:overview_xlsx"), {"year": "99999"})
    assert response.status_code in (200, 302)
