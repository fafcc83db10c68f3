"""``factcheck serve``: the newsroom review service (docs/service.md).

A CMS posts an article when an editor presses "ready"; the service checks it on the same engine,
plugins and configuration as ``factcheck check``, keeps the latest report per article and the
desk's accept/dismiss decisions (with their audit trail), and serves a review page.

Nothing here is imported by ``factcheck check`` or ``factcheck --version``: the server stack
(FastAPI, uvicorn, psycopg) loads only when ``serve`` runs.
"""
