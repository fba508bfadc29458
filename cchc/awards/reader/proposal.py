"""The proposal: a rule file (the shape of `cchc.awards.rules.schema.ProgrammeFile`) read from a plan's text,
plus `not_read`, the sentences that could not be read, each with its clause and why.

Every programme, criterion, quota and deadline carries its clause (`source`, "2162/QĐ-UBND, mục III.2.1.2.a")
and the sentence it came from (`quote`). Where the text leaves something to choose (no award form named), the
choice is stated in the programme's notes. Nothing absent from the text is added.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from cchc.awards.reader import items
from cchc.awards.reader import patterns as pt
from cchc.awards.reader.sections import find_section, paragraphs
from cchc.awards.reader.tracks import Reading, Special, Track, Walker
from cchc.awards.rules.catalogue import catalogue
from cchc.registry.choices import DocType
from cchc.registry.reader import DocumentHeader, read_header

Rule = dict[str, Any]

NO_SECTION = (
    "Không tìm thấy phần khen thưởng (“Công tác khen thưởng”, “Khen thưởng”, “Hình thức, tiêu chuẩn khen "
    "thưởng”) trong văn bản: không đọc được quy định khen thưởng nào."
)
_KIND_SHORT = {"annual": "nam", "period_end": "gd", "ad_hoc": "dx"}
_KIND_WORDS = {"annual": "hằng năm", "period_end": "tổng kết giai đoạn", "ad_hoc": "đột xuất"}
_SUBJECT_SHORT = {"collective": "tap_the", "person": "ca_nhan", "household": "ho"}
_SUBJECT_WORDS = {"collective": "tập thể", "person": "cá nhân", "household": "hộ gia đình"}
_FORM_SHORT = {
    "co_thi_dua_ubnd_tp": "co_tp",
    "bang_khen_chu_tich_ubnd_tp": "bk_tp",
    "bang_khen_ttcp": "bk_ttcp",
    "giay_khen_chu_tich_ubnd_phuong": "gk_phuong",
    "giay_khen_chu_tich_ubnd_xa": "gk_xa",
    "giay_khen_chu_tich_ubnd_quan": "gk_quan",
    "giay_khen_thu_truong": "gk_tt",
}


def _issuer_short(header: DocumentHeader) -> str:
    issuer = re.sub(
        r"(?i)^(?:chủ tịch )?(?:ủy|uỷ) ban nhân dân\s+", "", header.issuer or ""
    ).strip()
    if re.match(r"(?:Phường|Xã|Thành phố|Đặc khu)\b", issuer):
        return issuer[:1].lower() + issuer[1:]
    return issuer


def _kind_abbrev(header: DocumentHeader) -> str:
    return header.doc_type if header.doc_type and header.doc_type != DocType.KHAC else "Văn bản"


def cite_of(header: DocumentHeader) -> str:
    """How the clauses name the document: its number, else its type and issuer ("KH xã Khúc Thừa Dụ")."""
    if header.number:
        return header.number
    issuer = _issuer_short(header)
    return f"{_kind_abbrev(header)} {issuer}".strip() if issuer else _kind_abbrev(header)


def base_form(header: DocumentHeader, issuer_kind: str | None = None) -> str:
    """The Giấy khen (or the city's Bằng khen) of the plan's own level."""
    folded = pt.fold_same_length(header.issuer or "")
    kind = issuer_kind or ""
    if kind == "ward" or re.search(r"\bphuong\b", folded):
        return "giay_khen_chu_tich_ubnd_phuong"
    if kind == "commune" or re.search(r"\bxa\b", folded):
        return "giay_khen_chu_tich_ubnd_xa"
    if re.search(r"\b(?:quan|huyen)\b", folded):
        return "giay_khen_chu_tich_ubnd_quan"
    return "bang_khen_chu_tich_ubnd_tp"


class Assembler:
    def __init__(self, header: DocumentHeader, reading: Reading, cite: str, base: str) -> None:
        self.header = header
        self.r = reading
        self.cite = cite
        self.base = base
        self.forms = catalogue().by_code()
        self.prefix = self._prefix()
        self.programmes: list[Rule] = []
        self.codes: set[str] = set()

    def _prefix(self) -> str:
        h = self.header
        if h.number:
            seq = re.match(r"\d+", h.number)
            abbrev = pt.fold_same_length(h.doc_type or "vb")
            return re.sub(r"[^a-z0-9]", "", f"{abbrev}{seq.group(0) if seq else ''}")
        kind = _kind_abbrev(h)
        prefix = pt.fold_same_length(kind).lower() if kind != "Văn bản" else "vb"
        slug = items.slug(_issuer_short(h) or "van ban", 4)
        return re.sub(r"[^a-z0-9_]", "", f"{prefix}_{slug}")

    def period(self) -> tuple[int, int] | None:
        h = self.header
        if h.period_start and h.period_end:
            return (h.period_start, h.period_end)
        if len(self.r.periods) == 1:
            return next(iter(self.r.periods))
        return None

    def code(self, kind: str, form: str, subject: str, extra: str = "") -> str:
        base = "_".join(
            x
            for x in (
                self.prefix,
                _KIND_SHORT[kind],
                extra,
                _FORM_SHORT.get(form, form),
                _SUBJECT_SHORT[subject],
            )
            if x
        )
        code, n = base, 1
        while code in self.codes:
            n += 1
            code = f"{base}_{n}"
        self.codes.add(code)
        return code

    def programme(
        self,
        *,
        kind: str,
        form: str,
        subject: str,
        source: str,
        criteria: list[Rule],
        extra: str = "",
        name_tail: str = "",
        quote: str | None = None,
    ) -> Rule | None:
        award = self.forms.get(form)
        if award is None or subject not in award.coefficients:
            return None
        criteria = items.fit_subject(
            items.flatten(items.merge_blocs(copy.deepcopy(criteria))), subject
        )
        if not criteria:
            return None
        items.unique_manual_codes(criteria)
        period = self.period()
        words = _KIND_WORDS[kind]
        if kind == "period_end" and period:
            words = f"{words} {period[0]} - {period[1]}"
        prog: Rule = {
            "code": self.code(kind, form, subject, extra),
            "name": f"{award.name} {words}{name_tail} cho {_SUBJECT_WORDS[subject]}",
            "kind": kind,
            "form": form,
            "subject": subject,
            "conferred_by": award.conferred_by.model_dump(exclude_none=True),
            "source": source,
        }
        if quote:
            prog["quote"] = quote
        if kind == "annual" and period:
            prog["years"] = {"start": period[0], "end": period[1]}
        blocs = sorted({b for node in _walk(criteria) for b in (node.get("n_by_bloc") or {})})
        own_bloc = {
            "giay_khen_chu_tich_ubnd_phuong": "phuong",
            "giay_khen_chu_tich_ubnd_xa": "xa-dac-khu",
        }.get(self.base)
        plain = any(
            n.get("kind") in ("par_top_n", "par_years_in_top") and "n" in n for n in _walk(criteria)
        )
        if plain and own_bloc and own_bloc not in blocs:
            # A ward's plan citing "top 5" of the city's ranking means its own bloc.
            blocs = sorted({*blocs, own_bloc})
        if blocs and subject == "collective":
            prog["pool"] = {"blocs": blocs, "source": source}
        prog["criteria"] = criteria
        found = items.conflicts(criteria)
        if found:
            prog["conflicts"] = found
        self.programmes.append(prog)
        return prog

    def run(self) -> list[Rule]:
        for t in self.r.tracks:
            self.track(t)
        self.ad_hoc()
        self.deadlines()
        return self.programmes

    def track(self, t: Track) -> None:
        before = len(self.programmes)
        self._track(t)
        for prog in self.programmes[before:]:
            if t.tie_breaks:
                prog["tie_break"] = copy.deepcopy(t.tie_breaks)

    def _track(self, t: Track) -> None:
        main: dict[str, Rule] = {}
        # When the quotas part names the programmes (Cờ thi đua, Bằng khen with its own threshold), the
        # criteria of the track feed those and make no programme of their own.
        named = any(sp.role in ("flag", "bang_khen") for sp in t.specials)
        if t.level != "state" and t.criteria and not named:
            forms = t.forms or [
                self.base if t.level in ("main", "base") else "bang_khen_chu_tich_ubnd_tp"
            ]
            for form in forms:
                for subject, criteria in t.criteria.items():
                    prog = self.programme(
                        kind=t.kind, form=form, subject=subject, source=t.source, criteria=criteria
                    )
                    if prog is None:
                        continue
                    if not t.forms:
                        prog.setdefault("notes", []).append(
                            {
                                "text": f"Văn bản không nêu hình thức cho mục này; đề xuất "
                                f"“{self.forms[form].name}” theo cấp khen thưởng: cần xác nhận.",
                                "source": t.source,
                            }
                        )
                    main.setdefault(subject, prog)
                    self.quotas(prog, t.quotas, shared=len(forms) > 1, forms=forms, t=t)
        flag_code = None
        for sp in t.specials:
            flag_code = self.special(t, sp, flag_code) or flag_code

    def quotas(
        self, prog: Rule, quotas: list[Rule], *, shared: bool, forms: list[str], t: Track
    ) -> None:
        for q in quotas:
            q = copy.deepcopy(q)
            subject = prog["subject"]
            if "max" in q:
                if subject in q["max"]:
                    q["max"] = {subject: q["max"][subject]}
                elif "any" not in q["max"]:
                    continue
            if "percent" in q and subject not in q["percent"] and "any" not in q["percent"]:
                continue
            q["code"] = items.slug(q.get("quote", "han_muc"), 4)
            prog.setdefault("quotas", []).append(q)
            if shared and q["group_by"] == "programme":
                q["_share"] = True

    def special(self, t: Track, sp: Special, flag_code: str | None) -> str | None:
        kind = t.kind if not (sp.role == "outside" and t.kind == "annual") else "ad_hoc"
        made = None
        for subject in sp.subjects:
            base_criteria = (
                [] if sp.role in ("outside", "form_award") else t.criteria.get(subject, [])
            )
            criteria = list(base_criteria) + sp.criteria
            if sp.role == "flag_persons" and flag_code:
                criteria = [
                    {
                        "kind": "nominated_for",
                        "programme": flag_code,
                        "applies_to": "own_unit",
                        "source": sp.source,
                        "quote": sp.quote,
                    },
                    *criteria,
                ]
            if sp.manual_text:
                criteria = [items.manual(sp.manual_text, sp.source, sp.quote), *criteria]
            extra = {"flag_persons": "don_vi_co", "outside": "ngoai_co_cau"}.get(sp.role, "")
            tail = {
                "flag_persons": " (cá nhân của đơn vị được đề nghị Cờ thi đua)",
                "outside": " (ngoài cơ cấu)",
            }.get(sp.role, "")
            prog = self.programme(
                kind=kind,
                form=sp.form,
                subject=subject,
                source=sp.source,
                criteria=criteria,
                extra=extra,
                name_tail=tail,
                quote=sp.quote,
            )
            if prog is None:
                continue
            quotas = [q for q in sp.quotas]
            if sp.role == "flag" and sp.bloc_counts:
                counts = set(sp.bloc_counts.values())
                if len(counts) == 1:
                    quotas.append(
                        {
                            "group_by": "bloc",
                            "max": {"collective": counts.pop()},
                            "source": sp.source,
                            "quote": sp.quote,
                        }
                    )
                else:
                    self.r.not_read.append(
                        {
                            "source": sp.source,
                            "text": sp.quote,
                            "reason": "Số lượng khác nhau theo khối: chưa đọc được.",
                        }
                    )
                prog["pool"] = {"blocs": sorted(sp.blocs), "source": sp.source}
            self.quotas(prog, quotas, shared=False, forms=[sp.form], t=t)
            if sp.role == "flag":
                made = prog["code"]
        return made

    def ad_hoc(self) -> None:
        rule = self.r.ad_hoc
        if rule is None or any(p["kind"] == "ad_hoc" for p in self.programmes):
            return
        text = rule.get("_manual") or ""
        if not text:
            return
        for subject in ("collective", "person"):
            self.programme(
                kind="ad_hoc",
                form=self.base,
                subject=subject,
                source=rule["source"],
                criteria=[items.manual(text, rule["source"], rule["quote"])],
                quote=rule["quote"],
            )

    def deadlines(self) -> None:
        shared: dict[str, list[str]] = {}
        kinds = {p["kind"] for p in self.programmes}
        for kind, rule in self.r.deadlines.items():
            if kind is not None and kind not in kinds:
                self.r.not_read.append(
                    {
                        "source": rule["source"],
                        "text": rule["quote"],
                        "reason": f"Hạn nộp cho khen thưởng {_KIND_WORDS[kind]} nhưng không có chương trình "
                        f"{_KIND_WORDS[kind]} nào đọc được.",
                    }
                )
        for prog in self.programmes:
            kind = prog["kind"]
            if kind == "ad_hoc" and self.r.ad_hoc is not None:
                dl: Rule | None = {k: v for k, v in self.r.ad_hoc.items() if not k.startswith("_")}
            else:
                dl = self.r.deadlines.get(kind) or self.r.deadlines.get(None)
            if dl is not None:
                prog["deadline"] = dict(dl)
                if self.r.late:
                    prog["late_policy"] = self.r.late["policy"]
                    prog["late_policy_source"] = self.r.late["source"]
                    prog["late_policy_quote"] = self.r.late["quote"]
            if self.r.dossier:
                prog["dossier"] = copy.deepcopy(self.r.dossier)
            for q in prog.get("quotas", []):
                if q.pop("_share", False):
                    shared.setdefault(f"{kind}:{q['code']}", []).append(prog["code"])
        for prog in self.programmes:
            for q in prog.get("quotas", []):
                key = f"{prog['kind']}:{q['code']}"
                if key in shared and prog["code"] in shared[key]:
                    q["programmes"] = shared[key]


def _walk(nodes: list[Rule]):
    for node in nodes:
        yield node
        yield from _walk(node.get("of", []))


def _document(header: DocumentHeader, period: tuple[int, int] | None) -> tuple[Rule, list[Rule]]:
    missing = []
    label = DocType(header.doc_type).label if header.doc_type in DocType.values else ""
    doc: Rule = {
        "number": header.number or None,
        "type": label if header.doc_type != DocType.KHAC and label else "Văn bản",
        "issuer": header.issuer or "(chưa đọc được cơ quan ban hành)",
        "date": header.date.strftime("%d/%m/%Y") if header.date else None,
        "title": header.attached_title or header.title or "(chưa đọc được tên văn bản)",
    }
    if header.signer:
        doc["signer"] = header.signer
    if period:
        doc["period"] = {"start": period[0], "end": period[1]}
    for what, value in (
        ("số, ký hiệu", header.number),
        ("cơ quan ban hành", header.issuer),
        ("tên văn bản", header.attached_title or header.title),
    ):
        if not value:
            missing.append(
                {
                    "source": "phần đầu văn bản",
                    "text": f"Không đọc được {what}.",
                    "reason": "Phần đầu văn bản thiếu hoặc không rõ: cần điền tay.",
                }
            )
    return doc, missing


_BODY = re.compile(r"\b(?:uy ban|ubnd|hoi dong|chu tich|so |van phong|phong |ban |cuc |bo )", re.I)


def propose(
    text: str, *, issuer_kind: str | None = None, issuer_name: str | None = None
) -> dict[str, Any]:
    """The rule file proposed from a plan's text, with `not_read`. `issuer_kind` and `issuer_name` (the level
    the user saves for) stand in for a header that does not name its issuer."""
    header = read_header(text)
    if header.issuer and not _BODY.search(pt.fold_same_length(header.issuer)):
        header.issuer = ""  # a heading or a sentence taken for the issuing body
    if not header.issuer and issuer_name:
        header.issuer = issuer_name
    paras = paragraphs(text)
    section = find_section(paras)
    cite = cite_of(header)
    reading = (
        Walker(section, cite, base_form(header, issuer_kind)).run()
        if section.heading
        else Reading()
    )
    asm = Assembler(header, reading, cite, base_form(header, issuer_kind))
    programmes = asm.run() if section.heading else []
    period = asm.period()
    document, missing = _document(header, period)
    year = period[0] if period else (header.date.year if header.date else None)
    data: dict[str, Any] = {
        "schema_version": 1,
        "id": f"{asm.prefix.replace('_', '-')}-{year}" if year else asm.prefix.replace("_", "-"),
        "document": document,
    }
    if reading.principles:
        data["principles"] = reading.principles
    if reading.notes:
        data["notes"] = reading.notes
    data["programmes"] = programmes
    not_read = list(reading.not_read)
    if not section.heading:
        not_read.insert(0, {"source": "toàn văn bản", "text": NO_SECTION, "reason": NO_SECTION})
    elif not programmes:
        not_read.insert(
            0,
            {
                "source": f"{cite}, mục {section.heading.clause}",
                "text": section.heading.body,
                "reason": "Phần khen thưởng không có chương trình nào đọc được.",
            },
        )
    data["not_read"] = missing + not_read
    return data
