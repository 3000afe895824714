"""Tests for bilateral.events: the relations timeline's files, store table, API and CLI."""
