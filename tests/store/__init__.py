"""Tests for bilateral.store."""
