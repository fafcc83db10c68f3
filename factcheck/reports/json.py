"""``--format json``: the report contract, streamed one article at a time.

The document is ``Report`` (``factcheck schema`` prints its JSON Schema): ``schema_version``,
``tool``, ``articles`` and ``summary``. Articles are written as they arrive, so memory stays
flat on large runs; the summary comes last because only then is it known.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TextIO

from factcheck.plugin import SCHEMA_VERSION, ArticleReport, Renderer, ReportStream, hookimpl


def _indent(text: str, by: str) -> str:
    return text.replace("\n", "\n" + by)


def _article_json(article: ArticleReport) -> str:
    return article.model_dump_json(indent=2, exclude={"timings", "source"})


class JsonRenderer:
    name = "json"
    description = "The machine-readable report (schema: `factcheck schema`)."
    #: Reads each article's JSON text from the stream when it has it (``json_articles``), so
    #: ``--jobs`` workers can serialise and this process only concatenates.
    streams_json = True

    def render(self, stream: ReportStream, out: TextIO) -> None:
        out.write(f'{{\n  "schema_version": {SCHEMA_VERSION},\n')
        out.write('  "tool": ' + _indent(stream.tool.model_dump_json(indent=2), "  ") + ",\n")
        out.write('  "articles": [')
        # A stream that can give each article's JSON text ready-made (``--jobs``: serialised in
        # the workers) is asked for it; any other stream is serialised here.
        json_articles = getattr(stream, "json_articles", None)
        texts = json_articles() if json_articles is not None else (_article_json(a) for a in stream)
        for index, text in enumerate(texts):
            out.write(",\n    " if index else "\n    ")
            out.write(_indent(text, "    "))
        out.write("\n  ],\n")
        summary = json.dumps(stream.summary.model_dump(mode="json"), indent=2)
        out.write('  "summary": ' + _indent(summary, "  ") + "\n}\n")


@hookimpl(trylast=True)
def register_renderers(register: Callable[[Renderer], None]) -> None:
    register(JsonRenderer())
