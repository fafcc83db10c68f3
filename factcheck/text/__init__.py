"""The text pipeline: sentence splitting and the extraction of annotations, as plain functions."""
