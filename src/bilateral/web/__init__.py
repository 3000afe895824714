"""The web app and JSON API (`bilateral serve`): pages and `/api/v1/` over one warm store.

`create_app` builds the FastAPI application; `api/` answers JSON, `pages/` renders HTML. Both ask
the api layer for every figure (`bilateral.api.Store`), never an engine or the store's files.
"""
