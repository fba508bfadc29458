from django.urls import path

from cchc.par import (
    views_appraisal,
    views_assessment,
    views_home,
    views_results,
    views_rounds,
    views_sets,
    views_survey,
)

sets, rounds, survey = views_sets, views_rounds, views_survey
assessment, appraisal, results = views_assessment, views_appraisal, views_results


def move(route: str, view, transition: str, name: str):
    """A route performing one workflow move (its name is the transition's `url_name`)."""
    return path(route, view, {"transition": transition}, name=name)


urlpatterns = [
    path("", views_home.home, name="home"),
    path("bo-chi-so/", sets.set_list, name="set_list"),
    path("bo-chi-so/them/", sets.set_create, name="set_create"),
    path("bo-chi-so/nhap/", sets.set_import, name="set_import"),
    path("bo-chi-so/<int:pk>/", sets.set_detail, name="set_detail"),
    path("bo-chi-so/<int:pk>/sua/", sets.set_edit, name="set_edit"),
    path("bo-chi-so/<int:pk>/nhap-lai/", sets.set_reimport, name="set_reimport"),
    path("bo-chi-so/<int:pk>/xuat.xlsx", sets.set_export, name="set_export"),
    path("bo-chi-so/<int:pk>/nhan-ban/", sets.set_clone, name="set_clone"),
    path("bo-chi-so/<int:pk>/phien-ban-moi/", sets.set_new_version, name="set_new_version"),
    path("bo-chi-so/<int:pk>/ban-hanh/", sets.set_issue, name="set_issue"),
    path("bo-chi-so/<int:pk>/xoa/", sets.set_delete, name="set_delete"),
    path("bo-chi-so/<int:pk>/xep-loai/", sets.set_bands, name="set_bands"),
    path("bo-chi-so/<int:pk>/tieu-chi/them/", sets.node_create, name="node_create"),
    path("bo-chi-so/<int:pk>/tieu-chi/<int:node_id>/sua/", sets.node_edit, name="node_edit"),
    path("bo-chi-so/<int:pk>/tieu-chi/<int:node_id>/xoa/", sets.node_delete, name="node_delete"),
    path("dot/them/", rounds.round_create, name="round_create"),
    path("dot/<int:pk>/", rounds.round_detail, name="round_detail"),
    path("dot/<int:pk>/sua/", rounds.round_edit, name="round_edit"),
    path("dot/<int:pk>/mo/", rounds.round_open, name="round_open"),
    path("dot/<int:pk>/to-tham-dinh/", rounds.round_team, name="round_team"),
    path("dot/<int:pk>/tinh-ket-qua/", rounds.round_compute, name="round_compute"),
    path("dot/<int:pk>/cong-bo/", rounds.round_publish, name="round_publish"),
    path("dot/<int:pk>/dieu-tra/", survey.survey, name="survey"),
    path("dot/<int:pk>/dieu-tra/nhap/", survey.survey_import, name="survey_import"),
    path("dot/<int:pk>/dieu-tra/xac-nhan/", survey.survey_confirm, name="survey_confirm"),
    path("dot/<int:pk>/dieu-tra/mau.xlsx", survey.survey_template, name="survey_template"),
    path("ho-so/<int:pk>/", assessment.assessment_detail, name="assessment_detail"),
    move(
        "ho-so/<int:pk>/trinh-phe-duyet/",
        assessment.assessment_move,
        "request_approval",
        "assessment_request_approval",
    ),
    move("ho-so/<int:pk>/phe-duyet/", assessment.assessment_move, "approve", "assessment_approve"),
    move("ho-so/<int:pk>/tra-lai/", assessment.assessment_move, "return", "assessment_return"),
    move("ho-so/<int:pk>/nop/", assessment.assessment_move, "submit", "assessment_submit"),
    path("ho-so/<int:pk>/mo-lai/", assessment.assessment_reopen, name="assessment_reopen"),
    path("ho-so/<int:pk>/tham-dinh/", appraisal.appraisal, name="appraisal"),
    move("ho-so/<int:pk>/tham-dinh/gui/", appraisal.appraisal_move, "send_back", "appraisal_send"),
    move(
        "ho-so/<int:pk>/tham-dinh/chot/", appraisal.appraisal_move, "finalise", "appraisal_finalise"
    ),
    path(
        "ho-so/<int:pk>/tieu-chi/<int:answer_id>/minh-chung/",
        assessment.evidence_add,
        name="evidence_add",
    ),
    path(
        "ho-so/<int:pk>/tieu-chi/<int:answer_id>/so-lieu-he-thong/",
        assessment.answer_use_measure,
        name="answer_use_measure",
    ),
    path("minh-chung/<int:pk>/", assessment.evidence_file, name="evidence_file"),
    path("minh-chung/<int:pk>/go/", assessment.evidence_remove, name="evidence_remove"),
    path("ket-qua/", results.dashboard, name="dashboard"),
    path("ket-qua/<int:year>/<str:bloc>/", results.results_bloc, name="results_bloc"),
    path("ket-qua/<int:year>/<str:bloc>/xep-hang.xlsx", results.results_xlsx, name="results_xlsx"),
    path("ket-qua/<int:year>/<str:bloc>/xep-hang.docx", results.results_docx, name="results_docx"),
    path("don-vi/<int:pk>/", results.unit_results, name="unit_results"),
]
