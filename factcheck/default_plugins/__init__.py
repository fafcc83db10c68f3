"""Built-in behaviour as ordinary plugins: loaders, splitter, extractor, renderers, policies."""
