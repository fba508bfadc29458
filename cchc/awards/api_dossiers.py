"""API routes of nomination dossiers."""

from ninja import Router

router = Router(tags=["awards"])
