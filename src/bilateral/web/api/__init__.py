"""The JSON API under /api/v1/: every query the command line has, with the same fields."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(prefix="/api/v1")
