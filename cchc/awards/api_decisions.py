"""API routes of award decisions, certificates and the award registry."""

from ninja import Router

router = Router(tags=["awards"])
