"""Tests for bilateral.indicators."""
