"""Plans, tasks, progress and targets (part of namespace "plans", under /nhiem-vu/)."""

from django.urls import path

from cchc.plans import views_tasks as views

urlpatterns: list = [
    path("", views.plan_list, name="plan_list"),
    path("ke-hoach/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("ke-hoach/<int:pk>/cai-dat/", views.plan_update, name="plan_update"),
    path("ke-hoach/<int:pk>/rut/", views.plan_withdraw, name="plan_withdraw"),
    path("ke-hoach/<int:pk>/them-chi-tieu/", views.target_add, name="target_add"),
    path("danh-sach/", views.task_list, name="task_list"),
    path("<int:pk>/", views.task_detail, name="task_detail"),
    path("<int:pk>/bao-cao-tien-do/", views.task_progress, name="task_progress"),
    path("<int:pk>/nhap-thoi-han/", views.task_deadline, name="task_deadline"),
    path("tep/<int:file_id>/", views.progress_file, name="progress_file"),
    path("chi-tieu/<int:pk>/", views.target_detail, name="target_detail"),
    path("chi-tieu/<int:pk>/sua/", views.target_edit, name="target_edit"),
    path("chi-tieu/<int:pk>/xoa/", views.target_delete, name="target_delete"),
    path("chi-tieu/<int:pk>/xac-nhan/", views.target_confirm, name="target_confirm"),
    path("chi-tieu/<int:pk>/ket-qua/", views.target_measure, name="target_measure"),
    # The reminders moved to the inbox of every notification (/thong-bao/); old links still lead there.
    path("nhac-viec/", views.reminder_list_moved, name="reminder_list"),
]
