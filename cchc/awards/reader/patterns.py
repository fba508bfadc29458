"""Wordings of award rules and what each says in the vocabulary of the rule files.

Each reader takes one sentence and returns the rules it can read, as dicts shaped like the rule files
(`cchc.awards.rules.schema`), without `source`/`quote` (the assembler adds them). Matching runs on a
diacritic-free copy of the sentence of the same length, so that the parts read can be cut out of the original
and what is left becomes a manual standard. Nothing is guessed: a sentence that fits no wording gives nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cchc.awards.reader.limits import late_policy, read_deadline, read_quotas
from cchc.awards.reader.words import NUM, Rule, fold_same_length, number

# --- blocs, subjects, kinds -----------------------------------------------------------------------------------

_BLOCS = [
    ("so-nganh", re.compile(r"\b(?:khoi )?so,? (?:ban,? )?nganh\b|\bkhoi so\b|\bcac so\b")),
    ("xa-dac-khu", re.compile(r"\bkhoi xa\b|\bxa,? dac khu\b")),
    ("phuong", re.compile(r"\bkhoi phuong\b")),
]


def bloc_of(folded: str) -> str | None:
    """The bloc a clause names ("Đối với khối phường: …"), if exactly one."""
    found = [code for code, rx in _BLOCS if rx.search(folded)]
    return found[0] if len(found) == 1 else None


def subject_marker(folded: str) -> str | None:
    """'Đối với tập thể', 'Tập thể:', 'Khen cá nhân:' at the start of a paragraph."""
    m = re.match(
        r"^(?:\* ?)?(?:doi voi (tap the|ca nhan)\b(?! duoc de xuat)(?!,)"
        r"|(?:khen )?(tap the|ca nhan)\s*:)",
        folded,
    )
    if not m:
        return None
    return "collective" if (m.group(1) or m.group(2)) == "tap the" else "person"


def kind_named(folded: str) -> str | None:
    """The kind of award a heading or sentence names: đột xuất, tổng kết giai đoạn, hằng năm."""
    if "dot xuat" in folded:
        return "ad_hoc"
    if re.search(r"tong ket|giai doan", folded):
        return "period_end"
    if re.search(r"hang nam|hăng nam|hang năm", folded):
        return "annual"
    return None


def level_named(folded: str) -> str | None:
    """'cấp thành phố', 'cấp cơ sở', 'cấp Nhà nước' in a heading."""
    if re.search(r"cap nha nuoc", folded) and "cap thanh pho" not in folded:
        return "state"
    if re.search(r"cap (?:thanh pho|tinh)", folded):
        return "city"
    if re.search(r"cap co so|cap phuong|cap xa", folded):
        return "base"
    return None


def combinator(folded: str) -> Rule | None:
    """'đạt một trong các tiêu chuẩn sau' → any; 'đạt các tiêu chuẩn sau' → all; 'ít nhất 02 trong các …'."""
    if m := re.search(rf"it nhat {NUM} (?:trong|tieu chuan)", folded):
        return {"kind": "at_least", "k": number(m.group(1))}
    if re.search(r"mot trong (?:cac|nhung|hai|ba) (?:tieu chuan|dieu kien)", folded):
        return {"kind": "any"}
    if re.search(
        r"(?:dat|dap ung|du|co) (?:cac|day du cac|tat ca cac) (?:tieu chuan|dieu kien)", folded
    ):
        return {"kind": "all"}
    return None


# --- award forms ----------------------------------------------------------------------------------------------

_CHAIR = r"chu tich (?:uy ban nhan dan|ubnd) "


def forms_in(folded: str) -> list[str]:
    """Codes of the catalogue's award forms a sentence names, in the order written."""
    found: list[tuple[int, str]] = []
    for m in re.finditer(r"co thi dua", folded):
        tail = folded[m.end() : m.end() + 80]
        if "chinh phu" in tail:
            found.append((m.start(), "co_thi_dua_chinh_phu"))
        else:
            found.append((m.start(), "co_thi_dua_ubnd_tp"))
    for m in re.finditer(r"bang khen", folded):
        tail = folded[m.end() : m.end() + 80]
        if "thu tuong" in tail:
            found.append((m.start(), "bang_khen_ttcp"))
        else:
            found.append((m.start(), "bang_khen_chu_tich_ubnd_tp"))
    for m in re.finditer(r"giay khen", folded):
        tail = folded[m.end() : m.end() + 120]
        rx = rf"(?:{_CHAIR}|chu tich ubnd |thu truong)(phuong|xa|quan|huyen)?"
        levels = re.findall(rx, tail) or re.findall(rx, folded[max(0, m.start() - 80) : m.start()])
        if not levels:
            continue
        for lv in levels:
            code = {
                "phuong": "giay_khen_chu_tich_ubnd_phuong",
                "xa": "giay_khen_chu_tich_ubnd_xa",
                "quan": "giay_khen_chu_tich_ubnd_quan",
                "huyen": "giay_khen_chu_tich_ubnd_quan",
                "": "giay_khen_thu_truong",
            }[lv]
            found.append((m.start(), code))
    seen: list[str] = []
    for _, code in sorted(found):
        if code not in seen:
            seen.append(code)
    return seen


# --- criteria -------------------------------------------------------------------------------------------------


@dataclass
class Found:
    """A rule read from a part of a sentence (start, end in the sentence)."""

    rule: Rule
    start: int
    end: int


_PAR = r"(?:chi so (?:cai cach hanh chinh|cchc)|par index)"


def _par(folded: str, over_period: bool) -> list[Found]:
    out: list[Found] = []
    years = re.search(rf"(?:it nhat |co |du )?{NUM} nam (?:lien tuc )?trong", folded)
    tops = list(
        re.finditer(
            rf"(?:top|nhom|danh sach|tong so|tong)\s*{NUM}\s*(?:don vi )?(?:dan dau|dung dau)?"
            rf"|{NUM} don vi (?:dan dau|dung dau|xep hang cao nhat)",
            folded,
        )
    )
    top = tops[0] if tops else None
    if top and re.search(rf"{_PAR}|dan dau|xep hang", folded):
        n = number(top.group(1) or top.group(2))
        by_bloc = _per_bloc(folded, tops)
        if years and years.start() < top.start():
            rule: Rule = {"kind": "par_years_in_top", "min_years": number(years.group(1)), "n": n}
            start = years.start()
        else:
            rule = {"kind": "par_top_n", "n": n}
            start = top.start()
        bloc = bloc_of(folded)
        if by_bloc:
            rule.pop("n")
            rule["n_by_bloc"] = by_bloc
        elif bloc:
            rule["n_by_bloc"] = {bloc: rule.pop("n")}
        end = tops[-1].end() if by_bloc else top.end()
        tail = re.search(rf"{_PAR}[^,;.]*", folded[end:])
        if tail and tail.start() < 40:
            end += tail.end()
        out.append(Found(rule, start, end))
        return out
    if m := re.search(r"dan dau (?:cac )?khoi(?: thi dua)?(?: ve chi so [^,;.:()]*)?", folded):
        out.append(Found({"kind": "bloc_leader"}, m.start(), m.end()))
    if m := re.search(rf"{_PAR}[^.;]*?dat (?:tu )?(\d{{2,3}}(?:[.,]\d+)?) diem tro len", folded):
        out.append(
            Found(
                {"kind": "par_score_at_least", "min_score": m.group(1).replace(",", ".")},
                m.start(),
                m.end(),
            )
        )
    return out


def _per_bloc(folded: str, tops: list[re.Match[str]]) -> dict[str, int] | None:
    """ "03 đơn vị dẫn đầu khối sở, ngành; 05 … khối phường; 05 … khối xã": one N per bloc in one sentence."""
    if len(tops) < 2:
        return None
    found: dict[str, int] = {}
    for i, m in enumerate(tops):
        after = folded[m.start() : tops[i + 1].start() if i + 1 < len(tops) else len(folded)]
        before = folded[tops[i - 1].end() if i else 0 : m.start()]
        bloc = bloc_of(after) or bloc_of(before)
        if bloc is None or bloc in found:
            return None
        found[bloc] = number(m.group(1) or m.group(2))
    return found


_LEVELS = [
    ("national", r"cap (?:toan quoc|nha nuoc)"),
    ("city", r"cap (?:thanh pho|tinh|bo,? nganh)"),
    ("district", r"cap (?:quan|huyen)"),
    ("commune", r"cap (?:xa|phuong)"),
    ("unit", r"cap co so|cap co quan|tai co quan,? don vi"),
]


def _initiatives(folded: str, over_period: bool) -> list[Found]:
    m = re.search(rf"(?:co |co tu |co it nhat |tu |it nhat )?(?:{NUM} )?sang kien[^;.]*", folded)
    if not m or re.search(r"\bnop sang kien|de xuat cac giai phap, sang kien", folded):
        return []
    count = re.search(rf"(?:tu|it nhat|co) {NUM} sang kien", folded)
    level = "unit"
    for code, rx in _LEVELS:
        if re.search(rf"cong nhan (?:o |tu |o cap )?{rx}|{rx} (?:tro len|cong nhan)", folded):
            level = code
            break
    rule: Rule = {
        "kind": "initiatives",
        "min_count": number(count.group(1)) if count else 1,
        "min_level": level,
        "over": "period" if over_period else "year",
    }
    return [Found(rule, m.start(), m.end())]


def _discipline(folded: str, over_period: bool) -> list[Found]:
    m = re.search(
        r"khong (?:co|de) (?:can bo|ca nhan|thanh vien|cong chuc)[^;.]*?"
        r"(?:vi pham|bi (?:xu ly )?ky luat)[^;.]*",
        folded,
    ) or re.search(r"khong (?:bi|vi pham) (?:xu ly )?ky luat[^;.]*", folded)
    if not m:
        return []
    part = m.group(0)
    level = "vi_pham" if "vi pham" in part else "khien_trach"
    if lv := re.search(
        r"(khien trach|canh cao|ha bac luong|giang chuc|cach chuc)\s*(?:tro len)", part
    ):
        level = lv.group(1).replace(" ", "_")
    return [
        Found(
            {
                "kind": "no_discipline",
                "min_level": level,
                "over": "period" if over_period else "year",
            },
            m.start(),
            m.end(),
        )
    ]


_EVAL = [
    ("htxs", r"hoan thanh xuat sac"),
    ("htt", r"hoan thanh tot"),
    ("ht", r"hoan thanh nhiem vu"),
]


def _evaluation(folded: str, over_period: bool) -> list[Found]:
    for code, rx in _EVAL:
        m = re.search(
            rf"(?:duoc xep loai |xep loai |dat )?(?:{NUM} nam lien tuc )?\"?{rx}"
            rf"(?: (?:cac |moi )?nhiem vu(?: cong tac)?(?: duoc giao)?)?\"?(?: tro len)?"
            rf"(?: {NUM} nam lien tuc)?",
            folded,
        )
        if m and not re.search(r"(?:muc tieu|chi tieu|ke hoach)", folded[m.end() : m.end() + 20]):
            rule: Rule = {"kind": "evaluation_class", "min_class": code}
            consecutive = re.search(rf"{NUM} nam lien tuc", m.group(0))
            if consecutive and number(consecutive.group(1)) > 1:
                rule["consecutive_years"] = number(consecutive.group(1))
            return [Found(rule, m.start(), m.end())]
    return []


def _cchc_work(folded: str, over_period: bool) -> list[Found]:
    m = re.search(
        rf"(?:co )?(?:it nhat {NUM} nam )?truc tiep (?:chi dao|phu trach|tham muu|to chuc|lanh dao)"
        r"[^;.]*?cai cach hanh chinh(?: (?:trong )?giai doan [\d\s-]+)?",
        folded,
    )
    if not m:
        return []
    years = re.search(rf"it nhat {NUM} nam", m.group(0))
    rule: Rule = {
        "kind": "cchc_work_years",
        "min_years": number(years.group(1)) if years else 1,
        "over": "period" if years else "year",
    }
    return [Found(rule, m.start(), m.end())]


def _titles(folded: str, over_period: bool) -> list[Found]:
    out: list[Found] = []
    titles = [
        ("cstd_co_so", r"chien si thi dua co so"),
        ("ldtt", r"lao dong tien tien"),
        ("ttldxs", r"tap the lao dong xuat sac"),
        ("ttldtt", r"tap the lao dong tien tien"),
    ]
    for code, rx in titles:
        if m := re.search(rf"(\d{{1,3}}) ?% [^;.]*?{rx}", folded):
            out.append(
                Found(
                    {"kind": "members_title_share", "title": code, "min_percent": m.group(1)},
                    m.start(),
                    m.end(),
                )
            )
        elif m := re.search(
            rf"(?:co )?(?:it nhat )?{NUM} (?:ca nhan|thanh vien) dat (?:danh hieu )?{rx}", folded
        ):
            out.append(
                Found(
                    {"kind": "members_with_title", "title": code, "min_count": number(m.group(1))},
                    m.start(),
                    m.end(),
                )
            )
        elif m := re.search(
            rf"{NUM} (?:lan|nam) lien tuc (?:dat |duoc tang )?(?:danh hieu )?\"?{rx}", folded
        ) or re.search(rf"{rx}\"? {NUM} (?:lan|nam) lien tuc", folded):
            out.append(
                Found(
                    {"kind": "title_held", "title": code, "consecutive_years": number(m.group(1))},
                    m.start(),
                    m.end(),
                )
            )
    return out


def _flags(folded: str, over_period: bool) -> list[Found]:
    out: list[Found] = []
    if m := re.search(r"(?:gui |co )?bao cao [^;.]*?phong trao[^;.]*?dung (?:thoi )?han", folded):
        out.append(Found({"kind": "movement_report_on_time"}, m.start(), m.end()))
    if m := re.search(r"(?:co )?dang ky (?:tham gia )?(?:phong trao )?thi dua", folded):
        out.append(Found({"kind": "registration"}, m.start(), m.end()))
    if m := re.search(
        r"hoan thanh (?:dung han )?(?:tu )?(\d{1,3}) ?% (?:cac |so )?nhiem vu[^;.]*", folded
    ):
        out.append(
            Found({"kind": "plan_on_time_rate", "min_percent": m.group(1)}, m.start(), m.end())
        )
    return out


_READERS = (_par, _initiatives, _discipline, _evaluation, _cchc_work, _titles, _flags)


def read_criteria(text: str, *, over_period: bool) -> tuple[list[Found], str]:
    """The criteria a sentence states and what is left of it once they are cut out (a manual standard when it
    still says something)."""
    folded = fold_same_length(text)
    found: list[Found] = []
    for reader in _READERS:
        for f in reader(folded, over_period):
            if any(f.start < g.end and g.start < f.end for g in found):
                continue
            found.append(f)
    found.sort(key=lambda f: f.start)
    for i, f in enumerate(found):
        # "Có sáng kiến …; có thể nhân rộng …": what follows describes the initiative.
        if f.rule["kind"] == "initiatives" and f.start <= 20:
            f.end = found[i + 1].start if i + 1 < len(found) else len(text)
    rest = text
    for f in sorted(found, key=lambda f: -f.start):
        rest = rest[: f.start] + " " + rest[f.end :]
    if found:
        folded_rest = fold_same_length(rest)
        for rx in _SAID:
            for m in reversed(list(re.finditer(rx, folded_rest))):
                rest = rest[: m.start()] + " " + rest[m.end() :]
                folded_rest = folded_rest[: m.start()] + " " + folded_rest[m.end() :]
    return found, clean_rest(rest)


# Words that only frame a rule already read ("Đối với khối phường: Chỉ xét các đơn vị trong … hàng năm").
_SAID = [
    r"(?:doi voi )?(?:khoi )?(?:so,? (?:ban,? )?nganh|phuong|xa,? dac khu)\s*:",
    r"(?:doi voi )?khoi (?:so,? (?:ban,? )?nganh|phuong|xa,? dac khu)",
    r"(?:thanh pho )?chi xet (?:cac )?don vi(?: dung)?(?: trong| co)?",
    r"\bve danh gia\b",
    r"\b(?:hang|hăng) nam\b",
    r"\btu nam \d{4}\s*-\s*\d{4}",
    r"\bluu y\s*:",
    r"\bdoi voi\b",
]


_FILLER = re.compile(
    r"^(?:doi voi (?:tap the|ca nhan)|tap the|ca nhan|co|va|dat|chi xet cac don vi|"
    r"chi xet cac don vi (?:dung )?trong|thanh pho chi xet cac don vi(?: trong)?|luu y|"
    r"duoc|trong|cac|dong thoi|phai|(?:ve )?danh gia)$"
)


def clean_rest(rest: str) -> str:
    """What is left of a sentence, trimmed of punctuation and connectives; empty when it says nothing more."""
    rest = re.sub(r"\(\s*\)", " ", rest)
    rest = re.sub(r"\s+", " ", rest)
    rest = re.sub(r"\s+([,;.:])", r"\1", rest)
    rest = re.sub(r"([,;:])(?:\s*[,;:])+", r"\1", rest)
    rest = rest.strip(" ,;:.-+*")
    rest = re.sub(r"(?:,| và| hoặc)\s*$", "", rest).strip(" ,;:.")
    rest = re.sub(r"(?i)^(?:đối với (?:tập thể|cá nhân)|tập thể|cá nhân)\s*:\s*", "", rest)
    rest = re.sub(
        r"(?i)\s*(?:và )?(?:có|đạt|đáp ứng)? ?(?:một|ít nhất \w+) trong (?:các|những|hai|ba) tiêu chuẩn sau\s*:?$",
        "",
        rest,
    )
    rest = re.sub(r"(?i)\s*(?:đạt|đáp ứng|có) (?:các|đủ các) tiêu chuẩn sau\s*:?$", "", rest)
    rest = rest.strip(" ,;:.-")
    words = re.findall(r"\w+", rest)
    if len(words) < 4 or _FILLER.match(fold_same_length(rest).strip()):
        return ""
    return rest[0].upper() + rest[1:]


__all__ = [
    "NUM",
    "Found",
    "bloc_of",
    "combinator",
    "fold_same_length",
    "forms_in",
    "kind_named",
    "late_policy",
    "level_named",
    "number",
    "read_criteria",
    "read_deadline",
    "read_quotas",
    "subject_marker",
]
