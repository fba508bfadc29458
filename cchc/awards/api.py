"""API routes of the awards: each part of the award cycle keeps its own router."""

from ninja import Router

from cchc.awards import api_councils, api_decisions, api_dossiers, api_eligibility, api_rules

router = Router(tags=["awards"])
router.add_router("/", api_rules.router)
router.add_router("/", api_dossiers.router)
router.add_router("/", api_councils.router)
router.add_router("/", api_decisions.router)
router.add_router("/", api_eligibility.router)
