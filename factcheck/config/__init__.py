"""Configuration: where it is found, what it may contain (validated settings), and TOML reading
that names file, line and key in every error."""
