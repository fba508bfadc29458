"""snv imports Lê Thanh Nghị's plan under phường An Biên by mistake: the preview says the document is another
ward's, "Xác nhận nhập" asks for the explicit choice (in Vietnamese, whatever the browser's language), and the plan
saved anyway is withdrawn from its page. lechan, re-importing a plan already in progress, finds the button disabled.
"""

from pathlib import Path

from django.urls import reverse
from playwright.sync_api import expect

from cchc.orgs.choices import LEVEL_KINDS
from cchc.orgs.models import Unit
from cchc.plans.models import Plan
from cchc.registry.models import Document

SEED = Path(__file__).resolve().parents[2] / "data" / "seeds" / "004_b78bd4a0b75bbdc4.txt"


def seed_file(tmp_path, year: int, ward: str = "Lê Thanh Nghị") -> Path:
    text = (
        SEED.read_text(encoding="utf-8").replace("2026", str(year)).replace("Lê Thanh Nghị", ward)
    )
    path = tmp_path / f"ke-hoach-{year}.txt"
    path.write_text(text, encoding="utf-8")
    return path


def level(short):
    return Unit.objects.get(short_name=short, kind__in=LEVEL_KINDS)


def test_a_plan_of_another_ward_is_flagged_confirmed_on_purpose_and_withdrawn(
    page, login, shot, tmp_path
):
    an_bien = level("An Biên")
    login("snv")
    page.goto(page.base_url + reverse("plans:plan_import"))
    page.select_option("select[name=unit]", str(an_bien.pk))
    page.set_input_files("input[type=file]", str(seed_file(tmp_path, 2028)))
    page.click("button:has-text('Xem trước')")

    warning = page.locator("#issuer-warning")
    expect(warning).to_contain_text(
        "Văn bản do UBND phường Lê Thanh Nghị ban hành, không phải Phường An Biên"
    )
    shot("plan-import-guard-warning")
    page.click(
        "#confirm-import"
    )  # the explicit choice is missing: the browser stops, in Vietnamese
    message = page.eval_on_selector("#accept-issuer", "el => el.validationMessage")
    assert message == "Hãy đánh dấu ô này nếu đúng là kế hoạch của Phường An Biên."
    assert not Plan.objects.filter(unit=an_bien, year=2028).exists()

    page.check("#accept-issuer")
    page.click("#confirm-import")
    page.wait_for_url(lambda url: "nhap-ke-hoach" not in url)
    plan = Plan.objects.get(unit=an_bien, year=2028)
    document_id = plan.document_id

    page.click("#plan-settings-toggle")
    page.fill("#withdraw-reason", "Nhập nhầm đơn vị: kế hoạch của phường Lê Thanh Nghị")
    page.once("dialog", lambda dialog: dialog.accept())
    shot("plan-import-guard-withdraw")
    page.click("#plan-withdraw")
    expect(page.locator(".alert-success")).to_contain_text("Đã rút kế hoạch")
    assert not Plan.objects.filter(pk=plan.pk).exists()
    assert Document.objects.filter(pk=document_id).exists()


def test_reimporting_a_plan_in_progress_shows_the_reason_and_a_disabled_button(
    page, login, shot, tmp_path
):
    login("lechan")
    page.goto(page.base_url + reverse("plans:plan_import"))
    page.set_input_files("input[type=file]", str(seed_file(tmp_path, 2026, ward="Lê Chân")))
    page.click("button:has-text('Xem trước')")
    expect(page.locator("#import-errors")).to_contain_text("đã có báo cáo tiến độ")
    expect(page.locator("#confirm-import")).to_be_disabled()
    expect(page.locator(".alert-danger")).to_have_count(1)
    shot("plan-import-guard-blocked")
