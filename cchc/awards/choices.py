"""Choices of the awards module (Vietnamese labels); the codes of the rules are in `rules/vocabulary.py`."""

from django.db import models


class ProgrammeKind(models.TextChoices):
    ANNUAL = "annual", "Khen thưởng hằng năm"
    PERIOD_END = "period_end", "Khen thưởng tổng kết giai đoạn"
    AD_HOC = "ad_hoc", "Khen thưởng đột xuất"


class Subject(models.TextChoices):
    COLLECTIVE = "collective", "Tập thể"
    PERSON = "person", "Cá nhân"
    HOUSEHOLD = "household", "Hộ gia đình"


class Verdict(models.TextChoices):
    ELIGIBLE = "eligible", "Đủ điều kiện"
    NOT_ELIGIBLE = "not_eligible", "Không đủ điều kiện"
    TO_CHECK = "to_check", "Cần kiểm tra"


class DossierStatus(models.TextChoices):
    """A nomination dossier (hồ sơ đề nghị khen thưởng) from its draft to the standing agency's reception."""

    DRAFT = "draft", "Đang lập"
    AWAITING_APPROVAL = "awaiting_approval", "Chờ lãnh đạo phê duyệt"
    APPROVED = "approved", "Lãnh đạo đã phê duyệt"
    SUBMITTED = "submitted", "Đã nộp, chờ tiếp nhận"
    RETURNED = "returned", "Bị trả lại"
    RECEIVED = "received", "Đã tiếp nhận"
    REFUSED = "refused", "Không được xét"


class NominationStatus(models.TextChoices):
    """One nominee of a dossier, from its proposal to the award (or not)."""

    PROPOSED = "proposed", "Đề nghị"
    RECEIVED = "received", "Đã tiếp nhận"
    REFUSED = "refused", "Không được xét"
    PASSED = "passed", "Hội đồng đề nghị khen thưởng"
    LOWERED = "lowered", "Hội đồng đề nghị hình thức thấp hơn"
    FAILED = "failed", "Hội đồng không đề nghị"
    PROPOSED_UP = "proposed_up", "Đã trình cấp trên"
    AWARDED = "awarded", "Đã được khen thưởng"
    NOT_AWARDED = "not_awarded", "Không được khen thưởng"


class AttachmentKind(models.TextChoices):
    SUBMISSION = "submission", "Tờ trình"
    ACHIEVEMENT = "achievement", "Báo cáo thành tích"
    MINUTES = "minutes", "Biên bản họp Hội đồng Thi đua - Khen thưởng"
    EVIDENCE = "evidence", "Tài liệu kiểm chứng"
    OTHER = "other", "Khác"


class DisciplineLevel(models.TextChoices):
    """Disciplinary measures (Luật Cán bộ, công chức; Nghị định 172/2025/NĐ-CP), mildest first; `vi_pham` is a
    recorded violation without a measure yet."""

    VI_PHAM = "vi_pham", "Vi phạm (chưa xử lý kỷ luật)"
    KHIEN_TRACH = "khien_trach", "Khiển trách"
    CANH_CAO = "canh_cao", "Cảnh cáo"
    HA_BAC_LUONG = "ha_bac_luong", "Hạ bậc lương"
    GIANG_CHUC = "giang_chuc", "Giáng chức"
    CACH_CHUC = "cach_chuc", "Cách chức"
    BUOC_THOI_VIEC = "buoc_thoi_viec", "Buộc thôi việc"


class EvaluationClass(models.TextChoices):
    """Yearly evaluation of a cán bộ, công chức, viên chức (xếp loại chất lượng), highest first."""

    HTXS = "htxs", "Hoàn thành xuất sắc nhiệm vụ"
    HTT = "htt", "Hoàn thành tốt nhiệm vụ"
    HT = "ht", "Hoàn thành nhiệm vụ"
    KHT = "kht", "Không hoàn thành nhiệm vụ"


class CouncilRole(models.TextChoices):
    CHAIR = "chair", "Chủ tịch Hội đồng"
    VICE_CHAIR = "vice_chair", "Phó Chủ tịch Hội đồng"
    MEMBER = "member", "Ủy viên"
    SECRETARY = "secretary", "Ủy viên, Thư ký"


class BallotKind(models.TextChoices):
    OPEN = "open", "Biểu quyết công khai"
    SECRET = "secret", "Bỏ phiếu kín"


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", "Đã triệu tập"
    OPEN = "open", "Đang họp"
    CLOSED = "closed", "Đã kết thúc, có biên bản"


class VoteChoice(models.TextChoices):
    AGREE = "agree", "Đồng ý"
    DISAGREE = "disagree", "Không đồng ý"
    LOWER = "lower", "Đề nghị hình thức thấp hơn"
    ABSTAIN = "abstain", "Không biểu quyết (xung đột lợi ích)"


class DecisionStatus(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    SIGNED = "signed", "Đã ký, ban hành"


class DecisionKind(models.TextChoices):
    """The level's own decision, or the decision of a higher level recorded when it arrives."""

    OWN = "own", "Quyết định của cấp này"
    HIGHER = "higher", "Quyết định của cấp trên (ghi nhận)"
