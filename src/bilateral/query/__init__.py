"""Queries written once as ibis expressions, run by any engine."""
