"""``factcheck plugin new NAME``: write a plugin package that installs, loads and passes its tests.

The templates live in ``factcheck/cli/templates/plugin`` (package data) and mirror
``examples/factcheck-example-plugin``: a pyproject with the entry point, a verifier with a
settings model, a rule pack as package data, and tests on ``factcheck.testing``. They are
``string.Template`` files (``$name``, ``${prefix}``...) so they stay readable as the code they
become; the folder names ``MODULE`` and ``PREFIX`` in template paths are replaced too.

Names are checked before anything is written, and an existing folder is never overwritten, so
a typo costs nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from string import Template

from factcheck.errors import UsageError

_NAME = re.compile(r"^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$")
_PREFIX = re.compile(r"^[A-Z]{1,3}$")
_CODE_FILE = re.compile(r"^([A-Z]{1,3})[0-9]{3}\b")


@dataclass(frozen=True)
class PluginNames:
    """Every name a new plugin needs, derived from the one the author chose."""

    name: str  # entry-point name: `-p no:NAME`, `[plugins.NAME]`
    dist: str  # distribution name on pip
    module: str  # import package
    class_name: str  # the verifier class
    prefix: str  # rule-code prefix the verifier owns

    def substitutions(self) -> dict[str, str]:
        from factcheck._version import __version__

        version = __version__.split("+")[0]
        return {**vars(self), "factcheck_version": version if version[:1].isdigit() else "0.1"}


def taken_prefixes() -> set[str]:
    """Rule-code prefixes of the rule packs factcheck ships, which a new plugin must not reuse."""
    found: set[str] = set()
    for package in ("factcheck_rules", "factcheck_plugins"):
        try:
            root = Path(str(resources.files(package)))
        except ModuleNotFoundError:
            continue
        found |= {m.group(1) for path in root.rglob("*.toml") if (m := _CODE_FILE.match(path.name))}
    return found


def plugin_names(name: str, prefix: str | None = None) -> PluginNames:
    """Validate ``name`` (lowercase words joined by ``-`` or ``_``) and derive the rest."""
    if not _NAME.match(name):
        raise UsageError(f"plugin name {name!r}: use lowercase letters and digits, words joined by - or _")
    words = re.split(r"[-_]", name)
    own_words = [w for w in words if w != "factcheck"] or words
    letters = "".join(ch for ch in "".join(own_words).upper() if "A" <= ch <= "Z")
    chosen = prefix.upper() if prefix else letters[:3]
    if not _PREFIX.match(chosen):
        raise UsageError(f"rule prefix {chosen!r}: use one to three capital letters (--prefix)")
    if chosen in taken_prefixes():
        raise UsageError(f"rule prefix {chosen} is factcheck's own; choose another with --prefix")
    module_words = words if words[0] == "factcheck" else ["factcheck", *words]
    return PluginNames(
        name=name,
        dist="-".join(module_words),
        module="_".join(module_words),
        class_name="".join(w.capitalize() for w in own_words) + "Verifier",
        prefix=chosen,
    )


def _render_tree(folder: Traversable, relative: Path, out: dict[Path, str], names: PluginNames) -> None:
    for item in sorted(folder.iterdir(), key=lambda i: i.name):
        target = relative / item.name.replace("MODULE", names.module).replace("PREFIX", names.prefix)
        if item.is_dir():
            _render_tree(item, target, out, names)
        elif item.name.endswith(".tmpl"):
            text = Template(item.read_text(encoding="utf-8")).substitute(names.substitutions())
            out[target.with_name(target.name.removesuffix(".tmpl"))] = text


def render_plugin(names: PluginNames) -> dict[Path, str]:
    """The new package's files (relative path -> content), without writing anything."""
    files: dict[Path, str] = {}
    _render_tree(resources.files("factcheck.cli") / "templates" / "plugin", Path(), files, names)
    return files


def scaffold_plugin(name: str, directory: Path, prefix: str | None = None) -> Path:
    """Write the package ``<directory>/<dist>/`` and return its folder.

    Raises ``UsageError`` for a bad name or prefix, or when the folder exists and is not empty.
    """
    names = plugin_names(name, prefix)
    root = directory / names.dist
    if root.exists() and any(root.iterdir()):
        raise UsageError(f"{root} already exists and is not empty; choose another --dir")
    for relative, text in render_plugin(names).items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def command_new(name: str, directory: str, prefix: str | None) -> int:
    """``factcheck plugin new``: scaffold, then tell the author the next three commands."""
    root = scaffold_plugin(name, Path(directory), prefix)
    names = plugin_names(name, prefix)
    print(f"created {root} (plugin {names.name!r}, rules {names.prefix}001..)")
    print("next:")
    print(f"  cd {root}")
    print("  pip install -e '.[test]' && pytest")
    print(f"  factcheck plugins    # lists {names.name}")
    return 0
