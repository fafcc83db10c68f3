"""The xref plugin's commands: ``factcheck index`` builds the archive the XRF020/XRF021 checks
read, and ``factcheck facts import`` turns a CSV or JSON Lines export into a fact pack. They are
registered through ``register_commands``, as any plugin's commands are."""

from __future__ import annotations

import argparse
from typing import ClassVar

from factcheck.plugin import Command, CommandContext


class IndexCommand(Command):
    name: ClassVar[str] = "index"
    help: ClassVar[str] = "build or update the archive index of published articles"
    reads_articles: ClassVar[bool] = True

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders")
        parser.add_argument(
            "--archive", required=True, metavar="DB", help="the SQLite archive file to create or update"
        )

    def run(self, args: argparse.Namespace, context: CommandContext) -> int:
        from .archive_index import build_index

        return build_index(context, args.archive, args.paths)


class FactsCommand(Command):
    name: ClassVar[str] = "facts"
    help: ClassVar[str] = "fact packs: import a CSV/JSONL export"

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        actions = parser.add_subparsers(dest="facts_command", metavar="ACTION", required=True)
        imported = actions.add_parser(
            "import", help="convert CSV or JSON Lines rows into a validated fact pack"
        )
        imported.add_argument("file", metavar="FILE")
        imported.add_argument("--output", "-o", required=True, metavar="OUT.toml")
        imported.add_argument("--name", default="imported", help="the pack's name")

    def run(self, args: argparse.Namespace, context: CommandContext) -> int:
        from .factpack import command_import

        return command_import(args.file, args.output, args.name)
