"""API routes of emulation councils, meetings and votes."""

from ninja import Router

router = Router(tags=["awards"])
