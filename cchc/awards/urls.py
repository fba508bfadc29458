"""Pages of the awards under /khen-thuong/: each part of the award cycle keeps its own URL module."""

import cchc.awards.urls_councils as urls_councils
import cchc.awards.urls_decisions as urls_decisions
import cchc.awards.urls_dossiers as urls_dossiers
import cchc.awards.urls_eligibility as urls_eligibility
import cchc.awards.urls_reader as urls_reader
import cchc.awards.urls_registry as urls_registry
import cchc.awards.urls_rules as urls_rules

urlpatterns = [
    *urls_rules.urlpatterns,
    *urls_reader.urlpatterns,
    *urls_eligibility.urlpatterns,
    *urls_dossiers.urlpatterns,
    *urls_councils.urlpatterns,
    *urls_decisions.urlpatterns,
    *urls_registry.urlpatterns,
]
