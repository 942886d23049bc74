"""A small read-mostly web app for analysts: documents, plans, measures (with corrections), coverage, due dates.

Server-rendered HTML (FastAPI + Jinja2, autoescape on, no scripts) over the embedded DuckDB store.
`create_app(db_path)` is the factory; `jospar web --db PATH` serves it with uvicorn.
"""
