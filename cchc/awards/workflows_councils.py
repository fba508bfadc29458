"""The state machine of a council meeting: convened, then open (attendance, votes), then closed with its results
and its two records (biên bản kiểm phiếu, biên bản họp).

    planned ──open──▶ open ──close──▶ closed

Guards say in Vietnamese why a move is refused now; the policies say who (`policies_councils.py`).
"""

from __future__ import annotations

from typing import Any

from cchc.awards import policies_councils as policies
from cchc.awards.choices import MeetingStatus
from cchc.core.workflow import Transition, Workflow


def _items_counted(meeting: Any, **_: Any) -> str | None:
    """Every nominee of the meeting needs its count before the meeting closes."""
    items = list(meeting.items.select_related("tally"))
    if not items:
        return "Phiên họp không có đề nghị nào để xét: không thể kết thúc."
    missing = [str(i.nomination) for i in items if not hasattr(i, "tally")]
    if missing:
        return (
            "Chưa có kết quả biểu quyết của: "
            + ", ".join(missing[:5])
            + ("…" if len(missing) > 5 else "")
        )
    return None


OPEN = Transition(
    "open",
    "Khai mạc phiên họp",
    [MeetingStatus.PLANNED],
    MeetingStatus.OPEN,
    policies.can_convene,
    url_name="awards:meeting_open",
    icon="bi-play-circle",
    confirm="Khai mạc phiên họp? Danh sách đề nghị được chốt theo các hồ sơ đã tiếp nhận.",
    refused="Chỉ cơ quan thường trực của cấp này mới khai mạc phiên họp.",
)
CLOSE = Transition(
    "close",
    "Kết thúc, lập biên bản",
    [MeetingStatus.OPEN],
    MeetingStatus.CLOSED,
    policies.can_convene,
    guard=_items_counted,
    url_name="awards:meeting_close",
    button="success",
    icon="bi-check2-circle",
    confirm="Kết thúc phiên họp? Kết quả được ghi vào từng đề nghị và lập biên bản họp, biên bản kiểm phiếu.",
    refused="Chỉ cơ quan thường trực của cấp này mới kết thúc phiên họp.",
)

MEETING_FLOW = Workflow(
    entity="award_meeting",
    entity_label="phiên họp Hội đồng Thi đua - Khen thưởng",
    states=MeetingStatus,
    transitions=[OPEN, CLOSE],
)
