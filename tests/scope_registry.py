"""How to reach every page and API route of cchc from the demo city, for the generated scope walk.

tests/test_scope_walk.py walks every URL pattern of config.urls and every route of config.api.api as an
anonymous user, as `lechan` on Khúc Thừa Dụ's objects and as the read-only viewer `lechan.xem`; it fails when a
URL name or API route is missing here. A module that adds pages adds one entry per URL name to its own dict
below (or a new dict listed in PAGE_REGISTRIES / API_REGISTRIES).

An entry says what kind of URL it is and how to build its kwargs for a place in the demo city:
`where` is OWN (phường Lê Chân, inside lechan's scope) or OTHER (xã Khúc Thừa Dụ, outside it).

Page kinds:
- "page": a GET page (list, detail, download); POST is refused (405).
- "form": a GET form whose POST writes; both need the right role on the object.
- "action": POST only (GET answers 405).
- "redirect": an old address kept working: GET leads to its new place (301/302), POST is refused (405).
- "public": login, logout and the API documentation; not checked for scope.
- "personal": the signed-in user's own account (password, "log out everywhere"): anonymous visitors go to the login
  page, every signed-in user may use it, so the read-only viewer's POST is not expected to be refused.

`scoped` (default: True when the URL takes kwargs) marks URLs naming an object owned by a unit, which must be
404 for a user whose grants do not cover that unit. `viewer` is what the read-only viewer gets on GET inside
their scope: "ok" (200) or "refused" (403); the default follows the kind ("page" → ok, "form" → refused).
`personal` marks URLs about the user's own things (their notifications): another user's object is 404, and the
viewer may act on their own (nothing of the ward changes).
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from django.core.files.uploadedfile import SimpleUploadedFile

from cchc.core.scope import SYSTEM

OWN = "own"
OTHER = "other"
OWN_LEVEL = "Lê Chân"
OTHER_LEVEL = "Khúc Thừa Dụ"
OWN_DOCUMENT = "259/KH-UBND"
OTHER_DOCUMENT = "133/KH-UBND"


class Demo:
    """Objects of the demo city, looked up by where they are (OWN or OTHER)."""

    def __init__(self):
        self._files = {}

    def level(self, where: str):
        from cchc.orgs.choices import LEVEL_KINDS
        from cchc.orgs.models import Unit

        short = OWN_LEVEL if where == OWN else OTHER_LEVEL
        return Unit.objects.get(short_name=short, kind__in=LEVEL_KINDS)

    def office(self, where: str):
        """The ward's (or commune's) Phòng Văn hóa - Xã hội."""
        from cchc.orgs.models import Unit

        return Unit.objects.get(code=f"{self.level(where).code}-VHXH")

    def person(self, where: str):
        from cchc.orgs.models import Person

        return Person.objects.filter(unit=self.office(where)).order_by("pk").first()

    def alias(self, where: str):
        return self.office(where).aliases.order_by("pk").first()

    def document(self, where: str):
        from cchc.registry.models import Document

        number = OWN_DOCUMENT if where == OWN else OTHER_DOCUMENT
        return Document.objects.get(number=number, org_unit=self.level(where))

    def file(self, where: str):
        """A file attached to the place's document (created on first use, inside the test's transaction)."""
        from cchc.registry.models import DocumentFile
        from cchc.registry.services import document_attach

        doc = self.document(where)
        existing = DocumentFile.objects.filter(document=doc).first()
        if existing:
            return existing
        upload = SimpleUploadedFile(
            "ke-hoach.txt", "Nội dung kế hoạch".encode(), content_type="text/plain"
        )
        return document_attach(actor=self.user("admin"), document=doc, uploaded_file=upload)

    def user(self, username: str):
        from django.contrib.auth import get_user_model

        return get_user_model().objects.get(username=username)

    @cached_property
    def bloc_code(self) -> str:
        return "phuong"


Kwargs = Callable[[Demo, str], dict]


@dataclass(frozen=True)
class Page:
    kind: str = "page"
    kwargs: Kwargs | None = None
    scoped: bool | None = None
    viewer: str | None = None
    personal: bool = False

    @property
    def is_scoped(self) -> bool:
        return self.kwargs is not None if self.scoped is None else self.scoped

    @property
    def viewer_get(self) -> str:
        """What the read-only viewer gets on GET inside their scope."""
        if self.viewer:
            return self.viewer
        return {
            "page": "ok",
            "form": "refused",
            "action": "not_allowed",
            "redirect": "redirect",
        }.get(self.kind, "ok")

    def build(self, demo: Demo, where: str) -> dict:
        return self.kwargs(demo, where) if self.kwargs else {}


@dataclass(frozen=True)
class Api:
    kwargs: Kwargs | None = None
    scoped: bool | None = None
    public: bool = False
    personal: bool = False  # the caller's own token: nothing of a unit, 404 when there is none

    @property
    def is_scoped(self) -> bool:
        return self.kwargs is not None if self.scoped is None else self.scoped

    def build(self, demo: Demo, where: str) -> dict:
        return self.kwargs(demo, where) if self.kwargs else {}


def unit(d: Demo, w: str) -> dict:
    return {"pk": d.office(w).pk}


def level(d: Demo, w: str) -> dict:
    return {"pk": d.level(w).pk}


def person(d: Demo, w: str) -> dict:
    return {"pk": d.person(w).pk}


def document(d: Demo, w: str) -> dict:
    return {"pk": d.document(w).pk}


CORE = {
    "home": Page(),
    "login": Page(kind="public"),
    "logout": Page(kind="public"),
    "audit_list": Page(viewer="refused"),
    "api:api-root": Page(kind="public"),
    "api:openapi-json": Page(kind="public"),
    "api:openapi-view": Page(kind="public"),
}

ORGS = {
    "orgs:unit_list": Page(),
    "orgs:unit_tree": Page(),
    "orgs:unit_tree_children": Page(kwargs=unit),
    "orgs:unit_detail": Page(kwargs=unit),
    "orgs:unit_edit": Page(kind="form", kwargs=unit),
    "orgs:unit_create": Page(kind="form", kwargs=level),
    "orgs:unit_deactivate": Page(kind="action", kwargs=unit),
    "orgs:unit_bloc_set": Page(kind="action", kwargs=level),
    "orgs:alias_add": Page(kind="action", kwargs=unit),
    "orgs:alias_remove": Page(
        kind="action", kwargs=lambda d, w: {"pk": d.office(w).pk, "alias_id": d.alias(w).pk}
    ),
    "orgs:person_create": Page(kind="form", kwargs=unit),
    "orgs:person_list": Page(),
    "orgs:person_detail": Page(kwargs=person),
    "orgs:person_edit": Page(kind="form", kwargs=person),
    "orgs:person_move": Page(kind="form", kwargs=person),
    "orgs:bloc_list": Page(),
    "orgs:bloc_detail": Page(kwargs=lambda d, w: {"code": d.bloc_code}, scoped=False),
    "orgs:import_upload": Page(kind="form", kwargs=lambda d, w: {"what": "don-vi"}, scoped=False),
    "orgs:import_confirm": Page(
        kind="action", kwargs=lambda d, w: {"what": "ca-nhan"}, scoped=False
    ),
    "orgs:import_template": Page(
        kwargs=lambda d, w: {"what": "don-vi"}, scoped=False, viewer="refused"
    ),
}

DOCUMENTS = {
    "registry:document_list": Page(),
    "registry:document_create": Page(kind="form"),
    "registry:document_read": Page(kind="form"),
    "registry:document_detail": Page(kwargs=document),
    "registry:document_edit": Page(kind="form", kwargs=document),
    "registry:document_bases": Page(kwargs=document),
    "registry:document_attach": Page(kind="action", kwargs=document),
    "registry:document_file": Page(kwargs=lambda d, w: {"file_id": d.file(w).pk}),
}

# Pages of the CCHC plans and tasks (namespace "plans") and reports ("reports"): their authors add one entry
# per URL name.
PLANS: dict[str, Page] = {}
REPORTS: dict[str, Page] = {}
# Plan import: upload/paste and preview (GET form, POST answers the preview), then confirm (POST); for the standing
# agencies of a level, the unit chosen in the form (not in the URL).
PLANS["plans:plan_import"] = Page(kind="form", scoped=False)
PLANS["plans:plan_import_confirm"] = Page(kind="action", scoped=False)


# Plans and tasks (namespace "plans"): a plan, its tasks, their evidence files and its targets belong to the plan's
# ward.


def plan_of(d: Demo, w: str):
    from cchc.plans.models import Plan

    return Plan.objects.filter(unit=d.level(w)).order_by("-year").first()


def plan_task(d: Demo, w: str):
    return plan_of(d, w).tasks.get(no=8)


def task_kw(d: Demo, w: str) -> dict:
    return {"pk": plan_task(d, w).pk}


def progress_file_kw(d: Demo, w: str) -> dict:
    """An evidence file of the place's task (reported through the service by the ward's standing office)."""
    from cchc.plans.models import ProgressFile

    task = plan_task(d, w)
    f = ProgressFile.objects.filter(report__task=task).first()
    if f is None:
        from cchc.plans.tracking import progress_report

        upload = SimpleUploadedFile(
            "minh-chung.txt", "Tài liệu kiểm chứng".encode(), content_type="text/plain"
        )
        report = progress_report(
            actor=d.user("lechan" if w == OWN else "khucthuadu"),
            task=task,
            percent=task.percent,
            status=task.status,
            files=[upload],
        )
        f = report.files.get()
    return {"file_id": f.pk}


def target_kw(d: Demo, w: str) -> dict:
    return {"pk": plan_of(d, w).targets.order_by("order", "id").first().pk}


PLANS["plans:plan_list"] = Page()
PLANS["plans:plan_detail"] = Page(kwargs=lambda d, w: {"pk": plan_of(d, w).pk})
PLANS["plans:plan_update"] = Page(kind="action", kwargs=lambda d, w: {"pk": plan_of(d, w).pk})
PLANS["plans:plan_withdraw"] = Page(kind="action", kwargs=lambda d, w: {"pk": plan_of(d, w).pk})
PLANS["plans:target_add"] = Page(kind="form", kwargs=lambda d, w: {"pk": plan_of(d, w).pk})
PLANS["plans:task_list"] = Page()
PLANS["plans:task_detail"] = Page(kwargs=task_kw)
PLANS["plans:task_progress"] = Page(kind="action", kwargs=task_kw)
PLANS["plans:task_deadline"] = Page(kind="action", kwargs=task_kw)
PLANS["plans:progress_file"] = Page(kwargs=progress_file_kw)
PLANS["plans:target_detail"] = Page(kwargs=target_kw)
PLANS["plans:target_edit"] = Page(kind="form", kwargs=target_kw)
PLANS["plans:target_delete"] = Page(kind="action", kwargs=target_kw)
PLANS["plans:target_confirm"] = Page(kind="action", kwargs=target_kw)
PLANS["plans:target_measure"] = Page(kind="action", kwargs=target_kw)
PLANS["plans:reminder_list"] = Page(kind="redirect")  # the old address of the inbox


# Reports on CCHC plans (namespace "reports"): the home page and the overview follow the actor's scope (no object in
# the URL); a plan's dashboard, its Excel file and its Word report belong to the plan's ward.


def report_plan(d: Demo, w: str) -> dict:
    from cchc.plans.models import Plan

    return {"pk": Plan.objects.filter(unit=d.level(w)).order_by("-year").first().pk}


REPORTS["reports:home"] = Page()
REPORTS["reports:overview"] = Page()
REPORTS["reports:overview_xlsx"] = Page()
REPORTS["reports:plan_dashboard"] = Page(kwargs=report_plan)
REPORTS["reports:plan_xlsx"] = Page(kwargs=report_plan)
REPORTS["reports:plan_report"] = Page(kwargs=report_plan)


# --- Notifications (namespace "notifications"): personal, so a notification belongs to the user it was sent to
# (the ward's standing office receives its ward's task reminders); another user's is not found. Marking all read
# is refused to a user who was never notified (the read-only viewer).


def notification_kw(d: Demo, w: str) -> dict:
    """A notification of the place's standing office (the demo day's reminders, sent when there are none)."""
    from cchc.notifications.models import Notification

    user = d.user("lechan" if w == OWN else "khucthuadu")
    if not Notification.objects.filter(user=user).exists():
        from cchc.demo.day import DEMO_DAY as DEMO_TODAY
        from cchc.plans.tracking import reminders_send

        reminders_send(today=DEMO_TODAY)
    return {"pk": Notification.objects.filter(user=user).order_by("pk").first().pk}


NOTIFICATIONS = {
    "notifications:inbox": Page(),
    "notifications:read": Page(kind="action", kwargs=notification_kw, personal=True),
    "notifications:read_all": Page(kind="action", scoped=False, personal=True),
}


# --- PAR Index (namespace "par"): criteria sets and rounds belong to the city (shared, not scoped to a ward);
# assessments, their answers and evidence belong to the assessed unit.


def par_set(d: Demo, w: str) -> dict:
    from cchc.par.models import CriteriaSet

    return {
        "pk": CriteriaSet.objects.filter(bloc_code="phuong", is_current=True)
        .order_by("-year")
        .first()
        .pk
    }


def par_node(d: Demo, w: str) -> dict:
    from cchc.par.models import CriteriaSet, Criterion

    cs = CriteriaSet.objects.filter(bloc_code="phuong", is_current=True).order_by("-year").first()
    return {
        "pk": cs.pk,
        "node_id": Criterion.objects.filter(criteria_set=cs).order_by("sort_key").first().pk,
    }


def par_round(d: Demo, w: str) -> dict:
    from cchc.par.models import Round

    return {"pk": Round.objects.order_by("-year").first().pk}


def par_assessment_of(d: Demo, w: str):
    from cchc.par.models import Assessment

    return Assessment.objects.filter(unit=d.level(w)).order_by("-round__year").first()


def par_assessment(d: Demo, w: str) -> dict:
    return {"pk": par_assessment_of(d, w).pk}


def par_answer(d: Demo, w: str) -> dict:
    assessment = par_assessment_of(d, w)
    return {
        "pk": assessment.pk,
        "answer_id": assessment.answers.order_by("criterion__sort_key").first().pk,
    }


def par_evidence(d: Demo, w: str) -> dict:
    """An evidence file of the place's open assessment (added through the service for the commune, which has
    none); not a registered document nor a figure of the system, which redirect to their source."""
    from cchc.par.models import Evidence

    assessment = par_assessment_of(d, w)
    evidence = Evidence.objects.filter(
        answer__assessment=assessment, document__isnull=True, measure_code=""
    ).first()
    if evidence is None:
        from cchc.par import assessment_services

        answer = (
            assessment.answers.exclude(criterion__method="survey")
            .order_by("criterion__sort_key")
            .first()
        )
        upload = SimpleUploadedFile(
            "minh-chung.txt", "Tài liệu kiểm chứng".encode(), content_type="text/plain"
        )
        from cchc.demo.day import DEMO_DAY as DEMO_TODAY

        evidence = assessment_services.evidence_add(
            actor=SYSTEM, answer=answer, upload=upload, today=DEMO_TODAY
        )
    return {"pk": evidence.pk}


def par_results(d: Demo, w: str) -> dict:
    from cchc.par.models import Result

    return {
        "year": Result.objects.filter(published=True).order_by("-year").first().year,
        "bloc": "phuong",
    }


PAR = {
    "par:home": Page(),
    "par:dashboard": Page(),
    "par:set_list": Page(),
    "par:set_detail": Page(kwargs=par_set, scoped=False),
    "par:set_export": Page(kwargs=par_set, scoped=False),
    "par:set_create": Page(kind="form"),
    "par:set_import": Page(kind="form"),
    "par:set_edit": Page(kind="form", kwargs=par_set, scoped=False),
    "par:set_reimport": Page(kind="form", kwargs=par_set, scoped=False),
    "par:set_bands": Page(kind="form", kwargs=par_set, scoped=False),
    "par:set_clone": Page(kind="action", kwargs=par_set, scoped=False),
    "par:set_new_version": Page(kind="action", kwargs=par_set, scoped=False),
    "par:set_issue": Page(kind="action", kwargs=par_set, scoped=False),
    "par:set_delete": Page(kind="action", kwargs=par_set, scoped=False),
    "par:node_create": Page(kind="form", kwargs=par_set, scoped=False),
    "par:node_edit": Page(kind="form", kwargs=par_node, scoped=False),
    "par:node_delete": Page(kind="action", kwargs=par_node, scoped=False),
    "par:round_create": Page(kind="form"),
    "par:round_detail": Page(kwargs=par_round, scoped=False),
    "par:round_edit": Page(kind="form", kwargs=par_round, scoped=False),
    "par:round_team": Page(kind="form", kwargs=par_round, scoped=False),
    "par:round_open": Page(kind="action", kwargs=par_round, scoped=False),
    "par:round_compute": Page(kind="action", kwargs=par_round, scoped=False),
    "par:round_publish": Page(kind="action", kwargs=par_round, scoped=False),
    "par:survey": Page(kind="form", kwargs=par_round, scoped=False),
    "par:survey_import": Page(kind="form", kwargs=par_round, scoped=False),
    "par:survey_confirm": Page(kind="action", kwargs=par_round, scoped=False),
    "par:survey_template": Page(kwargs=par_round, scoped=False, viewer="refused"),
    "par:assessment_detail": Page(kind="form", kwargs=par_assessment, viewer="ok"),
    "par:assessment_reopen": Page(kind="action", kwargs=par_assessment),
    "par:assessment_request_approval": Page(kind="action", kwargs=par_assessment),
    "par:assessment_approve": Page(kind="action", kwargs=par_assessment),
    "par:assessment_return": Page(kind="action", kwargs=par_assessment),
    "par:assessment_submit": Page(kind="action", kwargs=par_assessment),
    "par:appraisal_send": Page(kind="action", kwargs=par_assessment),
    "par:appraisal_finalise": Page(kind="action", kwargs=par_assessment),
    "par:answer_use_measure": Page(kind="action", kwargs=par_answer),
    "par:appraisal": Page(kind="form", kwargs=par_assessment, viewer="ok"),
    "par:evidence_add": Page(kind="action", kwargs=par_answer),
    "par:evidence_file": Page(kwargs=par_evidence),
    "par:evidence_remove": Page(kind="action", kwargs=par_evidence),
    "par:results_bloc": Page(kwargs=par_results, scoped=False),
    "par:results_xlsx": Page(kwargs=par_results, scoped=False),
    "par:results_docx": Page(kwargs=par_results, scoped=False),
    "par:unit_results": Page(kwargs=level),
}

# --- Initiatives (namespace "initiatives"): an initiative, its evidence and its decisions belong to its unit (a
# ward, or an office of it); a council belongs to its level. The demo gives each place a draft, an initiative under
# scoring by the place's own council (Khúc Thừa Dụ: khucthuadu scores; Lê Chân: at the city's council) and a
# recognised one with an evidence file.


def _initiatives_of(d: Demo, w: str):
    from cchc.initiatives.models import Initiative

    return Initiative.objects.filter(unit__path__startswith=d.level(w).path).order_by("pk")


def initiative_draft(d: Demo, w: str) -> dict:
    return {"pk": _initiatives_of(d, w).filter(status="draft").first().pk}


def initiative_scoring(d: Demo, w: str) -> dict:
    return {"pk": _initiatives_of(d, w).filter(status="scoring").first().pk}


def initiative_recognised(d: Demo, w: str) -> dict:
    """A recognised initiative of the place scored by the place's own council."""
    return {
        "pk": _initiatives_of(d, w)
        .filter(status="recognised", council__unit=d.level(w), year=2026)
        .first()
        .pk
    }


def initiative_file(d: Demo, w: str) -> dict:
    from cchc.initiatives.models import InitiativeFile

    unit_path = d.level(w).path
    return {
        "file_id": InitiativeFile.objects.filter(initiative__unit__path__startswith=unit_path)
        .order_by("pk")
        .first()
        .pk
    }


def initiative_council(d: Demo, w: str) -> dict:
    from cchc.initiatives.models import InitiativeCouncil

    return {"pk": InitiativeCouncil.objects.get(unit=d.level(w)).pk}


def council_member(d: Demo, w: str) -> dict:
    from cchc.initiatives.models import CouncilMember

    kw = initiative_council(d, w)
    return {**kw, "member_id": CouncilMember.objects.filter(council_id=kw["pk"]).first().pk}


INITIATIVES = {
    "initiatives:initiative_list": Page(),
    "initiatives:initiative_create": Page(kind="form"),
    "initiatives:counts": Page(),
    "initiatives:initiative_detail": Page(kwargs=initiative_recognised),
    "initiatives:initiative_edit": Page(kind="form", kwargs=initiative_draft),
    "initiatives:initiative_attach": Page(kind="action", kwargs=initiative_draft),
    "initiatives:initiative_submit": Page(kind="action", kwargs=initiative_draft),
    "initiatives:initiative_open_scoring": Page(kind="action", kwargs=initiative_scoring),
    "initiatives:initiative_score": Page(kind="form", kwargs=initiative_scoring),
    "initiatives:initiative_return": Page(kind="action", kwargs=initiative_scoring),
    "initiatives:initiative_recognise": Page(kind="form", kwargs=initiative_scoring),
    "initiatives:initiative_refuse": Page(kind="form", kwargs=initiative_scoring),
    "initiatives:initiative_record_decision": Page(kind="form", kwargs=initiative_draft),
    # The Word draft of a decision shows the council's scores: the council and the standing agency only.
    "initiatives:initiative_decision_docx": Page(kwargs=initiative_recognised, viewer="refused"),
    "initiatives:initiative_file": Page(kwargs=initiative_file),
    "initiatives:initiative_file_remove": Page(kind="action", kwargs=initiative_file),
    "initiatives:council_list": Page(),
    "initiatives:council_create": Page(kind="form"),
    "initiatives:council_detail": Page(kwargs=initiative_council),
    "initiatives:council_edit": Page(kind="form", kwargs=initiative_council),
    "initiatives:council_sheet": Page(kind="form", kwargs=initiative_council),
    "initiatives:council_member_add": Page(kind="action", kwargs=initiative_council),
    "initiatives:council_member_remove": Page(kind="action", kwargs=council_member),
}


# --- Movements (namespace "emulation"): a movement belongs to the level that launched it (OWN: phường Lê Chân's
# 259/KH-UBND, OTHER: xã Khúc Thừa Dụ's); a registration and a report belong to the participant unit (OWN: phường
# Lê Chân's office or the ward itself, OTHER: xã Khúc Thừa Dụ in the city's movement). The pages that start a
# registration or a report name a participant and a year without one yet.


def movement_of(d: Demo, w: str):
    from cchc.emulation.models import Movement

    return Movement.objects.get(unit=d.level(w))


def movement_kw(d: Demo, w: str) -> dict:
    return {"pk": movement_of(d, w).pk}


def city_participant(d: Demo, w: str):
    from cchc.emulation.models import Participant

    return Participant.objects.get(movement__unit__parent__isnull=True, unit=d.level(w))


def start_kw(d: Demo, w: str) -> dict:
    """The place's participation in the city's movement, in a year it has neither report nor registration."""
    return {"participant_pk": city_participant(d, w).pk, "year": 2028}


def registration_of(d: Demo, w: str):
    from cchc.emulation.models import Registration

    return Registration.objects.filter(unit=d.level(w), year=2026).get()


def registration_kw(d: Demo, w: str) -> dict:
    return {"pk": registration_of(d, w).pk}


def report_of(d: Demo, w: str):
    """OWN: the 2026 report of Lê Chân's Văn phòng (its ward's movement); OTHER: Khúc Thừa Dụ's 2026 report to
    the city. Both submitted, with a file."""
    from cchc.emulation.models import MovementReport
    from cchc.orgs.models import Unit

    if w == OWN:
        return MovementReport.objects.get(unit=Unit.objects.get(code=f"{d.level(w).code}-VP"))
    return MovementReport.objects.get(unit=d.level(w), year=2026)


def report_kw(d: Demo, w: str) -> dict:
    return {"pk": report_of(d, w).pk}


def report_file_kw(d: Demo, w: str) -> dict:
    return {"pk": report_of(d, w).files.order_by("pk").first().pk}


EMULATION = {
    "emulation:home": Page(),
    "emulation:movement_list": Page(),
    "emulation:movement_import": Page(kind="form", scoped=False),
    "emulation:movement_import_confirm": Page(kind="action", scoped=False),
    "emulation:movement_detail": Page(kwargs=movement_kw),
    "emulation:movement_edit": Page(kind="form", kwargs=movement_kw),
    "emulation:cascade_board": Page(kwargs=movement_kw),
    "emulation:registration_board": Page(kwargs=movement_kw),
    "emulation:report_board": Page(kwargs=movement_kw),
    "emulation:report_docx": Page(kwargs=movement_kw),
    "emulation:registration_list": Page(),
    "emulation:registration_start": Page(kind="form", kwargs=start_kw),
    "emulation:registration_detail": Page(kind="form", kwargs=registration_kw, viewer="ok"),
    "emulation:registration_submit": Page(kind="action", kwargs=registration_kw),
    "emulation:registration_approve": Page(kind="action", kwargs=registration_kw),
    "emulation:registration_return": Page(kind="action", kwargs=registration_kw),
    "emulation:report_list": Page(),
    "emulation:report_start": Page(kind="form", kwargs=start_kw),
    "emulation:report_detail": Page(kind="form", kwargs=report_kw, viewer="ok"),
    "emulation:report_request_approval": Page(kind="action", kwargs=report_kw),
    "emulation:report_approve": Page(kind="action", kwargs=report_kw),
    "emulation:report_return": Page(kind="action", kwargs=report_kw),
    "emulation:report_submit": Page(kind="action", kwargs=report_kw),
    "emulation:report_file": Page(kwargs=report_file_kw),
    "emulation:report_file_remove": Page(kind="action", kwargs=report_file_kw),
}


def api_token(d: Demo, w: str) -> dict:
    """An API token of the place's standing office (issued through the service)."""
    from cchc.accounts.token_services import token_issue

    username = "lechan" if w == OWN else "khucthuadu"
    _, token = token_issue(username=username, password="cchc-demo-2026")
    return {"pk": token.pk}


# The user's own account (namespace "accounts"): tokens belong to their user, so another user's token is 404.
ACCOUNTS = {
    "accounts:profile": Page(),
    "accounts:password_change": Page(kind="personal"),
    "accounts:token_revoke": Page(kind="action", kwargs=api_token, personal=True),
    "accounts:logout_everywhere": Page(kind="personal", viewer="not_allowed"),
}


def _part(module: str) -> tuple[dict, dict]:
    """The PAGES and APIS of a part kept in its own module (tests/scope_<part>.py), when it exists."""
    import importlib
    import importlib.util

    if importlib.util.find_spec(f"tests.{module}") is None:
        return {}, {}
    part = importlib.import_module(f"tests.{module}")
    return getattr(part, "PAGES", {}), getattr(part, "APIS", {})


# The award cycle keeps one module per part; each imports Page, Api, Demo, OWN and OTHER from here.
AWARD_PARTS = [
    _part(name)
    for name in (
        "scope_award_rules",
        "scope_award_dossiers",
        "scope_award_councils",
        "scope_award_decisions",
        "scope_award_eligibility",
    )
]

PAGE_REGISTRIES = [
    CORE,
    ORGS,
    DOCUMENTS,
    PLANS,
    PAR,
    REPORTS,
    NOTIFICATIONS,
    ACCOUNTS,
    EMULATION,
    INITIATIVES,
    *(pages for pages, _ in AWARD_PARTS),
]

# API routes as "METHOD /api/path/{param}", exactly as in the OpenAPI schema.
API_CORE = {
    "POST /api/auth/token": Api(public=True),
    # Revokes the bearer token of the request; with a browser session there is none (404).
    "DELETE /api/auth/token": Api(scoped=False, personal=True),
}
API_ORGS = {
    "GET /api/units": Api(),
    "GET /api/units/{unit_id}": Api(kwargs=lambda d, w: {"unit_id": d.office(w).pk}),
}
API_DOCUMENTS = {
    "GET /api/documents": Api(),
    "GET /api/documents/{document_id}/bases": Api(
        kwargs=lambda d, w: {"document_id": d.document(w).pk}
    ),
}
API_PLANS: dict[str, Api] = {}
API_PLANS["GET /api/plans"] = Api()
API_PLANS["GET /api/plans/{plan_id}/tasks"] = Api(kwargs=lambda d, w: {"plan_id": plan_of(d, w).pk})
API_PLANS["GET /api/plans/{plan_id}/dashboard"] = Api(
    kwargs=lambda d, w: {"plan_id": plan_of(d, w).pk}
)
API_PLANS["GET /api/plans/overview"] = Api()
API_PLANS["POST /api/tasks/{task_id}/progress"] = Api(
    kwargs=lambda d, w: {"task_id": plan_task(d, w).pk}
)
API_PAR = {
    "GET /api/parindex/units/{unit_id}/history": Api(
        kwargs=lambda d, w: {"unit_id": d.level(w).pk}
    ),
    "GET /api/parindex/{year}/rankings": Api(
        kwargs=lambda d, w: {"year": par_results(d, w)["year"]}, scoped=False
    ),
    "GET /api/parindex/{year}/top": Api(
        kwargs=lambda d, w: {"year": par_results(d, w)["year"]}, scoped=False
    ),
}
API_EMULATION = {
    "GET /api/movements": Api(),
    "GET /api/movements/{movement_id}/reports": Api(
        kwargs=lambda d, w: {"movement_id": movement_of(d, w).pk}
    ),
}

API_INITIATIVES = {
    "GET /api/initiatives": Api(),
    "GET /api/initiatives/counts": Api(),
    "GET /api/initiatives/{initiative_id}": Api(
        kwargs=lambda d, w: {"initiative_id": initiative_recognised(d, w)["pk"]}
    ),
}

API_REGISTRIES = [
    API_CORE,
    API_ORGS,
    API_DOCUMENTS,
    API_PLANS,
    API_PAR,
    API_EMULATION,
    API_INITIATIVES,
    *(apis for _, apis in AWARD_PARTS),
]


def _merge(registries):
    merged = {}
    for registry in registries:
        for key, entry in registry.items():
            if key in merged:
                raise ValueError(f"{key} is registered twice in tests/scope_registry.py")
            merged[key] = entry
    return merged


PAGES: dict[str, Page] = _merge(PAGE_REGISTRIES)
APIS: dict[str, Api] = _merge(API_REGISTRIES)
