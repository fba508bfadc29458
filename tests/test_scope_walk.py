"""Generated scope checks over every URL pattern and every API route, driven by tests/scope_registry.py.

- anonymous: pages redirect to the login page, API routes answer 401;
- `lechan` (standing office of phường Lê Chân) gets 404 on every object of xã Khúc Thừa Dụ, page or API,
  while `khucthuadu` reaches the same objects (so the 404 comes from scope, not from a wrong id);
- the read-only viewer `lechan.xem` reads inside Lê Chân, and every POST is refused without any change: 403,
  since the object is inside the viewer's scope (the rule: outside the scope → 404, inside but not allowed → 403;
  405 only where the page takes no POST at all);
- a URL name or API route missing from the registry fails, naming what to add.
"""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from cchc.core.models import AuditLog
from tests.scope_registry import APIS, OTHER, OWN, PAGES, Demo

LOGIN = "/dang-nhap/"

pytestmark = pytest.mark.django_db


def _route_to_openapi(route: str) -> str:
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)


def url_patterns() -> list[tuple[str | None, str]]:
    """(name with namespaces, route) of every URL pattern of config.urls, recursing into includes."""
    found = []

    def walk(resolver, namespace: str, prefix: str):
        for p in resolver.url_patterns:
            if isinstance(p, URLResolver):
                ns = namespace
                if p.namespace:
                    ns = f"{namespace}:{p.namespace}" if namespace else p.namespace
                walk(p, ns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern):
                name = f"{namespace}:{p.name}" if namespace and p.name else p.name
                found.append((name, prefix + str(p.pattern)))

    walk(get_resolver(), "", "")
    return found


def api_routes() -> dict[str, set[str]]:
    """{"/api/path/{param}": {"GET", ...}} from the OpenAPI schema of config.api.api."""
    from config.api import api

    paths = api.get_openapi_schema()["paths"]
    return {path: {m.upper() for m in ops} for path, ops in paths.items()}


def api_route_keys() -> set[str]:
    return {f"{m} {path}" for path, methods in api_routes().items() for m in methods}


def _namespace(name: str) -> str:
    return name.split(":", 1)[0] if ":" in name else ""


def _api_module(key: str) -> str:
    """The first path segment after /api/ ("units", "parindex"): the module a route belongs to."""
    return key.split(" ", 1)[1].split("/")[2]


def module_installed(name: str) -> bool:
    """Entries of a module whose pages are not in this tree yet (a URL namespace without any URL) are skipped."""
    return _namespace(name) in {_namespace(n) for n, _ in url_patterns() if n}


def api_module_installed(key: str) -> bool:
    return _api_module(key) in {_api_module(k) for k in api_route_keys()}


def page_url(name: str, demo: Demo, where: str) -> str:
    if not module_installed(name):
        pytest.skip(f"the pages of {_namespace(name)!r} are not installed")
    return reverse(name, kwargs=PAGES[name].build(demo, where))


def api_url(key: str, demo: Demo, where: str) -> tuple[str, str]:
    if not api_module_installed(key):
        pytest.skip(f"the API routes of /api/{_api_module(key)} are not installed")
    method, path = key.split(" ", 1)
    return method, path.format(**APIS[key].build(demo, where))


def client_for(demo: Demo, username: str) -> Client:
    c = Client()
    c.force_login(demo.user(username))
    return c


@pytest.fixture
def demo(demo_city):
    return Demo()


def _changes() -> int:
    return AuditLog.objects.count()


# --- The registry covers everything ------------------------------------------------------------


def test_every_url_pattern_has_a_name_and_is_in_the_scope_registry():
    api_paths = set(api_routes())
    unnamed = sorted(route for name, route in url_patterns() if not name)
    missing = sorted(
        {
            name
            for name, route in url_patterns()
            if name and name not in PAGES and _route_to_openapi(route) not in api_paths
        }
    )
    assert not unnamed, f"URL patterns without a name (give each a name): {unnamed}"
    assert not missing, (
        "These URL names are missing from tests/scope_registry.py; add one entry each to the dict of "
        f"their app (how to build the kwargs, the kind of page): {missing}"
    )


def test_every_api_route_is_in_the_scope_registry():
    missing = sorted(api_route_keys() - set(APIS))
    assert not missing, (
        "These API routes are missing from tests/scope_registry.py; add one Api(...) entry each to the API "
        f"dict of their app: {missing}"
    )


def test_the_scope_registry_names_only_urls_and_routes_that_exist():
    names = {name for name, _ in url_patterns() if name}
    stale = sorted(n for n in set(PAGES) - names if module_installed(n))
    assert stale == [], f"Registered URL names that no longer exist: {stale}"
    stale = sorted(k for k in set(APIS) - api_route_keys() if api_module_installed(k))
    assert stale == [], f"Registered API routes that no longer exist: {stale}"


# --- Pages -------------------------------------------------------------------------------------

PRIVATE_PAGES = sorted(name for name, entry in PAGES.items() if entry.kind != "public")
SCOPED_PAGES = sorted(
    name for name, entry in PAGES.items() if entry.kind != "public" and entry.is_scoped
)


@pytest.mark.parametrize("name", PRIVATE_PAGES)
def test_an_anonymous_visitor_is_sent_to_the_login_page(name, demo, client):
    url = page_url(name, demo, OWN)
    for method in ("get", "post"):
        response = getattr(client, method)(url)
        assert response.status_code == 302, f"{method.upper()} {url}"
        assert response["Location"].startswith(LOGIN), (
            f"{method.upper()} {url} → {response['Location']}"
        )


@pytest.mark.parametrize("name", SCOPED_PAGES)
def test_lechan_gets_404_on_every_page_of_khuc_thua_du(name, demo):
    lechan = client_for(demo, "lechan")
    url = page_url(name, demo, OTHER)
    before = _changes()
    entry = PAGES[name]
    if entry.kind in ("page", "form"):
        assert lechan.get(url).status_code == 404, f"GET {url}"
    if entry.kind in ("form", "action"):
        assert lechan.post(url, {"name": "x"}).status_code == 404, f"POST {url}"
    assert _changes() == before


@pytest.mark.parametrize("name", [n for n in SCOPED_PAGES if PAGES[n].kind in ("page", "form")])
def test_the_same_page_opens_for_khuc_thua_du_itself(name, demo):
    """The 404 above comes from scope: the standing office of Khúc Thừa Dụ reaches the same URL."""
    url = page_url(name, demo, OTHER)
    assert client_for(demo, "khucthuadu").get(url).status_code == 200, f"GET {url}"


@pytest.mark.parametrize("name", PRIVATE_PAGES)
def test_the_read_only_viewer_reads_inside_the_ward_and_every_post_is_refused(name, demo):
    viewer = client_for(demo, "lechan.xem")
    url = page_url(name, demo, OWN)
    expected = PAGES[name].viewer_get
    status = viewer.get(url).status_code
    if expected == "ok":
        assert status == 200, f"GET {url}"
    elif expected == "not_allowed":
        assert status == 405, f"GET {url}"
    elif expected == "redirect":
        assert status in {301, 302}, f"GET {url}"
    else:
        assert status == 403, (
            f"GET {url} answered {status}: inside the scope but not allowed is 403"
        )
    if PAGES[name].kind == "personal":
        return  # the viewer's own account: changing their password is theirs to do
    before = _changes()
    status = viewer.post(
        url, {"name": "Tên mới", "full_name": "Người mới", "year": "2026", "on": "01/01/2026"}
    ).status_code
    if PAGES[name].personal:
        # another user's notification is 404; the viewer's own may be marked read
        allowed = {302, 404}
    elif PAGES[name].kind == "redirect":
        allowed = {301, 302, 405}
    elif PAGES[name].kind == "page":
        allowed = {403, 405}
    else:
        allowed = {403}
    assert status in allowed, f"POST {url} answered {status}, expected {sorted(allowed)}"
    assert _changes() == before


# --- API ---------------------------------------------------------------------------------------

PRIVATE_APIS = sorted(key for key, entry in APIS.items() if not entry.public)
SCOPED_APIS = sorted(key for key, entry in APIS.items() if not entry.public and entry.is_scoped)


def _call(client: Client, method: str, url: str, **extra):
    if method == "GET":
        return client.get(url, **extra)
    return client.generic(method, url, data="{}", content_type="application/json", **extra)


@pytest.mark.parametrize("key", PRIVATE_APIS)
def test_the_api_answers_401_without_credentials(key, demo, client):
    method, url = api_url(key, demo, OWN)
    assert _call(client, method, url).status_code == 401
    assert _call(client, method, url, HTTP_AUTHORIZATION="Bearer not-a-token").status_code == 401


@pytest.mark.parametrize("key", SCOPED_APIS)
def test_lechan_gets_404_on_every_api_route_of_khuc_thua_du(key, demo):
    method, url = api_url(key, demo, OTHER)
    assert _call(client_for(demo, "lechan"), method, url).status_code == 404
    assert _call(client_for(demo, "khucthuadu"), method, url).status_code == 200


@pytest.mark.parametrize("key", SCOPED_APIS)
def test_lechan_with_a_bearer_token_gets_404_on_khuc_thua_du_too(key, demo, client):
    token = client.post(
        "/api/auth/token",
        {"username": "lechan", "password": "cchc-demo-2026"},
        content_type="application/json",
    ).json()["token"]
    method, url = api_url(key, demo, OTHER)
    assert _call(Client(), method, url, HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 404
    method, url = api_url(key, demo, OWN)
    assert _call(Client(), method, url, HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200


@pytest.mark.parametrize("key", PRIVATE_APIS)
def test_the_read_only_viewer_reads_the_api_and_cannot_write_through_it(key, demo):
    method, url = api_url(key, demo, OWN)
    viewer = client_for(demo, "lechan.xem")
    before = _changes()
    status = _call(viewer, method, url).status_code
    if method == "GET":
        assert status == 200
    elif APIS[key].personal:
        assert status in {204, 404}, f"{method} {url} answered {status}"
    else:
        assert status == 403, (
            f"{method} {url} answered {status}: inside the scope but not allowed is 403"
        )
    assert _changes() == before
