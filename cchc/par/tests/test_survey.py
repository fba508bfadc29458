"""Survey scores imported from Excel or entered: all or nothing, bad rows named."""

from decimal import Decimal as D

import pytest

from cchc.core.errors import DomainError, PermissionDenied
from cchc.par import survey_services
from cchc.par.choices import Method
from cchc.par.models import Answer
from cchc.par.tests.conftest import xlsx

pytestmark = pytest.mark.django_db

HEADER = ["Mã đơn vị", "Đơn vị", "S1", "S2"]


def survey_scores(round_):
    return list(
        Answer.objects.filter(
            assessment__round=round_, criterion__method=Method.SURVEY, appraised_score__isnull=False
        )
    )


def test_a_survey_file_sets_every_units_scores(fresh_round, demo):
    lc, ktd = demo.level("Lê Chân"), demo.level("Khúc Thừa Dụ")
    data = xlsx([HEADER, [lc.code, lc.name, "18,5", 9], ["", "Xã Khúc Thừa Dụ", 17, "8.75"]])
    assert (
        survey_services.survey_import(
            actor=demo.user("snv"), round_=fresh_round, filename="dtxhh.xlsx", data=data
        )
        == 2
    )
    got = {
        (a.assessment.unit.short_name, a.criterion.code): a.appraised_score
        for a in Answer.objects.filter(
            assessment__round=fresh_round,
            criterion__method=Method.SURVEY,
            appraised_score__isnull=False,
        ).select_related("assessment__unit", "criterion")
    }
    assert got == {
        ("Lê Chân", "S1"): D("18.5"),
        ("Lê Chân", "S2"): D("9"),
        ("Khúc Thừa Dụ", "S1"): D("17"),
        ("Khúc Thừa Dụ", "S2"): D("8.75"),
    }
    assert ktd


def test_a_survey_file_with_a_missing_unit_or_a_non_numeric_score_is_refused_whole_naming_the_rows(
    fresh_round, demo
):
    lc = demo.level("Lê Chân")
    data = xlsx(
        [
            HEADER,
            [lc.code, lc.name, 18, 9],
            ["", "Phường Không Có", 17, 8],
            ["", "Xã Khúc Thừa Dụ", "mười bảy", 8],
            ["", "Phường Lê Thanh Nghị", 25, 8],
        ]
    )
    with pytest.raises(DomainError) as exc:
        survey_services.survey_import(
            actor=demo.user("snv"), round_=fresh_round, filename="dtxhh.xlsx", data=data
        )
    message = exc.value.message
    assert exc.value.rows == [3, 4, 5]
    assert "chưa có điểm nào được lưu" in message
    assert "Dòng 3: không có đơn vị “Phường Không Có” trong đợt đánh giá" in message
    assert "Dòng 4: điểm S1 “mười bảy” không phải số" in message
    assert "Dòng 5: điểm S1 25,00 ngoài khoảng 0 – 20,00" in message
    assert survey_scores(fresh_round) == []


def test_a_survey_file_without_the_item_columns_is_refused(fresh_round, demo):
    data = xlsx([["Đơn vị", "Điểm"], ["Phường Lê Chân", 27]])
    preview = survey_services.survey_import_preview(
        actor=demo.user("snv"), round_=fresh_round, filename="x.xlsx", data=data
    )
    assert not preview.ok
    assert preview.errors and "S1" in preview.errors[0]


def test_only_the_standing_agency_enters_survey_scores(fresh_round, demo):
    a = fresh_round.assessments.get(unit=demo.level("Lê Chân"))
    with pytest.raises(PermissionDenied):
        survey_services.survey_set(
            actor=demo.user("lechan"), round_=fresh_round, scores={a.pk: {"S1": D("20")}}
        )
    with pytest.raises(DomainError) as exc:
        survey_services.survey_set(
            actor=demo.user("snv"), round_=fresh_round, scores={a.pk: {"S1": D("21"), "S2": D("5")}}
        )
    assert "Phường Lê Chân: điểm S1 21,00 ngoài khoảng 0 – 20,00" in exc.value.message
    assert survey_scores(fresh_round) == []
    survey_services.survey_set(
        actor=demo.user("snv"), round_=fresh_round, scores={a.pk: {"S1": D("19.5"), "S2": None}}
    )
    assert [s.appraised_score for s in survey_scores(fresh_round)] == [D("19.5")]


def test_the_commands_import_a_survey_file_and_compute_results(fresh_round, demo, tmp_path):
    from django.core.management import CommandError, call_command

    lc = demo.level("Lê Chân")
    good = tmp_path / "dtxhh.xlsx"
    good.write_bytes(xlsx([HEADER, [lc.code, lc.name, 18, 9]]))
    call_command("par_survey_import", "2027", str(good))
    assert len(survey_scores(fresh_round)) == 2
    bad = tmp_path / "loi.xlsx"
    bad.write_bytes(xlsx([HEADER, ["", "Phường Không Có", 18, 9]]))
    with pytest.raises(CommandError, match="Dòng 2: không có đơn vị"):
        call_command("par_survey_import", "2027", str(bad))
    call_command("par_results", "2027")
    with pytest.raises(CommandError, match="Chưa có hồ sơ nào được chốt"):
        call_command("par_results", "2027", "--cong-bo")
