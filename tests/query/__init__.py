"""Tests for bilateral.query."""
