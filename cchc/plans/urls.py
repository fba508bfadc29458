"""Pages of CCHC plans and tasks (namespace "plans", under /nhiem-vu/): tracking and importing."""

from cchc.plans import urls_import, urls_tasks

urlpatterns = [*urls_tasks.urlpatterns, *urls_import.urlpatterns]
