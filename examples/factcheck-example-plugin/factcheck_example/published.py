"""What this newsroom already published, and a check against it: the pattern of xref's archive,
built from the declared plugin API alone (``factcheck.plugin``).

``factcheck published add ARTICLES --store FILE`` reads each article exactly as ``check`` does
(through the command's ``CommandContext``) and stores, per statement, its *shape* (the text with
every digit run replaced by ``#``) and its figures. With ``[plugins.example] published = FILE``,
rule EXA003 then flags a statement whose shape matches an earlier one but whose figures differ:
"the toll rose to 12" published yesterday, "the toll rose to 21" today.
"""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
from collections.abc import Iterable
from typing import ClassVar

from factcheck.plugin import Command, CommandContext, Quantity, Statement, UsageError

_DIGITS = re.compile(r"\d[\d,.]*")
_SCHEMA = "CREATE TABLE IF NOT EXISTS statements(shape TEXT, figures TEXT, path TEXT, text TEXT)"


def shape(text: str) -> str:
    """The statement with its figures blanked: what an earlier version of it shares."""
    return " ".join(_DIGITS.sub("#", text).lower().split())


def figures(statement: Statement) -> list[str]:
    return [q.text for q in statement.of_type(Quantity)]


class PublishedStore:
    """A small SQLite file of published statements (one table, no server)."""

    def __init__(self, path: str) -> None:
        self.db = sqlite3.connect(path)
        self.db.execute(_SCHEMA)

    def add(self, path: str, statements: Iterable[Statement]) -> int:
        self.db.execute("DELETE FROM statements WHERE path = ?", (path,))
        rows = [(shape(s.text), json.dumps(figures(s)), path, s.text) for s in statements if figures(s)]
        self.db.executemany("INSERT INTO statements VALUES (?, ?, ?, ?)", rows)
        self.db.commit()
        return len(rows)

    def earlier(self, statement: Statement) -> list[tuple[str, list[str], str]]:
        """``(path, figures, text)`` of stored statements with the same shape."""
        found = self.db.execute(
            "SELECT path, figures, text FROM statements WHERE shape = ?", (shape(statement.text),)
        )
        return [(path, json.loads(stored), text) for path, stored, text in found]

    def close(self) -> None:
        self.db.close()


class PublishedCommand(Command):
    """``factcheck published add PATH... --store FILE``."""

    name: ClassVar[str] = "published"
    help: ClassVar[str] = "record published articles for the example plugin's EXA003 check"
    reads_articles: ClassVar[bool] = True

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("action", choices=["add"])
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument("--store", required=True, metavar="FILE", help="the SQLite file to update")

    def run(self, args: argparse.Namespace, context: CommandContext) -> int:
        store = PublishedStore(args.store)
        added = 0
        try:
            for item in context.article_paths(args.paths):
                if not isinstance(item, str):
                    raise UsageError(str(item))
                added += store.add(item, context.read(item).statements)
        finally:
            store.close()
        print(f"{args.store}: {added} statements with figures recorded")
        return 0
