"""Importing a plan from its document: upload, preview, fix offices, confirm (part of namespace "plans")."""

urlpatterns: list = []
