"""API routes of the rule files, programmes, fact registers and eligibility."""

from ninja import Router

router = Router(tags=["awards"])
