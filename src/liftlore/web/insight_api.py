"""The insight reports as JSON under /api/v1/insight/ (the same shapes `liftlore stats ... --json` prints)."""

from __future__ import annotations

from fastapi import APIRouter


def create_router() -> APIRouter:
    return APIRouter(prefix="/api/v1/insight", tags=["insight"])
