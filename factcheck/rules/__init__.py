"""Declarative rule packs: loading and validating the TOML files, the linear-time regex engine
their patterns run on, and the generator of ``docs/rules.md``."""
