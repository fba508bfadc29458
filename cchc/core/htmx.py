"""Small helpers for htmx requests."""


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"
