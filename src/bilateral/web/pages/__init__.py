"""The HTML pages: home, pair, check, store; server-rendered, enhanced where it helps."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
