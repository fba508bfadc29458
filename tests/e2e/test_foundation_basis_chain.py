"""lechan opens plan 259/KH-UBND and follows its chain of legal bases down to 282/QĐ-TTg."""

from playwright.sync_api import expect


def test_lechan_opens_the_chain_of_bases_of_259(page, login, shot):
    login("lechan")
    page.click("#mainnav >> text=Văn bản")
    expect(page.locator("h1")).to_contain_text("Sổ đăng ký văn bản")
    shot("foundation-document-list")

    page.fill("#list-q", "259")
    page.click("button:has-text('Lọc')")
    page.click("#document-table >> text=259/KH-UBND")
    expect(page.locator("h1")).to_contain_text("259/KH-UBND")
    expect(page.locator("body")).to_contain_text("19/06/2026")
    expect(page.locator("body")).to_contain_text("Phạm Văn Tân")
    shot("foundation-document-detail")

    page.click("text=Chuỗi căn cứ")
    lineage = page.locator("#basis-lineage")
    expect(lineage).to_be_visible()
    steps = lineage.locator(".lineage-number").all_inner_texts()
    assert steps[-4:] == ["282/QĐ-TTg", "478/QĐ-UBND", "2162/QĐ-UBND", "259/KH-UBND"]
    tree = page.locator("#basis-tree")
    for number in ["282/QĐ-TTg", "478/QĐ-UBND", "2162/QĐ-UBND", "194/KH-UBND"]:
        expect(tree).to_contain_text(number)
    shot("foundation-basis-chain")

    tree.locator("a", has_text="2162/QĐ-UBND").first.click()
    expect(page.locator("h1")).to_contain_text("2162/QĐ-UBND")
    expect(page.locator("#basis-tree")).to_contain_text("1478/QĐ-UBND")
