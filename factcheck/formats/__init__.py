"""Article loaders: plain text, Markdown with front matter, and HTML, all keeping offsets exact."""
