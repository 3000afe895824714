"""Rendering results for the terminal: rich tables, JSON and CSV.

One module per kind of result (`render.profile`, `render.store`, ...), with `render.common`
for what they share. Callers import a renderer from its module, so that a command loads the
rendering of its own result only (the claim check's or the reference tables' renderers load
more).
"""
