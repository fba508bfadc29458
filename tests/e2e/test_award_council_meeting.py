"""Journey: the standing office of xã Khúc Thừa Dụ runs its council's meeting on the demo day: opens it, records
one member absent with a written opinion, enters the secret ballot's count, closes it; one nominee passes, the
other fails, and both records are registered."""

from playwright.sync_api import expect

from cchc.awards.models import Meeting


def test_a_council_meeting_from_opening_to_its_records(page, login, shot):
    page.on("dialog", lambda dialog: dialog.accept())
    login("khucthuadu")
    page.goto(page.base_url + "/khen-thuong/hoi-dong/")
    page.click("text=Hội đồng Thi đua - Khen thưởng xã Khúc Thừa Dụ")
    expect(page.locator("#member-table tbody tr")).to_have_count(7)
    shot("award-council-detail")
    page.click("#meeting-table a")
    expect(page.locator("#meeting-status")).to_have_text("Đã triệu tập")
    page.click("[data-transition=open] button")
    expect(page.locator("#meeting-status")).to_have_text("Đang họp")

    # The last member is away and sends a written opinion.
    last = page.locator("#attendance-table tbody tr").last
    last.locator("input[type=checkbox]").uncheck()
    last.locator("textarea").fill("Đi công tác; đồng ý đề nghị khen thưởng cả hai cá nhân.")
    page.click("#attendance-form button[type=submit]")
    expect(page.locator("#quorum")).to_contain_text(
        "Có mặt 6/7 thành viên (và 1 ý kiến bằng văn bản)"
    )

    page.click("#vote-link")
    rows = page.locator("#tally-table tbody tr")
    expect(rows).to_have_count(2)
    for row, (agree, disagree) in zip([rows.nth(0), rows.nth(1)], [(6, 1), (2, 5)], strict=True):
        for key, value in {
            "issued": 7,
            "returned": 7,
            "invalid": 0,
            "agree": agree,
            "disagree": disagree,
            "lower": 0,
            "abstain": 0,
        }.items():
            row.locator(f"input[name^={key}-]").fill(str(value))
    shot("award-meeting-vote")
    page.click("#vote-form button[type=submit]")
    expect(page.locator("#result-table [data-outcome]")).to_have_count(2)
    page.click("[data-transition=close] button")
    expect(page.locator("#meeting-status")).to_have_text("Đã kết thúc, có biên bản")
    expect(page.locator("#result-table [data-outcome=passed]")).to_have_count(1)
    expect(page.locator("#result-table [data-outcome=failed]")).to_have_count(1)
    shot("award-meeting-closed")
    meeting = Meeting.objects.get(council__unit__short_name="Khúc Thừa Dụ")
    assert meeting.minutes_id and meeting.tally_record_id
    assert sorted(meeting.items.values_list("nomination__status", flat=True)) == [
        "failed",
        "passed",
    ]


def test_the_citys_open_ballot_shows_each_members_choice_once_closed(page, login, shot):
    login("snv")
    meeting = Meeting.objects.get(council__unit__parent__isnull=True, year=2026)
    page.goto(f"{page.base_url}/khen-thuong/phien-hop/{meeting.pk}/bieu-quyet/")
    expect(page.locator("#vote-table tbody tr")).to_have_count(9)
    expect(page.locator("#vote-table select").first).to_be_disabled()
    expect(page.locator("#vote-table select").first).to_have_value("agree")
    shot("award-meeting-open-ballot")
    page.goto(f"{page.base_url}/khen-thuong/phien-hop/{meeting.pk}/")
    expect(page.locator("#result-table [data-outcome=passed]")).to_have_count(2)
