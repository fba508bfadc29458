"""API routes of the awards: each part of the award cycle keeps its own router."""

from ninja import Router

import cchc.awards.api_councils as api_councils
import cchc.awards.api_decisions as api_decisions
import cchc.awards.api_dossiers as api_dossiers
import cchc.awards.api_eligibility as api_eligibility
import cchc.awards.api_registry as api_registry
import cchc.awards.api_rules as api_rules

router = Router(tags=["awards"])
router.add_router("/", api_rules.router)
router.add_router("/", api_eligibility.router)
router.add_router("/", api_dossiers.router)
router.add_router("/", api_councils.router)
router.add_router("/", api_decisions.router)
router.add_router("/", api_registry.router)
