"""Declarative rule packs: loading and validating the TOML files, and the linear-time regex engine
their patterns run on."""
