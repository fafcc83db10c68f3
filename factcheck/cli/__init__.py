"""The command line: ``factcheck check`` and the other commands, thin layers over the engine."""
