"""Plans, tasks, progress, targets and the dashboard (part of namespace "plans")."""

urlpatterns: list = []
