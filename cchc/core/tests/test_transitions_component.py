"""The shared buttons of workflow moves (templates/components/transitions.html), rendered from options only."""

from django.template.loader import render_to_string
from django.test import RequestFactory

from cchc.core.workflow import Option, Transition


def anyone(user, obj):
    return True


def render(options, **extra) -> str:
    request = RequestFactory().get("/")
    return render_to_string(
        "components/transitions.html", {"options": options, **extra}, request=request
    )


SEND = Transition("send", "Gửi", ["draft"], "sent", anyone, icon="bi-send", confirm="Gửi?")
BACK = Transition("back", "Trả lại", ["sent"], "draft", anyone, reason_required=True)
CLOSE = Transition("close", "Chốt", ["sent"], "closed", anyone, button="success")


def test_an_enabled_move_posts_to_its_url_after_its_confirmation():
    html = render([Option(SEND, enabled=True, url="/x/1/gui/", confirm="Gửi báo cáo?")])
    assert '<form method="post" action="/x/1/gui/" data-confirm="Gửi báo cáo?">' in html
    assert "csrfmiddlewaretoken" in html and 'data-transition="send"' in html
    assert "disabled" not in html


def test_a_move_refused_now_is_a_disabled_button_with_the_reason_as_its_hint():
    html = render([Option(CLOSE, enabled=False, reason="Chưa đến hạn chốt.", url="/x/1/chot/")])
    assert "disabled" in html and "Chưa đến hạn chốt." in html
    assert 'aria-describedby="why-close"' in html and 'id="why-close"' in html
    assert "/x/1/chot/" not in html  # nothing to post


def test_a_move_needing_a_reason_asks_for_it_in_a_required_textarea():
    html = render([Option(BACK, enabled=True, url="/x/1/tra-lai/")])
    assert '<textarea class="form-control" id="note-back" name="note"' in html
    assert "required" in html and 'action="/x/1/tra-lai/"' in html


def test_with_a_form_the_buttons_submit_that_form_to_the_moves_url():
    html = render([Option(SEND, enabled=True, url="/x/1/gui/", confirm="Gửi?")], form="sheet")
    assert 'form="sheet" formaction="/x/1/gui/" data-confirm="Gửi?"' in html
    assert "<form" not in html


def test_no_option_renders_nothing():
    assert render([]).strip() == ""
