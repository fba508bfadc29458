"""Demo PAR Index: illustrative criteria sets, published results of the three years before the open round for every
ranked unit, and the open round (for the demo day 15/04/2027: results 2023-2025 published, each in June of the next
year; the 2026 round in self-assessment around the demo day): phường Lê Chân has filled its self-assessment and sent
it to its chairman, who has it in "Chờ phê duyệt" (lechan.chutich); phường Lê Thanh Nghị's was approved and
submitted (so Sở Nội vụ can appraise).

The sets are synthetic ("Bộ chỉ số mẫu (minh họa)", docs: par-index.md §5). Criterion 1.2 "Mức độ hoàn thành kế
hoạch CCHC năm" is fed by the system's own figure: the on-time rate of the unit's CCHC plan of that year, the one its
plan dashboard shows (`plan_on_time_rate`), so the two never disagree. Results of past years are stored as one
row per unit-year with the score of each area; dates are relative to a fixed demo date, and every random number
comes from a fixed seed.
"""

import random
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cchc.core import dates
from cchc.core.errors import DomainError
from cchc.core.scope import SYSTEM
from cchc.orgs.choices import BlocCode
from cchc.par import assessment_services, criteria_services, ranking, round_services
from cchc.par.answer_services import Entry
from cchc.par.choices import Method, Part, RoundStatus, SetStatus
from cchc.par.models import Answer, Assessment, CriteriaSet, Result, Round
from cchc.par.scoring import Node, ThresholdRow, band_for, index_total, q2


def open_year(day: date) -> int:
    """The year assessed by the round open on the demo day: a year is assessed from March of the next year (from
    November for a day late in the year itself)."""
    return day.year if day.month >= 11 else day.year - 1


def history_years(day: date) -> tuple[int, ...]:
    """The three years before the open round, published."""
    y = open_year(day)
    return (y - 3, y - 2, y - 1)


D = Decimal
P, YN, TH, SV = Method.POINTS, Method.YES_NO, Method.THRESHOLD, Method.SURVEY


def _t(text: str) -> list[ThresholdRow]:
    rows = []
    for part in text.split(";"):
        lo, score = part.split(":")
        rows.append(ThresholdRow(D(lo.strip()), D(score.strip())))
    return rows


# (code, name, max, method, thresholds, evidence required, may be "không áp dụng", guide)
LEVEL_SET = [
    ("1", "Công tác chỉ đạo, điều hành cải cách hành chính", "9", None, "", False, False, ""),
    (
        "1.1",
        "Ban hành kế hoạch CCHC năm đúng thời hạn thành phố quy định",
        "1",
        YN,
        "",
        True,
        False,
        "Đạt: kế hoạch ban hành trước ngày 15/01 của năm đánh giá.",
    ),
    (
        "1.2",
        "Mức độ hoàn thành kế hoạch CCHC năm",
        "2",
        TH,
        "100:2; 80:1; 0:0",
        True,
        False,
        "Tỷ lệ nhiệm vụ hoàn thành đúng hạn trên tổng số nhiệm vụ của kế hoạch.",
    ),
    (
        "1.3",
        "Báo cáo CCHC định kỳ đầy đủ, đúng hạn",
        "1.5",
        TH,
        "100:1.5; 75:0.75; 0:0",
        False,
        False,
        "Tỷ lệ báo cáo gửi đúng hạn (quý, 6 tháng, năm).",
    ),
    ("1.4", "Kiểm tra công tác CCHC đối với các bộ phận", "1.5", None, "", False, False, ""),
    ("1.4.1", "Ban hành kế hoạch kiểm tra CCHC", "0.5", YN, "", False, False, ""),
    (
        "1.4.2",
        "Tỷ lệ bộ phận được kiểm tra trong năm",
        "0.5",
        TH,
        "30:0.5; 20:0.25; 0:0",
        False,
        False,
        "",
    ),
    (
        "1.4.3",
        "Xử lý các vấn đề phát hiện qua kiểm tra",
        "0.5",
        P,
        "",
        False,
        True,
        "Không áp dụng khi kiểm tra không phát hiện vấn đề nào.",
    ),
    ("1.5", "Tuyên truyền cải cách hành chính", "1", P, "", False, False, ""),
    (
        "1.6",
        "Sáng kiến, giải pháp mới trong CCHC được công nhận",
        "2",
        P,
        "",
        True,
        False,
        "1 điểm cho mỗi sáng kiến được Hội đồng sáng kiến công nhận, tối đa 2 điểm.",
    ),
    ("2", "Cải cách thể chế", "6", None, "", False, False, ""),
    ("2.1", "Tổ chức thực hiện văn bản của cấp trên", "2", None, "", False, False, ""),
    ("2.1.1", "Ban hành kế hoạch triển khai kịp thời", "1", YN, "", False, False, ""),
    (
        "2.1.2",
        "Tỷ lệ nhiệm vụ được giao hoàn thành đúng hạn",
        "1",
        TH,
        "100:1; 80:0.5; 0:0",
        False,
        False,
        "",
    ),
    ("2.2", "Rà soát, kiểm tra, xử lý văn bản", "2", P, "", False, False, ""),
    ("2.3", "Theo dõi tình hình thi hành pháp luật", "2", P, "", False, False, ""),
    (
        "3",
        "Cải cách thủ tục hành chính; cơ chế một cửa, một cửa liên thông",
        "14",
        None,
        "",
        False,
        False,
        "",
    ),
    ("3.1", "Công khai thủ tục hành chính đầy đủ, đúng quy định", "2", YN, "", False, False, ""),
    (
        "3.2",
        "Tỷ lệ hồ sơ giải quyết đúng hạn",
        "4",
        TH,
        "98:4; 95:3; 90:2; 0:0",
        True,
        False,
        "Số liệu trên Hệ thống thông tin giải quyết TTHC của thành phố.",
    ),
    ("3.3", "Tỷ lệ hồ sơ thanh toán trực tuyến", "2", TH, "80:2; 60:1; 0:0", False, False, ""),
    (
        "3.4",
        "Tỷ lệ số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
        "2",
        TH,
        "100:2; 80:1; 0:0",
        False,
        False,
        "",
    ),
    (
        "3.5",
        "Thực hiện xin lỗi khi giải quyết hồ sơ trễ hạn",
        "1",
        YN,
        "",
        False,
        True,
        "Không áp dụng khi trong năm không có hồ sơ trễ hạn.",
    ),
    ("3.6", "Hoạt động của Trung tâm Phục vụ hành chính công", "3", None, "", False, False, ""),
    (
        "3.6.1",
        "Bố trí công chức làm việc tại Trung tâm đúng quy định",
        "1.5",
        YN,
        "",
        False,
        False,
        "",
    ),
    (
        "3.6.2",
        "Tiếp nhận, xử lý phản ánh, kiến nghị về thủ tục hành chính",
        "1.5",
        P,
        "",
        False,
        False,
        "",
    ),
    ("4", "Cải cách tổ chức bộ máy", "5", None, "", False, False, ""),
    ("4.1", "Thực hiện vị trí việc làm được phê duyệt", "2", P, "", False, False, ""),
    ("4.2", "Thực hiện quy định về số lượng lãnh đạo", "1.5", YN, "", False, False, ""),
    ("4.3", "Sắp xếp, kiện toàn tổ chức bộ phận chuyên môn", "1.5", P, "", False, False, ""),
    ("5", "Cải cách chế độ công vụ", "8", None, "", False, False, ""),
    ("5.1", "Tuyển dụng, sử dụng công chức đúng quy định", "2", P, "", False, False, ""),
    (
        "5.2",
        "Tỷ lệ cán bộ, công chức được bồi dưỡng trong năm",
        "2",
        TH,
        "100:2; 90:1; 0:0",
        False,
        False,
        "",
    ),
    ("5.3", "Chấp hành kỷ luật, kỷ cương hành chính", "2", P, "", False, False, ""),
    ("5.4", "Đánh giá, xếp loại chất lượng cán bộ, công chức", "2", P, "", False, False, ""),
    ("6", "Cải cách tài chính công", "6", None, "", False, False, ""),
    (
        "6.1",
        "Tỷ lệ thực hiện dự toán ngân sách được giao",
        "2",
        TH,
        "100:2; 95:1; 0:0",
        False,
        False,
        "",
    ),
    ("6.2", "Công khai ngân sách đúng quy định", "2", YN, "", False, False, ""),
    ("6.3", "Thực hành tiết kiệm, chống lãng phí", "2", P, "", False, False, ""),
    ("7", "Xây dựng chính quyền điện tử, chính quyền số", "14", None, "", False, False, ""),
    ("7.1", "Tỷ lệ văn bản điện tử được ký số", "3", TH, "95:3; 85:2; 70:1; 0:0", False, False, ""),
    ("7.2", "Tỷ lệ hồ sơ trực tuyến toàn trình", "3", TH, "60:3; 40:2; 20:1; 0:0", True, False, ""),
    ("7.3", "Cập nhật dữ liệu vào cơ sở dữ liệu dùng chung", "2", P, "", False, False, ""),
    ("7.4", "Bảo đảm an toàn thông tin mạng", "2", None, "", False, False, ""),
    ("7.4.1", "Ban hành quy chế bảo đảm an toàn thông tin", "1", YN, "", False, False, ""),
    ("7.4.2", "Không để xảy ra sự cố mất an toàn thông tin", "1", YN, "", False, False, ""),
    ("7.5", "Hoạt động của tổ công nghệ số cộng đồng", "2", P, "", False, False, ""),
    (
        "7.6",
        "Duy trì hệ thống quản lý chất lượng theo TCVN ISO 9001",
        "2",
        YN,
        "",
        False,
        False,
        "",
    ),
    ("8", "Tác động của cải cách hành chính", "8", None, "", False, False, ""),
    ("8.1", "Tỷ lệ hài lòng qua đánh giá trực tuyến", "3", TH, "90:3; 80:2; 0:0", False, False, ""),
    (
        "8.2",
        "Tỷ lệ phản ánh, kiến nghị được giải quyết",
        "2",
        TH,
        "100:2; 90:1; 0:0",
        False,
        False,
        "",
    ),
    (
        "8.3",
        "Thu hút đầu tư, phát triển kinh tế - xã hội trên địa bàn",
        "3",
        P,
        "",
        False,
        False,
        "",
    ),
    (
        "S1",
        "Khảo sát sự hài lòng của người dân, tổ chức",
        "20",
        SV,
        "",
        False,
        False,
        "Theo phương pháp SIPAS.",
    ),
    ("S2", "Khảo sát lãnh đạo, công chức về kết quả CCHC", "10", SV, "", False, False, ""),
]

DEPARTMENT_SET = [
    ("1", "Công tác chỉ đạo, điều hành cải cách hành chính", "10", None, "", False, False, ""),
    ("1.1", "Ban hành kế hoạch CCHC năm đúng thời hạn", "2", YN, "", True, False, ""),
    ("1.2", "Mức độ hoàn thành kế hoạch CCHC năm", "4", TH, "100:4; 80:2; 0:0", True, False, ""),
    ("1.3", "Báo cáo CCHC đầy đủ, đúng hạn", "2", TH, "100:2; 75:1; 0:0", False, False, ""),
    ("1.4", "Sáng kiến trong CCHC được công nhận", "2", P, "", True, False, ""),
    ("2", "Cải cách thể chế", "10", None, "", False, False, ""),
    (
        "2.1",
        "Tham mưu ban hành văn bản quy phạm pháp luật đúng kế hoạch",
        "5",
        TH,
        "100:5; 80:3; 0:0",
        False,
        False,
        "",
    ),
    ("2.2", "Rà soát, hệ thống hóa văn bản thuộc lĩnh vực quản lý", "5", P, "", False, False, ""),
    ("3", "Cải cách thủ tục hành chính", "15", None, "", False, False, ""),
    ("3.1", "Tỷ lệ hồ sơ giải quyết đúng hạn", "6", TH, "98:6; 95:4; 90:2; 0:0", True, False, ""),
    (
        "3.2",
        "Tỷ lệ thủ tục cung cấp dịch vụ công trực tuyến toàn trình",
        "5",
        TH,
        "80:5; 60:3; 0:0",
        False,
        False,
        "",
    ),
    ("3.3", "Đơn giản hóa thủ tục hành chính", "4", P, "", False, False, ""),
    ("4", "Cải cách tổ chức bộ máy", "8", None, "", False, False, ""),
    ("4.1", "Sắp xếp tổ chức bên trong theo quy định", "4", P, "", False, False, ""),
    ("4.2", "Phân cấp, ủy quyền giải quyết thủ tục hành chính", "4", P, "", False, False, ""),
    ("5", "Cải cách chế độ công vụ", "10", None, "", False, False, ""),
    ("5.1", "Quản lý biên chế, vị trí việc làm", "5", P, "", False, False, ""),
    ("5.2", "Kỷ luật, kỷ cương hành chính", "5", P, "", False, False, ""),
    ("6", "Cải cách tài chính công", "7", None, "", False, False, ""),
    ("6.1", "Giải ngân vốn đầu tư công", "4", TH, "95:4; 80:2; 0:0", False, True, ""),
    ("6.2", "Tự chủ của đơn vị sự nghiệp công lập", "3", P, "", False, True, ""),
    ("7", "Xây dựng chính quyền điện tử, chính quyền số", "15", None, "", False, False, ""),
    ("7.1", "Tỷ lệ văn bản điện tử được ký số", "5", TH, "95:5; 85:3; 0:0", False, False, ""),
    ("7.2", "Cơ sở dữ liệu chuyên ngành kết nối, chia sẻ", "5", P, "", False, False, ""),
    ("7.3", "Bảo đảm an toàn thông tin mạng", "5", P, "", False, False, ""),
    ("8", "Tác động của cải cách hành chính", "5", None, "", False, False, ""),
    (
        "8.1",
        "Kết quả thực hiện chỉ tiêu phát triển kinh tế - xã hội được giao",
        "5",
        P,
        "",
        False,
        False,
        "",
    ),
    ("S1", "Khảo sát sự hài lòng của người dân, doanh nghiệp", "12", SV, "", False, False, ""),
    ("S2", "Khảo sát đại biểu HĐND, lãnh đạo các cấp", "8", SV, "", False, False, ""),
]


# Criteria fed by a figure the system computes (cchc.core.measures), by code.
FED_BY_SYSTEM = {"1.2": "plan_on_time_rate"}


def nodes(spec) -> list[Node]:
    return [
        Node(
            code=code,
            name=name,
            max_score=D(mx),
            part=Part.SURVEY if method == SV else Part.APPRAISED,
            method=method or P,
            thresholds=_t(th) if th else [],
            evidence_required=ev,
            allow_not_applicable=na,
            guide=guide,
            figure_unit="%" if method == TH else "",
            measure_code=FED_BY_SYSTEM.get(code, ""),
        )
        for code, name, mx, method, th, ev, na, guide in spec
    ]


SETS = {
    BlocCode.WARDS: ("Bộ chỉ số mẫu (minh họa) – phường năm {y}", LEVEL_SET, D("70"), D("30")),
    BlocCode.COMMUNES: (
        "Bộ chỉ số mẫu (minh họa) – xã, đặc khu năm {y}",
        LEVEL_SET,
        D("70"),
        D("30"),
    ),
    BlocCode.DEPARTMENTS: (
        "Bộ chỉ số mẫu (minh họa) – sở, ban, ngành năm {y}",
        DEPARTMENT_SET,
        D("80"),
        D("20"),
    ),
}
BASIS = (
    "Dữ liệu minh họa, không phải văn bản thật (tỷ lệ điểm theo QĐ 52/2019/QĐ-UBND tỉnh Hà Tĩnh)"
)


def _sets(city, years, open_) -> dict[int, dict[str, CriteriaSet]]:
    by_year: dict[int, dict[str, CriteriaSet]] = {}
    first = years[0]
    by_year[first] = {
        code: criteria_services.set_create(
            actor=SYSTEM,
            organiser=city,
            year=first,
            bloc_code=code,
            name=name.format(y=first),
            appraised_max=app,
            survey_max=sv,
            nodes=nodes(spec),
            is_illustrative=True,
            basis=BASIS,
            audit_it=False,
        )
        for code, (name, spec, app, sv) in SETS.items()
    }
    for year in (*years[1:], open_):
        by_year[year] = {
            code: criteria_services.set_clone(actor=SYSTEM, source=cs, year=year, audit_it=False)
            for code, cs in by_year[year - 1].items()
        }
    return by_year


def _profiles(rng: random.Random, units_by_bloc: dict[str, list], years) -> dict[int, list[float]]:
    """A quality level (share of the maximum) per unit and year: most steady, a few stars, a few swinging."""
    levels = {}
    for _code, units in units_by_bloc.items():
        ordered = sorted(units, key=lambda u: u.pk)
        stars = {u.pk for u in rng.sample(ordered, min(3, len(ordered)))}
        rest = [u for u in ordered if u.pk not in stars]
        swing = {u.pk for u in rng.sample(rest, min(3, len(rest)))}
        for u in ordered:
            if u.short_name == "Lê Chân":
                levels[u.pk] = [0.885, 0.905, 0.93]
            elif u.pk in stars:
                levels[u.pk] = [rng.uniform(0.945, 0.97) for _ in years]
            elif u.pk in swing:
                pattern = rng.choice([(0.78, 0.94, 0.8), (0.93, 0.77, 0.92), (0.77, 0.8, 0.95)])
                levels[u.pk] = [p + rng.uniform(-0.01, 0.01) for p in pattern]
            else:
                base = rng.uniform(0.8, 0.92)
                levels[u.pk] = [
                    min(0.94, max(0.74, base + rng.uniform(-0.035, 0.035))) for _ in years
                ]
    return levels


def _history(rng, city, sets, units_by_bloc, years) -> None:
    rounds = {
        y: Round(
            organiser=city,
            year=y,
            name=f"Xác định Chỉ số CCHC năm {y}",
            status=RoundStatus.PUBLISHED,
            self_start=date(y + 1, 3, 1),
            self_end=date(y + 1, 4, 30),
            appraisal_start=date(y + 1, 5, 2),
            appraisal_end=date(y + 1, 5, 31),
            response_start=date(y + 1, 5, 20),
            response_end=date(y + 1, 6, 5),
            opened_at=timezone.make_aware(datetime(y + 1, 3, 1, 8, 0)),
            published_at=timezone.make_aware(datetime(y + 1, 6, 20, 9, 0)),
        )
        for y in years
    }
    Round.objects.bulk_create(rounds.values())
    CriteriaSet.objects.filter(year__in=years, organiser=city).update(
        status=SetStatus.FROZEN, frozen_at=timezone.now()
    )
    structure = {}
    for code, (_, spec, app, sv) in SETS.items():
        structure[code] = ([(c, D(mx)) for c, _, mx, *_ in spec if "." not in c], app, sv)
    levels = _profiles(rng, units_by_bloc, years)
    results = []
    for i, year in enumerate(years):
        for code, units in units_by_bloc.items():
            areas, app_max, sv_max = structure[code]
            cs = sets[year][code]
            bands = [(b.name, b.min_score) for b in cs.bands.all()]
            entries, rows = [], {}
            for u in units:
                level = levels[u.pk][i]
                scores = {}
                for area, mx in areas:
                    share = min(1.0, max(0.45, level + rng.uniform(-0.06, 0.05)))
                    scores[area] = (D(str(share)) * mx * 4).quantize(D(1)) / 4
                app = sum((v for k, v in scores.items() if not k.startswith("S")), D("0"))
                survey = sum((v for k, v in scores.items() if k.startswith("S")), D("0"))
                total, applicable = index_total(
                    appraised=app, survey=survey, appraised_max=app_max, survey_max=sv_max
                )
                rows[u.pk] = (scores, app, survey, total, applicable)
                entries.append(ranking.Entry(u.pk, u.name, total, app, survey))
            for r in ranking.rank(entries):
                scores, app, survey, total, applicable = rows[r.entry.unit_id]
                results.append(
                    Result(
                        round=rounds[year],
                        year=year,
                        unit_id=r.entry.unit_id,
                        bloc_code=code,
                        criteria_set=cs,
                        self_score=min(app_max, app + D("1.25")),
                        appraised_score=q2(app),
                        survey_score=q2(survey),
                        applicable_max=applicable,
                        total=total,
                        rank=r.rank,
                        award_order=r.award_order,
                        bloc_size=len(entries),
                        band=band_for(total, bands),
                        area_scores={k: str(q2(v)) for k, v in scores.items()},
                        published=True,
                    )
                )
    Result.objects.bulk_create(results)


def _fill(
    assessment,
    share: float,
    rng: random.Random,
    day: date,
    limit: int | None = None,
    evidence_doc=None,
) -> None:
    """Self-score the first `limit` criteria of an assessment (all when None) at about `share` of the maxima."""
    answers = list(
        Answer.objects.filter(assessment=assessment)
        .exclude(criterion__method=Method.SURVEY)
        .select_related("criterion")
        .order_by("criterion__sort_key")
    )
    # Criteria fed by the system take its figure; the others are typed.
    taken = {
        a.criterion_id
        for a in answers[:limit]
        if a.criterion.measure_code and _use_system_figure(a, day)
    }
    entries = {}
    for a in answers[:limit]:
        c = a.criterion
        if c.method == Method.YES_NO:
            value = D(1) if rng.random() < share + 0.08 else D(0)
        elif c.method == Method.THRESHOLD:
            value = D(str(round(min(100, 100 * share + rng.uniform(-6, 6)), 1)))
        else:
            value = (c.max_score * D(str(min(1, share + rng.uniform(-0.1, 0.08)))) * 4).quantize(
                D(1)
            ) / 4
        if c.pk in taken:
            continue
        entries[c.pk] = Entry(
            value=value,
            text="Đơn vị đã thực hiện theo kế hoạch; số liệu tổng hợp đến "
            f"{day - timedelta(days=10):%d/%m/%Y}.",
        )
    assessment_services.self_assessment_save(
        actor=SYSTEM, assessment=assessment, entries=entries, today=day
    )
    by_code = {a.criterion.code: a for a in answers[:limit]}
    for code in ("1.1", "1.2", "1.6", "3.2", "7.2"):
        a = by_code.get(code)
        if a is None or a.evidence.exists():
            continue
        if evidence_doc is not None and code in ("1.1", "1.2"):
            assessment_services.evidence_add(
                actor=SYSTEM, answer=a, document=evidence_doc, today=day
            )
        else:
            upload = SimpleUploadedFile(
                f"minh-chung-{code.replace('.', '-')}.txt",
                f"Tài liệu kiểm chứng tiêu chí {code} (dữ liệu minh họa).".encode(),
                content_type="text/plain",
            )
            assessment_services.evidence_add(actor=SYSTEM, answer=a, upload=upload, today=day)


def _use_system_figure(answer, day: date) -> bool:
    """The unit takes the figure the system computes for the criterion (as of the day the demo is loaded, the
    day its plan dashboard counts from); False when the system has no figure (the unit types one)."""
    try:
        assessment_services.answer_use_measure(
            actor=SYSTEM, answer=answer, today=day, measured_on=dates.today()
        )
    except DomainError:
        return False
    return True


def _open_round(rng, city, units: dict, documents: dict, day: date) -> Round:
    r = round_services.round_create(
        actor=SYSTEM,
        organiser=city,
        year=open_year(day),
        self_start=day - timedelta(days=21),
        self_end=day + timedelta(days=23),
        appraisal_start=day - timedelta(days=7),
        appraisal_end=day + timedelta(days=54),
        response_start=day - timedelta(days=2),
        response_end=day + timedelta(days=64),
        audit_it=False,
    )
    round_services.round_open(actor=SYSTEM, round_=r)
    by_unit = {
        a.unit_id: a for a in Assessment.objects.filter(round=r).select_related("unit", "round")
    }
    lc = units.get("level:Lê Chân")
    if lc is not None and lc.pk in by_unit:
        # Filled and sent to the ward's chairman, who has it in "Chờ phê duyệt".
        a = by_unit[lc.pk]
        _fill(a, 0.92, rng, day, evidence_doc=documents.get("259/KH-UBND"))
        assessment_services.assessment_request_approval(actor=SYSTEM, assessment=a, today=day)
    ltn = units.get("level:Lê Thanh Nghị")
    if ltn is not None and ltn.pk in by_unit:
        a = by_unit[ltn.pk]
        _fill(a, 0.88, rng, day, evidence_doc=documents.get("698/QĐ-UBND"))
        for move in (
            assessment_services.assessment_request_approval,
            assessment_services.assessment_approve,
            assessment_services.assessment_submit,
        ):
            move(actor=SYSTEM, assessment=a, today=day)
    return r


def load(ctx: dict) -> None:
    """Add the PAR Index layer to the demo city."""
    units = ctx["units"]
    city = units["city"]
    day = ctx["day"]
    years = history_years(day)
    rng = random.Random(2029)
    sets = _sets(city, years, open_year(day))
    units_by_bloc = {
        BlocCode.DEPARTMENTS: list(units.get("departments", [])),
        BlocCode.WARDS: list(units.get("wards", [])),
        BlocCode.COMMUNES: list(units.get("communes", [])),
    }
    _history(rng, city, sets, {k: v for k, v in units_by_bloc.items() if v}, years)
    ctx["par_round"] = _open_round(rng, city, units, ctx.get("documents", {}), day)
