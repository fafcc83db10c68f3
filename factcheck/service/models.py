"""The service's request and response bodies; the OpenAPI schema (``/openapi.json``) is
generated from these and from the report model (``factcheck.model.report``)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from factcheck.service.core import ARTICLE_ID

ArticleFormat = Literal["text", "markdown", "html"]


class CheckRequest(BaseModel):
    """An article to check. It is unpublished (embargoed) unless ``published`` is true."""

    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=ARTICLE_ID.pattern, description="the CMS's id for the article")
    text: str = Field(description="the article: plain text, Markdown (front matter allowed) or HTML")
    format: ArticleFormat = "text"
    title: str | None = Field(default=None, max_length=1000)
    date: dt.date | None = Field(default=None, description="publication date, when the text gives none")
    published: bool = Field(
        default=False,
        description="true once the story is public: only then may its text go to remote providers "
        "not listed in [network] allowed_providers",
    )


class DecisionRequest(BaseModel):
    """An editor's decision about one finding of the article's latest report."""

    model_config = ConfigDict(extra="forbid")
    fingerprint: str = Field(min_length=6, max_length=64, pattern=r"^[0-9a-f]+$")
    action: Literal["accept", "dismiss"]
    reason: str = Field(min_length=1, max_length=2000)
    by: str = Field(min_length=1, max_length=200)


class DecisionRecord(BaseModel):
    """A stored decision: who decided what about which finding, when and why."""

    id: int
    fingerprint: str
    decision: Literal["accept", "dismiss"]
    by: str
    at: dt.datetime
    reason: str
    rule: str
    line: int | None = None
    statement: str = ""
    message: str = ""


class DecisionsResponse(BaseModel):
    article: str
    checked_at: str | None = None
    decisions: list[DecisionRecord] = Field(
        default_factory=list, description="in force: the latest decision per finding of the latest report"
    )
    reopened: list[DecisionRecord] = Field(
        default_factory=list, description="decisions whose finding no longer occurs (its statement changed)"
    )
    audit: list[DecisionRecord] = Field(
        default_factory=list, description="every decision ever posted for the article, oldest first"
    )


class Health(BaseModel):
    status: Literal["ok", "degraded"]
    version: str
    database: str
    schema_version: int
    workers: int
    workers_alive: int
    checks_waiting: int


class PluginInfoModel(BaseModel):
    name: str
    version: str
    module: str
    builtin: bool
    hooks: list[str]
    codes: list[str]


class PluginsResponse(BaseModel):
    plugins: list[PluginInfoModel]
    formats: list[str]
    policies: list[str]
    failed: list[str]


class Problem(BaseModel):
    detail: str
