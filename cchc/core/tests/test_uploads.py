from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory

from cchc.core import uploads


def _request():
    request = RequestFactory().post("/")
    request.session = SessionStore()
    return request


def test_a_stashed_file_is_given_back_once_to_the_same_session_and_kind(db):
    request = _request()
    token = uploads.stash(request, kind="orgs-don-vi", filename="ds.csv", data=b"a,b")
    assert uploads.take(request, kind="orgs-ca-nhan", token=token) is None
    assert uploads.take(request, kind="orgs-don-vi", token=token, keep=True) == ("ds.csv", b"a,b")
    assert uploads.take(request, kind="orgs-don-vi", token=token) == ("ds.csv", b"a,b")
    assert uploads.take(request, kind="orgs-don-vi", token=token) is None


def test_another_session_cannot_take_the_file(db):
    token = uploads.stash(_request(), kind="orgs-don-vi", filename="ds.csv", data=b"a,b")
    assert uploads.take(_request(), kind="orgs-don-vi", token=token) is None


def test_a_forged_token_is_refused(db):
    request = _request()
    request.session["pending_uploads"] = {"../../etc": {"kind": "orgs-don-vi", "filename": "x"}}
    assert uploads.take(request, kind="orgs-don-vi", token="../../etc") is None
