"""Demo organisation: units, offices with their aliases, blocs by year, standing agencies, people."""

import json
import os
import random
from pathlib import Path

from cchc.core.text import fold
from cchc.demo.names import person_name
from cchc.orgs.choices import BlocCode, EmploymentKind, UnitKind
from cchc.orgs.models import (
    Bloc,
    BlocMembership,
    Person,
    StandingAgency,
    Unit,
    UnitAlias,
    person_search_text,
    unit_search_text,
)

DATA = Path(
    os.environ.get("CCHC_DEMO_CITY_FILE")
    or Path(__file__).resolve().parent.parent / "orgs" / "demo_data" / "haiphong.json"
)
YEARS = range(2026, 2031)

# Offices of a ward or commune named in the seed plans (000, 001, 004), with the ways they are written.
LEVEL_OFFICES = [
    (
        "Văn phòng HĐND và UBND",
        UnitKind.OFFICE,
        "VP",
        [
            "Văn phòng HĐND&UBND",
            "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân",
            "VP HĐND-UBND",
            "Văn phòng HĐND - UBND",
        ],
    ),
    (
        "Phòng Văn hóa - Xã hội",
        UnitKind.OFFICE,
        "VHXH",
        [
            "Phòng VHXH",
            "Phòng VH-XH",
            "Phòng Văn hoá – Xã hội",
            "Phòng Văn hóa – Xã hội",
            "phòng Văn hoá - Xã hội",
        ],
    ),
    (
        "Phòng Kinh tế, Hạ tầng và Đô thị",
        UnitKind.OFFICE,
        "KTHTĐT",
        ["Phòng Kinh tế Hạ tầng và Đô thị", "Phòng KT-HT-ĐT", "Phòng KTHTĐT", "Phòng Kinh tế"],
    ),
    (
        "Trung tâm Phục vụ hành chính công",
        UnitKind.CENTER,
        "TTPVHCC",
        ["Trung tâm Phục vụ HCC", "Trung tâm PVHCC", "TT Phục vụ HCC", "Bộ phận Một cửa"],
    ),
    (
        "Trung tâm Dịch vụ sự nghiệp công",
        UnitKind.CENTER,
        "TTDVSNC",
        ["Trung tâm DVSNC", "TT dịch vụ SNC", "Trung tâm Dịch vụ SNC"],
    ),
    ("Công an", UnitKind.VERTICAL_AGENCY, "CA", []),
    (
        "Ủy ban Mặt trận Tổ quốc Việt Nam",
        UnitKind.MASS_ORG,
        "MTTQ",
        ["MTTQ", "Mặt trận Tổ quốc Việt Nam", "Ủy ban MTTQ Việt Nam"],
    ),
]
POSITIONS = {
    "VP": ["Chánh Văn phòng", "Phó Chánh Văn phòng", "Chuyên viên"],
    "VHXH": [
        "Trưởng phòng",
        "Phó Trưởng phòng",
        "Chuyên viên CCHC",
        "Chuyên viên thi đua - khen thưởng",
    ],
    "KTHTĐT": ["Trưởng phòng", "Phó Trưởng phòng", "Chuyên viên"],
    "TTPVHCC": ["Giám đốc", "Phó Giám đốc", "Công chức một cửa"],
    "TTDVSNC": ["Giám đốc", "Viên chức"],
    "CA": ["Trưởng Công an", "Cán bộ"],
    "MTTQ": ["Chủ tịch", "Phó Chủ tịch"],
}
LEADERS = {
    "Lê Chân": "Phạm Văn Tân",
    "Khúc Thừa Dụ": "Nguyễn Tuấn Hải",
    "Lê Thanh Nghị": "Nguyễn Hữu Phúc",
}


class Builder:
    """Creates units in bulk with their paths and search text."""

    def __init__(self):
        self.rng = random.Random(2026)
        self.people: list[Person] = []

    def unit(self, *, parent, kind, name, short_name="", code="", aliases=(), order=0) -> Unit:
        unit = Unit.objects.create(
            parent=parent, kind=kind, name=name, short_name=short_name, code=code, order=order
        )
        unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
        unit.depth = unit.path.count("/") - 2
        names = list(aliases)
        by_key = {}
        for a in names:
            if fold(a) and fold(a) not in {fold(name), fold(short_name)}:
                by_key.setdefault(fold(a), a)
        UnitAlias.objects.bulk_create(
            [UnitAlias(unit=unit, name=a, folded=k) for k, a in by_key.items()]
        )
        unit.search_text = unit_search_text(unit, names)
        Unit.objects.filter(pk=unit.pk).update(
            path=unit.path, depth=unit.depth, search_text=unit.search_text
        )
        return unit

    def person(
        self, unit, position, kind=EmploymentKind.CIVIL_SERVANT, full_name=None, gender=None
    ):
        name, g = person_name(self.rng)
        p = Person(
            unit=unit,
            full_name=full_name or name,
            gender=gender or g,
            position=position,
            employment_kind=kind,
            birth_year=self.rng.randint(1968, 1998),
        )
        p.search_text = person_search_text(p)
        self.people.append(p)

    def level_with_offices(
        self, *, parent, kind, name, short_name, code, aliases=(), detailed=False
    ):
        level = self.unit(
            parent=parent, kind=kind, name=name, short_name=short_name, code=code, aliases=aliases
        )
        noun = {
            UnitKind.WARD: "phường",
            UnitKind.COMMUNE: "xã",
            UnitKind.SPECIAL_ZONE: "đặc khu",
        }.get(kind, "")
        offices = {}
        for order, (office_name, office_kind, key, office_aliases) in enumerate(
            LEVEL_OFFICES, start=1
        ):
            full = f"{office_name} {noun}".strip() if key in {"CA", "MTTQ"} else office_name
            extra = [f"{office_name} {noun}"] if noun else []
            all_aliases = list(office_aliases) + extra + [f"{a} {noun}" for a in office_aliases]
            if key == "CA":
                all_aliases = [f"Công an {noun}", f"CA {noun}"]
            offices[key] = self.unit(
                parent=level,
                kind=office_kind,
                name=full,
                short_name=office_name if key not in {"CA", "MTTQ"} else "",
                code=f"{code}-{key}",
                aliases=all_aliases,
                order=order,
            )
            positions = POSITIONS[key] if detailed else POSITIONS[key][:1]
            for pos in positions:
                kind_p = (
                    EmploymentKind.PUBLIC_EMPLOYEE
                    if office_kind == UnitKind.CENTER and pos.startswith("Viên")
                    else EmploymentKind.CIVIL_SERVANT
                )
                if key == "MTTQ":
                    kind_p = EmploymentKind.CADRE
                self.person(offices[key], pos, kind_p)
        leader = LEADERS.get(short_name)
        self.person(
            level,
            f"Chủ tịch UBND {noun}",
            EmploymentKind.CADRE,
            full_name=leader,
            gender="male" if leader else None,
        )
        self.person(level, f"Phó Chủ tịch UBND {noun}", EmploymentKind.CADRE)
        if detailed:
            for i in range(1, 4):
                self.unit(
                    parent=level,
                    kind=UnitKind.RESIDENTIAL_GROUP,
                    name=f"Tổ dân phố số {i}",
                    code=f"{code}-TDP{i}",
                    order=100 + i,
                )
        return level, offices


def load() -> dict:
    """Create the demo organisation; returns the units other demo layers need, by key."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    b = Builder()
    city_data = data["city"]
    city = b.unit(
        parent=None,
        kind=UnitKind.CITY,
        name=city_data["name"],
        short_name=city_data["short_name"],
        code=city_data["code"],
        aliases=[
            "UBND thành phố Hải Phòng",
            "Ủy ban nhân dân thành phố Hải Phòng",
            "TP Hải Phòng",
            "UBND TP",
        ],
    )
    b.person(
        city,
        "Phó Chủ tịch UBND thành phố",
        EmploymentKind.CADRE,
        full_name="Vũ Tiến Phụng",
        gender="male",
    )
    units = {"city": city}
    departments = []
    for order, d in enumerate(data["departments"], start=1):
        dept = b.unit(
            parent=city,
            kind=UnitKind.DEPARTMENT,
            name=d["name"],
            short_name=d.get("short_name", ""),
            code=f"HP-{d.get('short_name') or order}",
            aliases=d.get("aliases", []),
            order=order,
        )
        departments.append(dept)
        b.person(
            dept, "Giám đốc" if dept.name.startswith("Sở") else "Thủ trưởng", EmploymentKind.CADRE
        )
        b.person(dept, "Chuyên viên CCHC")
        if fold(d["name"]) == fold("Sở Nội vụ"):
            units["snv"] = dept
            units["snv_par"] = b.unit(
                parent=dept,
                kind=UnitKind.OFFICE,
                name="Phòng Cải cách hành chính và pháp chế",
                short_name="Phòng CCHC&PC",
                code="HP-SNV-CCHC",
                aliases=["Phòng CCHC và pháp chế", "Phòng Cải cách hành chính"],
            )
            for pos in ["Trưởng phòng", "Phó Trưởng phòng", "Chuyên viên"]:
                b.person(units["snv_par"], pos)
    wards, communes = [], []
    demo_levels = {"Lê Chân", "Khúc Thừa Dụ", "Lê Thanh Nghị"}
    for group, kind, target in [
        ("wards", UnitKind.WARD, wards),
        ("communes", UnitKind.COMMUNE, communes),
        ("special_zones", UnitKind.SPECIAL_ZONE, communes),
    ]:
        prefix = {"wards": "P", "communes": "X", "special_zones": "DK"}[group]
        for idx, w in enumerate(data[group], start=1):
            short = w.get("short_name") or w["name"].split(" ", 1)[1]
            noun = {"wards": "phường", "communes": "xã", "special_zones": "đặc khu"}[group]
            level, offices = b.level_with_offices(
                parent=city,
                kind=kind,
                name=w["name"],
                short_name=short,
                code=f"HP-{prefix}{idx:03d}",
                aliases=[
                    f"UBND {noun} {short}",
                    f"Ủy ban nhân dân {noun} {short}",
                    f"{noun.capitalize()} {short}",
                    f"P. {short}" if noun == "phường" else f"X. {short}",
                ],
                detailed=short in demo_levels,
            )
            target.append(level)
            units[f"level:{short}"] = level
            for key, office in offices.items():
                units[f"office:{short}:{key}"] = office
    # Hà Nội before 2025, for seed 003.
    hn = data.get("hanoi", {})
    hanoi = b.unit(
        parent=None,
        kind=UnitKind.CITY,
        name=hn.get("city", "Thành phố Hà Nội"),
        short_name="Hà Nội",
        code="HN",
    )
    ha_dong = b.unit(
        parent=hanoi,
        kind=UnitKind.DISTRICT,
        name=hn.get("district", "Quận Hà Đông"),
        short_name="Hà Đông",
        code="HN-HD",
        aliases=["UBND quận Hà Đông", "Ủy ban nhân dân quận Hà Đông"],
    )
    b.unit(
        parent=ha_dong,
        kind=UnitKind.OFFICE,
        name="Phòng Nội vụ quận Hà Đông",
        short_name="Phòng Nội vụ",
        code="HN-HD-PNV",
    )
    b.unit(
        parent=ha_dong,
        kind=UnitKind.OFFICE,
        name="Phòng Kinh tế quận Hà Đông",
        short_name="Phòng Kinh tế",
        code="HN-HD-PKT",
        aliases=["Hội đồng khoa học, sáng kiến quận"],
    )
    phu_luong = b.unit(
        parent=ha_dong,
        kind=UnitKind.WARD,
        name=hn.get("ward", "Phường Phú Lương"),
        short_name="Phú Lương",
        code="HN-HD-PL",
        aliases=["UBND phường Phú Lương", "Ủy ban nhân dân phường Phú Lương"],
    )
    pl_office = b.unit(
        parent=phu_luong,
        kind=UnitKind.OFFICE,
        name="Văn phòng UBND phường Phú Lương",
        short_name="Văn phòng UBND phường",
        code="HN-HD-PL-VP",
        aliases=["Văn phòng UBND phường", "Văn phòng Ủy ban nhân dân phường"],
    )
    for name, short in [
        ("Bộ phận Tài chính – Kế toán", "TCKT"),
        ("Bộ phận Văn hóa – Thông tin", "VHTT"),
        ("Đài truyền thanh phường", "DTT"),
    ]:
        office = b.unit(parent=phu_luong, kind=UnitKind.OFFICE, name=name, code=f"HN-HD-PL-{short}")
        b.person(office, "Công chức")
    for pos in ["Chánh Văn phòng", "Công chức Văn phòng - Thống kê"]:
        b.person(pl_office, pos)
    b.person(
        phu_luong,
        "Phó Chủ tịch UBND phường",
        EmploymentKind.CADRE,
        full_name="Dương Ngọc Thỏa",
        gender="male",
    )
    for idx, name in enumerate(hn.get("other_wards_of_district", []), start=1):
        b.unit(
            parent=ha_dong,
            kind=UnitKind.WARD,
            name=name if name.startswith("Phường") else f"Phường {name}",
            short_name=name.replace("Phường ", ""),
            code=f"HN-HD-W{idx:02d}",
        )
    units.update(hanoi=hanoi, ha_dong=ha_dong, phu_luong=phu_luong, phu_luong_office=pl_office)

    Person.objects.bulk_create(b.people)
    blocs = {
        BlocCode.DEPARTMENTS: Bloc.objects.create(
            code=BlocCode.DEPARTMENTS, name=BlocCode.DEPARTMENTS.label, organiser=city
        ),
        BlocCode.WARDS: Bloc.objects.create(
            code=BlocCode.WARDS, name=BlocCode.WARDS.label, organiser=city
        ),
        BlocCode.COMMUNES: Bloc.objects.create(
            code=BlocCode.COMMUNES, name=BlocCode.COMMUNES.label, organiser=city
        ),
    }
    memberships = []
    for year in YEARS:
        for code, members in [
            (BlocCode.DEPARTMENTS, departments),
            (BlocCode.WARDS, wards),
            (BlocCode.COMMUNES, communes),
        ]:
            memberships += [BlocMembership(bloc=blocs[code], unit=u, year=year) for u in members]
    BlocMembership.objects.bulk_create(memberships)
    StandingAgency.objects.create(level=city, agency=units["snv"])
    for level in wards + communes:
        StandingAgency.objects.create(level=level, agency=units[f"office:{level.short_name}:VHXH"])
    StandingAgency.objects.create(level=phu_luong, agency=pl_office)
    units.update(blocs=blocs, wards=wards, communes=communes, departments=departments)
    return units
