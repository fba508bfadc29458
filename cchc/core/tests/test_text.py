from cchc.core.text import fold


def test_fold_strips_vietnamese_diacritics_and_d_with_stroke():
    assert fold("Lê Chân") == "le chan"
    assert fold("Đặc khu Cát Hải") == "dac khu cat hai"


def test_fold_treats_both_tone_mark_placements_alike():
    assert fold("Phòng Văn hoá – Xã hội") == fold("Phòng Văn hóa - Xã hội")


def test_fold_collapses_spaces_and_lowers_case():
    assert fold("  PHƯỜNG   Lê  Thanh Nghị ") == "phuong le thanh nghi"
    assert fold(None) == ""
