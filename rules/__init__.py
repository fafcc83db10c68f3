"""Rule packs and lexicons shipped with factcheck: TOML data only; this file just makes the
folder installable as package data (``factcheck_rules``)."""
