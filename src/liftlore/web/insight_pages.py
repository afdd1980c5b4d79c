"""The insight pages: /insight (volume, recovery, symmetry, records over time)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.templating import Jinja2Templates


def create_router(templates: Jinja2Templates) -> APIRouter:
    return APIRouter()
