"""Criteria read from the sentences of the award section, as rule-file nodes with their clause and sentence.

A sentence gives the criteria `patterns.read_criteria` finds in it, plus a manual standard for what is left
("Có phẩm chất đạo đức tốt …"); "… hoặc có sáng kiến …" gives "one of". Sub-items by bloc ("+ Đối với khối
phường: … top 5 …") merge into one rule with a threshold per bloc.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from cchc.awards.reader import patterns as pt

Rule = dict[str, Any]

_UNIT_ONLY = {
    "par_top_n",
    "par_years_in_top",
    "par_score_at_least",
    "par_band_at_least",
    "bloc_leader",
    "plan_on_time_rate",
    "movement_report_on_time",
    "registration",
    "members_title_share",
    "members_with_title",
    "members_evaluation_share",
}
_PERSON_ONLY = {"cchc_work_years"}
_GROUPS = {"all", "any", "at_least"}


def slug(text: str, words: int = 5) -> str:
    folded = pt.fold_same_length(text)
    parts = re.findall(r"[a-z0-9]+", folded)[:words]
    return "_".join(parts) or "tieu_chuan"


def manual(text: str, source: str, quote: str) -> Rule:
    return {"kind": "manual", "code": slug(text), "text": text, "source": source, "quote": quote}


def criteria_of(text: str, *, source: str, over_period: bool) -> list[Rule]:
    """The criteria of one sentence (an implicit "all"), each with the clause and the sentence."""
    folded = pt.fold_same_length(text)
    split = re.search(r",? hoac (?:co |la |duoc )", folded)
    if split and not re.match(
        r"^(?:doi voi )?(?:tap the|ca nhan)\s*:?\s*$", folded[: split.start()]
    ):
        left, right = text[: split.start()], text[split.start() :]
        right = re.sub(r"(?i)^,?\s*hoặc\s+", "", right)
        branches = [
            _one(criteria_of(part, source=source, over_period=over_period), source, text)
            for part in (left, right)
        ]
        return [{"kind": "any", "of": branches, "source": source, "quote": text}]
    found, rest = pt.read_criteria(text, over_period=over_period)
    nodes: list[Rule] = []
    if rest:
        nodes.append(manual(rest, source, text))
    for f in found:
        node = dict(f.rule)
        node["source"] = source
        node["quote"] = text
        nodes.append(node)
    return nodes


def _one(nodes: list[Rule], source: str, quote: str) -> Rule:
    if len(nodes) == 1:
        return nodes[0]
    return {"kind": "all", "of": nodes, "source": source, "quote": quote}


def one_of_sentence(text: str, *, source: str, over_period: bool) -> Rule | None:
    nodes = criteria_of(text, source=source, over_period=over_period)
    return _one(nodes, source, text) if nodes else None


def _thresholds(node: Rule) -> dict[str, int]:
    if "n_by_bloc" in node:
        return dict(node["n_by_bloc"])
    return {"*": node["n"]} if "n" in node else {}


def merge_blocs(nodes: list[Rule]) -> list[Rule]:
    """Consecutive PAR rules of one kind, each naming one bloc, become one rule with `n_by_bloc`."""
    out: list[Rule] = []
    for node in nodes:
        prev = out[-1] if out else None
        if (
            prev is not None
            and node.get("kind") in ("par_top_n", "par_years_in_top")
            and prev.get("kind") == node["kind"]
            and prev.get("min_years") == node.get("min_years")
            and "n_by_bloc" in prev
            and "n_by_bloc" in node
            and not set(prev["n_by_bloc"]) & set(node["n_by_bloc"])
        ):
            prev["n_by_bloc"] = {**prev["n_by_bloc"], **node["n_by_bloc"]}
            if node.get("quote") and node["quote"] not in (prev.get("quote") or ""):
                prev["quote"] = f"{prev.get('quote', '')} {node['quote']}".strip()
            continue
        out.append(node)
    for node in out:
        if node.get("kind") in _GROUPS:
            node["of"] = merge_blocs(node["of"])
    return out


def flatten(nodes: list[Rule], *, in_all: bool = True) -> list[Rule]:
    """A group of one becomes its child; an "all" inside a list that is itself all (the programme's list or
    another "all") gives its children to that list."""
    out: list[Rule] = []
    for node in nodes:
        kind = node.get("kind")
        if kind in _GROUPS:
            node["of"] = flatten(node["of"], in_all=kind == "all")
            if (kind == "all" and in_all) or (len(node["of"]) == 1 and kind != "at_least"):
                out.extend(node["of"])
                continue
        out.append(node)
    return out


def fit_subject(nodes: list[Rule], subject: str) -> list[Rule]:
    """Criteria made to fit the subject: a unit rule in a person's programme reads the person's unit; a rule on
    persons in a collective's programme stays a manual standard with its sentence."""
    out: list[Rule] = []
    for node in copy.deepcopy(nodes):
        kind = node.get("kind")
        if kind in _GROUPS:
            node["of"] = fit_subject(node["of"], subject)
        elif subject == "person" and kind in _UNIT_ONLY:
            if kind in ("par_top_n", "par_years_in_top", "par_score_at_least", "bloc_leader"):
                node["applies_to"] = "own_unit"
            else:
                node = manual(node.get("quote") or kind, node["source"], node.get("quote") or "")
        elif subject != "person" and kind in _PERSON_ONLY:
            node = manual(node.get("quote") or kind, node["source"], node.get("quote") or "")
        out.append(node)
    return out


def unique_manual_codes(nodes: list[Rule], seen: dict[str, int] | None = None) -> None:
    """Manual standards of one programme get distinct codes."""
    seen = {} if seen is None else seen
    for node in nodes:
        if node.get("kind") in _GROUPS:
            unique_manual_codes(node["of"], seen)
        elif node.get("kind") == "manual":
            code = node["code"]
            if code in seen:
                seen[code] += 1
                node["code"] = f"{code}_{seen[code]}"
            else:
                seen[code] = 1


def conflicts(nodes: list[Rule]) -> list[Rule]:
    """Two PAR thresholds of the same kind that disagree for a bloc ("top 10" and, in a note, "top 5"): both
    kept, the stricter one names the conflict, which shows both sentences."""
    found: list[Rule] = []
    par = [n for n in nodes if n.get("kind") in ("par_top_n", "par_years_in_top")]
    for i, a in enumerate(par):
        for b in par[i + 1 :]:
            if a["kind"] != b["kind"] or a.get("min_years") != b.get("min_years"):
                continue
            ta, tb = _thresholds(a), _thresholds(b)
            clash = [
                (ka, kb)
                for ka in ta
                for kb in tb
                if (ka == kb or "*" in (ka, kb)) and ta[ka] != tb[kb]
            ]
            if not clash or not a.get("quote") or not b.get("quote"):
                continue
            ka, kb = clash[0]
            na, nb = ta[ka], tb[kb]
            strict = a if na < nb else b
            code = f"top{min(na, nb)}_top{max(na, nb)}"
            strict["conflict"] = code
            found.append(
                {
                    "code": code,
                    "title": f"Văn bản ghi hai ngưỡng khác nhau: top {na} và top {nb}",
                    "text": (
                        f"Hai câu của văn bản nêu ngưỡng khác nhau ({a['source']}: top {na}; "
                        f"{b['source']}: top {nb}). Cả hai được giữ như văn bản viết; đơn vị chỉ đạt "
                        f"ngưỡng rộng hơn là “cần kiểm tra” cho đến khi người có thẩm quyền quyết định."
                    ),
                    "statements": [
                        {"source": a["source"], "quote": a["quote"]},
                        {"source": b["source"], "quote": b["quote"]},
                    ],
                }
            )
    return found
