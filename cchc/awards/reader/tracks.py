"""Walking the award section: award tracks (kind × level) with their criteria per subject, quotas, forms and the
programmes a sentence of "Cơ cấu, số lượng" creates (Cờ thi đua of the bloc leader, Bằng khen with its own
threshold, awards outside the quota), deadlines per kind, the late policy, dossier items, and every sentence
that could not be read."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from cchc.awards.reader import items
from cchc.awards.reader import patterns as pt
from cchc.awards.reader.sections import Paragraph, Section, sentences

Rule = dict[str, Any]


@dataclass
class Special:
    """A programme a sentence of the quotas part creates."""

    role: str  # flag | flag_persons | bang_khen | outside | form_award
    form: str
    subjects: list[str]
    source: str
    quote: str
    criteria: list[Rule] = field(default_factory=list)
    quotas: list[Rule] = field(default_factory=list)
    blocs: list[str] = field(default_factory=list)
    bloc_counts: dict[str, int] = field(default_factory=dict)
    manual_text: str = ""


@dataclass
class Track:
    kind: str
    level: str
    source: str
    criteria: dict[str, list[Rule]] = field(default_factory=dict)
    quotas: list[Rule] = field(default_factory=list)
    forms: list[str] = field(default_factory=list)
    form_source: str = ""
    specials: list[Special] = field(default_factory=list)
    tie_breaks: list[Rule] = field(default_factory=list)


@dataclass
class Reading:
    tracks: list[Track] = field(default_factory=list)
    deadlines: dict[str | None, Rule] = field(default_factory=dict)
    ad_hoc: Rule | None = None  # the sentence on ad-hoc awards (any time)
    late: Rule | None = None
    dossier: list[Rule] = field(default_factory=list)
    principles: list[Rule] = field(default_factory=list)
    notes: list[Rule] = field(default_factory=list)
    not_read: list[Rule] = field(default_factory=list)
    periods: set[tuple[int, int]] = field(default_factory=set)


def _part_of(title: str) -> str | None:
    if "thoi gian" in title:
        return "time"
    if "nguyen tac" in title:
        return "principles"
    if re.search(r"\bdoi tuong\b", title):
        return "objects"
    if "tieu chuan" in title and "hinh thuc" not in title:
        return "criteria"
    if "co cau" in title or re.search(r"^so luong", title):
        return "quotas"
    if "ho so" in title and "trinh tu" not in title:
        return "dossier"
    if "trinh tu" in title:
        return "procedure"
    if re.match(r"^hinh thuc khen thuong$", title):
        return "forms"
    if "kinh phi" in title:
        return "other"
    return None


class Walker:
    def __init__(self, section: Section, cite: str, base_form: str) -> None:
        self.section = section
        self.cite = cite
        self.base_form = base_form
        self.r = Reading()
        self.kind: str | None = None
        self.level: str | None = None
        self.sublevel: str | None = None
        self.part: str | None = None
        self.time_kind: str | None = None
        self.subject: str | None = None
        self.group: Rule | None = None
        self.last: Rule | None = None
        self.plus: list[Rule] = []
        self.last_text = ""
        self.last_list: list[Rule] | None = None
        self.special: Special | None = None

    # -- helpers
    def src(self, p: Paragraph) -> str:
        clause = p.clause
        return f"{self.cite}, mục {clause}" if clause else f"{self.cite}, phần khen thưởng"

    def skip(self, p: Paragraph, text: str, reason: str) -> None:
        self.r.not_read.append({"source": self.src(p), "text": text, "reason": reason})

    def track(self, p: Paragraph) -> Track:
        kind = self.kind or "annual"
        level = self.sublevel or self.level or "main"
        for t in self.r.tracks:
            if t.kind == kind and t.level == level:
                return t
        t = Track(kind=kind, level=level, source=self.src(p))
        self.r.tracks.append(t)
        return t

    @property
    def over_period(self) -> bool:
        return self.kind == "period_end"

    # -- walking
    def run(self) -> Reading:
        paras = self.section.paragraphs
        for p in paras[1:]:
            self.paragraph(p)
        self.close_plus()
        for p in self.section.after:
            self.after(p)
        return self.r

    def paragraph(self, p: Paragraph) -> None:
        f = p.folded.strip(" *:")
        for m in re.finditer(r"giai doan (\d{4}) ?- ?(\d{4})", f):
            self.r.periods.add((int(m.group(1)), int(m.group(2))))
        if p.bullet != "+":
            self.close_plus()
        if p.body.endswith(":") and len(p.body.split()) < 4 and not p.heading:
            return
        if p.heading and not (self.part == "criteria" and pt.subject_marker(f)):
            self.heading(p, f)
            return
        if re.match(r"^khen thuong cap", f):
            self.sublevel = pt.level_named(f[:40])
            rest = p.body.split(":", 1)[1].strip() if ":" in p.body else ""
            if rest:
                self.skip(p, p.body, "Không có tiêu chuẩn, số lượng riêng để đọc thành quy tắc.")
            return
        if self.part != "time" and re.search(r"\bho so\b|thoi gian", f):
            if any(pt.read_deadline(x) for x in sentences(p.body)) and self.time_sentences(p):
                return
        if late := pt.late_policy(p.body):
            self.r.late = {"policy": late, "source": self.src(p), "quote": p.body}
            return
        handler = {
            "criteria": self.criteria,
            "quotas": self.quotas,
            "forms": self.forms,
            "time": self.time,
            "dossier": self.dossier,
            "principles": self.principle,
            "objects": self.note,
        }.get(self.part or "")
        if handler is None and pt.forms_in(f) and re.search(r"\btang\b", f):
            handler = (
                self.quotas
            )  # "… xem xét tặng Bằng khen cho các tập thể, cá nhân có thành tích …"
        if handler is None:
            if not self.time_sentences(p):
                self.skip(p, p.body, "Không có quy tắc đọc được (trình tự, kinh phí hoặc lời dẫn).")
            return
        handler(p, f)

    def heading(self, p: Paragraph, f: str) -> None:
        part = _part_of(f)
        kind, level = pt.kind_named(f), pt.level_named(f)
        self.subject, self.group, self.last, self.special = None, None, None, None
        if part == "time":
            self.part, self.time_kind = "time", None
            return
        if self.part == "time" and kind:
            self.time_kind = kind
            return
        if kind or level:
            if kind:
                self.kind, self.level = kind, None
            if level:
                self.level = level
            self.sublevel = None
            self.part = part
            return
        if part is not None:
            self.part = part
            if part == "quotas":
                self.sublevel = None

    # -- criteria
    def criteria(self, p: Paragraph, f: str) -> None:
        subject = pt.subject_marker(f)
        body = p.body
        t = self.track(p)
        if subject:
            self.subject, self.group, self.last = subject, None, None
            body = re.sub(r"(?i)^(?:đối với |khen )?(?:tập thể|cá nhân)\s*:?\s*", "", body)
            t.criteria.setdefault(subject, [])
            if not body:
                return
        if self.subject is None:
            self.skip(p, p.body, "Không rõ tiêu chuẩn này dành cho tập thể hay cá nhân.")
            return
        target = t.criteria.setdefault(self.subject, [])
        folded = pt.fold_same_length(body)
        comb = pt.combinator(folded)
        if p.bullet == "+" and self.last is not None:
            self.plus.append(
                items.one_of_sentence(body, source=self.src(p), over_period=self.over_period)
                or items.manual(body, self.src(p), body)
            )
            return
        if p.bullet and not subject:
            node = items.one_of_sentence(body, source=self.src(p), over_period=self.over_period)
            if node is None:
                self.skip(p, body, "Không đọc được tiêu chuẩn.")
                return
            (self.group["of"] if self.group is not None else target).append(node)
            self.last = node
            self.last_text = body
            self.last_list = self.group["of"] if self.group is not None else target
            return
        # A paragraph of its own: the subject's preamble ("Có phẩm chất …, và có một trong các tiêu chuẩn
        # sau:") or a note that narrows the pool ("Lưu ý: Thành phố chỉ xét …").
        nodes = items.criteria_of(body, source=self.src(p), over_period=self.over_period)
        if target and not comb and any(n.get("kind") == "manual" for n in nodes):
            self.skip(p, body, "Không đọc được thành tiêu chuẩn (lời dẫn hoặc trình tự xét).")
            return
        target.extend(nodes)
        if comb:
            group = {**comb, "of": [], "source": self.src(p), "quote": body}
            target.append(group)
            self.group = group
        self.last = None

    def close_plus(self) -> None:
        """Sub-items ("+ Đối với khối …") replace an item that only introduces them."""
        if not self.plus:
            return
        if self.special is not None:
            self.plus = []
            return
        last, lst = self.last, self.last_list
        if last is not None and lst is not None and last in lst:
            intro_only = last.get("kind") == "manual" and self.last_text.rstrip().endswith(":")
            children = items.merge_blocs(self.plus)
            for child in children:
                child["quote"] = f"{self.last_text} {child.get('quote', '')}".strip()
            at = lst.index(last)
            if intro_only:
                lst[at : at + 1] = children
            else:
                lst[at + 1 : at + 1] = children
        self.plus = []

    # -- quotas and the programmes they create
    def quotas(self, p: Paragraph, f: str) -> None:
        t = self.track(p)
        body = p.body
        forms = pt.forms_in(f)
        if p.bullet == "+" and self.special is not None:
            self.special_item(p, body)
            return
        self.special = None
        source = self.src(p)
        if "co_thi_dua_ubnd_tp" in forms and re.search(r"dan dau khoi", f):
            sp = Special("flag", "co_thi_dua_ubnd_tp", ["collective"], source, body)
            sp.criteria = [{"kind": "bloc_leader", "source": source, "quote": body}]
            self._bloc_counts(sp, f)
            t.specials.append(sp)
            self.special = sp
            return
        if re.search(r"duoc de xuat tang co thi dua", f) and (q := pt.read_quotas(body)):
            limit = q[0].get("max", {}).get("person")
            if limit:
                sp = Special(
                    "flag_persons",
                    forms[-1] if forms else "bang_khen_chu_tich_ubnd_tp",
                    ["person"],
                    source,
                    body,
                )
                sp.quotas = [
                    {
                        "group_by": "parent_nomination",
                        "max": {"person": limit},
                        "source": source,
                        "quote": body,
                    }
                ]
                t.specials.append(sp)
                return
        if re.search(r"^ngoai ra\b", f) and forms:
            sp = Special("outside", forms[0], self._subjects(f), source, body)
            m = re.search(r"(?i)\bcó (nhiều đóng góp|thành tích)[^.]*", body)
            sp.manual_text = (m.group(0)[0].upper() + m.group(0)[1:]) if m else ""
            if sp.manual_text:
                t.specials.append(sp)
                return
        if forms and re.search(r"tang (?:bang khen|giay khen|co thi dua)", f):
            found, _ = pt.read_criteria(body, over_period=self.over_period)
            par = [x for x in found if x.rule["kind"] in ("par_top_n", "par_years_in_top")]
            if re.search(r"phai co thanh tich", f) or par:
                sp = Special("bang_khen", forms[0], self._subjects(f), source, body)
                for x in par:
                    sp.criteria.append({**x.rule, "source": source, "quote": body})
                sp.quotas = self._quotas(body, source)
                t.specials.append(sp)
                self.special = sp
                return
            m = re.search(r"(?i)\bcó (thành tích[^.]*)", body)
            if m:
                same_level = (t.level in ("main", "base")) == forms[0].startswith("giay_khen")
                if t.criteria and not t.forms and same_level:
                    t.forms, t.form_source = [forms[0]], source
                    return
                sp = Special("form_award", forms[0], self._subjects(f), source, body)
                sp.manual_text = "Có " + m.group(1)
                t.specials.append(sp)
                return
        quotas = self._quotas(body, source)
        if quotas:
            subject = pt.subject_marker(f)
            for quota in quotas:
                if subject and "max" in quota and len(quota["max"]) == 1:
                    quota["max"] = {subject: next(iter(quota["max"].values()))}
            t.quotas.extend(quotas)
            return
        if re.search(r"^(?:uu tien|truong hop bang (?:diem|nhau))", f):
            t.tie_breaks.append({"by": "priority", "text": body, "source": source, "quote": body})
            return
        if not self.time_sentences(p):
            self.skip(p, body, "Không nêu số lượng hay tiêu chuẩn cụ thể để đọc thành quy tắc.")

    def special_item(self, p: Paragraph, body: str) -> None:
        sp = self.special
        assert sp is not None
        source = self.src(p)
        f = pt.fold_same_length(body)
        if sp.role == "flag":
            self._bloc_counts(sp, f)
            sp.quote = f"{sp.quote} {body}"
            return
        found, _ = pt.read_criteria(body, over_period=self.over_period)
        for x in found:
            if x.rule["kind"] in ("par_top_n", "par_years_in_top"):
                sp.criteria.append({**x.rule, "source": source, "quote": f"{sp.quote} {body}"})
        for q in self._quotas(body, source):
            if q not in sp.quotas and all(q.get("max") != o.get("max") for o in sp.quotas):
                sp.quotas.append(q)
        sp.criteria = items.merge_blocs(sp.criteria)

    def _bloc_counts(self, sp: Special, f: str) -> None:
        for m in re.finditer(rf"(khoi [^:;()]*?|so,? (?:ban,? )?nganh)\s*:\s*{pt.NUM} tap the", f):
            bloc = pt.bloc_of(m.group(1) if m.group(1).startswith("khoi") else "khoi so")
            if bloc:
                sp.bloc_counts[bloc] = pt.number(m.group(2))
                if bloc not in sp.blocs:
                    sp.blocs.append(bloc)

    def _quotas(self, body: str, source: str) -> list[Rule]:
        return [{**q, "source": source, "quote": body} for q in pt.read_quotas(body)]

    @staticmethod
    def _subjects(f: str) -> list[str]:
        out = []
        if "tap the" in f:
            out.append("collective")
        if "ca nhan" in f:
            out.append("person")
        return out or ["collective", "person"]

    # -- forms, dossier, principles, notes
    def forms(self, p: Paragraph, f: str) -> None:
        forms = pt.forms_in(f)
        if not forms:
            self.skip(p, p.body, "Không nhận ra hình thức khen thưởng trong danh mục.")
            return
        t = self.track(p)
        t.forms, t.form_source = forms, self.src(p)

    def dossier(self, p: Paragraph, f: str) -> None:
        name = re.sub(r"^Tờ xuất\b", "Tờ trình", p.body)
        self.r.dossier.append(
            {
                "code": items.slug(name, 4),
                "name": name.rstrip("."),
                "source": self.src(p),
                "quote": p.body,
            }
        )

    def principle(self, p: Paragraph, f: str) -> None:
        self.r.principles.append({"text": p.body, "source": self.src(p)})

    def note(self, p: Paragraph, f: str) -> None:
        self.r.notes.append({"text": p.body, "source": self.src(p)})

    # -- deadlines
    def time(self, p: Paragraph, f: str) -> None:
        if not self.time_sentences(p):
            self.skip(p, p.body, "Không có hạn nộp hồ sơ (trình tự, nơi nhận hồ sơ).")

    def time_sentences(self, p: Paragraph) -> bool:
        """Deadlines and the ad-hoc rule in a paragraph; False when it has none."""
        used = False
        for s in sentences(p.body):
            folded = pt.fold_same_length(s)
            read = pt.read_deadline(s)
            if "dot xuat" in folded:
                self.r.ad_hoc = {
                    "kind": "any_time",
                    "source": self.src(p),
                    "quote": s,
                    "text": "khen thưởng đột xuất: đề nghị ngay khi có thành tích",
                }
                m = re.search(r"(?i)\bcó (thành tích[^,.]*(?:, tiêu biểu|, xuất sắc)*)", s)
                self.r.ad_hoc["_manual"] = ("Có " + m.group(1)) if m else ""
                used = True
                continue
            if read is None:
                continue
            rule, (a, b) = read
            kind = self.time_kind
            if kind is None:
                kind = pt.kind_named(folded[:a] + folded[b:])
            rule = {**rule, "text": s[a:b].strip(), "source": self.src(p), "quote": s}
            if kind in self.r.deadlines or (kind is None and None in self.r.deadlines):
                self.skip(
                    p, s, "Đã có hạn nộp khác cho cùng loại khen thưởng: người kiểm tra chọn."
                )
            else:
                self.r.deadlines[kind] = rule
            used = True
        return used

    def after(self, p: Paragraph) -> None:
        """After the section: deadlines of award dossiers written in the part on implementation."""
        folded = p.folded
        if "ho so" in folded and "khen thuong" in folded:
            for s in sentences(p.body):
                read = pt.read_deadline(s)
                if read and None not in self.r.deadlines:
                    rule, (a, b) = read
                    self.r.deadlines[None] = {
                        **rule,
                        "text": s[a:b].strip(),
                        "source": self.src(p),
                        "quote": s,
                    }
