"""Pages of the awards under /khen-thuong/: each part of the award cycle keeps its own URL module."""

from cchc.awards import (
    urls_councils,
    urls_decisions,
    urls_dossiers,
    urls_eligibility,
    urls_rules,
)

urlpatterns = [
    *urls_rules.urlpatterns,
    *urls_dossiers.urlpatterns,
    *urls_councils.urlpatterns,
    *urls_decisions.urlpatterns,
    *urls_eligibility.urlpatterns,
]
