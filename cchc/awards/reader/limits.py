"""Wordings of quotas, deadlines and the policy for late dossiers (see `patterns` for how matching works)."""

from __future__ import annotations

import re

from cchc.awards.reader.words import NUM, Rule, fold_same_length, number

# --- quotas ---------------------------------------------------------------------------------------------------


def read_quotas(text: str) -> list[Rule]:
    """Quotas a sentence states: "mỗi đơn vị đề nghị không quá 01 tập thể, 01 cá nhân", "tối đa 05 tập thể",
    "không quá 10% tổng số …", "01 trường hợp, tập thể hoặc cá nhân"."""
    folded = fold_same_length(text)
    out: list[Rule] = []
    per_unit = bool(
        re.search(r"moi (?:don vi|co quan|dia phuong|khoi|xa|phuong|bo phan|phong|to chuc)", folded)
    )
    group = "proposer" if per_unit else "programme"
    if m := re.search(
        rf"{NUM} truong hop,? (?:la )?(?:tap the hoac ca nhan|ca nhan hoac tap the)", folded
    ):
        out.append({"group_by": group, "max": {"any": number(m.group(1))}})
        return out
    if m := re.search(r"(?:khong qua|toi da|khong vuot qua) (\d{1,3}(?:[.,]\d+)?) ?%", folded):
        subject = "any"
        around = folded[max(0, m.start() - 60) : m.end() + 60]
        if "tap the" in around and "ca nhan" not in around:
            subject = "collective"
        elif "ca nhan" in around and "tap the" not in around:
            subject = "person"
        out.append({"group_by": group, "percent": {subject: m.group(1).replace(",", ".")}})
        return out
    limits: dict[str, int] = {}
    for m in re.finditer(
        rf"(?:(?:khong qua|toi da|khong vuot qua|chi) )?{NUM} "
        r"(tap the|ca nhan|don vi|nguoi|ho gia dinh)",
        folded,
    ):
        context = folded[max(0, m.start() - 40) : m.start()]
        if not (
            re.search(r"khong qua|toi da|khong vuot qua|de nghi|:\s*$|,\s*$", context)
            or m.group(0).startswith(("khong qua", "toi da", "khong vuot qua"))
        ):
            continue
        what = {
            "tap the": "collective",
            "don vi": "collective",
            "ca nhan": "person",
            "nguoi": "person",
            "ho gia dinh": "household",
        }[m.group(2)]
        if re.search(r"nam (?:trong|lien tuc)", folded[m.end() : m.end() + 12]):
            continue
        limits.setdefault(what, number(m.group(1)))
    if limits and re.search(r"khong qua|toi da|khong vuot qua|\bchi\b|:\s*\d", folded):
        out.append({"group_by": group, "max": limits})
    return out


# --- deadlines ------------------------------------------------------------------------------------------------

_DATE_FULL = r"(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})"
_DATE_DM = r"(\d{1,2})\s*/\s*(\d{1,2})(?!\s*/\s*\d)"


def read_deadline(text: str) -> tuple[Rule, tuple[int, int]] | None:
    """The deadline a sentence states, with the span of its words."""
    folded = fold_same_length(text)
    if m := re.search(
        rf"tu (?:ngay )?{_DATE_DM}(?:/(\d{{4}}))? den (?:het )?(?:ngay )?{_DATE_DM}", folded
    ):
        start = f"{int(m.group(1)):02d}/{int(m.group(2)):02d}"
        end = f"{int(m.group(4)):02d}/{int(m.group(5)):02d}"
        return {"kind": "window", "start": start, "end": end}, m.span()
    if m := re.search(
        rf"(?:truoc|cham nhat|som nhat)\s+{NUM}\s+ngay( lam viec)?\s*(?:truoc |so voi |tinh den )?"
        r"(?:ngay |thoi diem )?([^.;,()]{3,80})",
        folded,
    ) or re.search(
        rf"{NUM}\s+ngay( lam viec)?\s+truoc (?:ngay |thoi diem )?([^.;,()]{{3,80}})", folded
    ):
        event = text[m.start(3) : m.end(3)].strip()
        return (
            {
                "kind": "days_before_event",
                "n": number(m.group(1)),
                "working_days": bool(m.group(2)),
                "event": event,
            },
            m.span(),
        )
    lead = r"(?:xong |gui )?(truoc|cham nhat|han cuoi|han chot|hoan thanh truoc|trong)"
    if m := re.search(rf"{lead}\s*(?:ngay|la ngay|:)?\s*{_DATE_FULL}", folded):
        d, mo, y = int(m.group(2)), int(m.group(3)), int(m.group(4))
        return (
            {"kind": "fixed", "date": f"{d:02d}/{mo:02d}/{y}", "before": m.group(1) == "truoc"},
            m.span(),
        )
    if m := re.search(rf"{lead}\s*(?:ngay|la ngay|:)?\s*{_DATE_DM}(\s*(?:hang|hăng) nam)?", folded):
        d, mo = int(m.group(2)), int(m.group(3))
        # Dossiers for the awards of year Y are due in the first months of Y+1 ("trước 31/3 hằng năm"); a
        # date late in the year is in the year itself ("chậm nhất ngày 15/10").
        rule: Rule = {
            "kind": "yearly",
            "date": f"{d}/{mo}",
            "before": m.group(1) == "truoc",
            "year_offset": 1 if mo <= 6 else 0,
        }
        return rule, m.span()
    if m := re.search(
        r"ngay sau khi (?:lap duoc|co|dat duoc) thanh tich|bat cu luc nao|bat ky thoi diem", folded
    ):
        return {"kind": "any_time", "after_achievement": "thanh tich" in m.group(0)}, m.span()
    if m := re.search(
        r"(?:thuc hien )?theo (?:ke hoach|thong bao|huong dan) (?:tong ket|cua|rieng)[^.;]*|se (?:co )?thong bao sau",
        folded,
    ):
        if re.search(r"thoi gian|tiep nhan|ho so", folded):
            return {"kind": "announced_later"}, m.span()
    return None


def late_policy(text: str) -> str | None:
    """'hồ sơ gửi chậm … sẽ không xem xét' → refuse; 'vẫn xem xét' → accept_late."""
    folded = fold_same_length(text)
    late = re.search(r"\b(?:muon|cham|qua han|sau thoi han)\b", folded)
    if not late or "ho so" not in folded:
        return None
    if re.search(
        r"khong (?:duoc )?(?:xem )?xet|khong (?:duoc )?tiep nhan|khong nhan|tu choi", folded
    ):
        return "refuse"
    if re.search(r"van (?:duoc )?(?:xem )?xet|van tiep nhan", folded):
        return "accept_late"
    return None
