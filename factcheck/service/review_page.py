"""The review page: the HTML report of an article with the service's review script and stylesheet
added, and its Content-Security-Policy widened just enough for them (same origin only).

Kept apart from the routes (``app``) because it edits a renderer's page as text, which is its
own, testable job.
"""

from __future__ import annotations

import re
from html import escape
from importlib import resources

STATIC = {"review.js": "text/javascript; charset=utf-8", "review.css": "text/css; charset=utf-8"}
_CSP_META = re.compile(r'<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"\s*/?>', re.I)
_DEFAULT_POLICY = "default-src 'none'; img-src data:"


def asset(name: str) -> str:
    return (resources.files("factcheck.service") / "static" / name).read_text("utf-8")


def extend_policy(policy: str) -> str:
    """The renderer's CSP with the service's own script, stylesheet and API allowed ('self')."""
    directives: dict[str, list[str]] = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            directives[words[0].lower()] = words[1:]
    for name in ("script-src", "style-src", "connect-src"):
        sources = directives.setdefault(name, [])
        if "'none'" in sources:
            sources.remove("'none'")
        if "'self'" not in sources:
            sources.append("'self'")
    directives["form-action"] = ["'none'"]
    directives["base-uri"] = ["'none'"]
    return "; ".join(" ".join([name, *sources]) for name, sources in directives.items())


def review_html(page: str, article_id: str) -> tuple[str, str]:
    """The renderer's page plus the review script and stylesheet (same origin, relative URLs so
    a path prefix in front of the service works); returns the page and its CSP."""
    found = _CSP_META.search(page)
    policy = extend_policy(found.group(1) if found else _DEFAULT_POLICY)
    if found:
        page = (
            page[: found.start()]
            + f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
            + page[found.end() :]
        )
    head = (
        f'<meta name="factcheck-article" content="{escape(article_id)}">'
        '<link rel="stylesheet" href="../static/review.css">'
    )
    script = '<script src="../static/review.js" defer></script>'
    page = page.replace("</head>", head + "</head>", 1) if "</head>" in page else head + page
    page = page.replace("</body>", script + "</body>", 1) if "</body>" in page else page + script
    return page, policy
