"""The built-in verifiers, installed as ``factcheck_plugins`` and registered through the
``factcheck`` entry-point group exactly as third-party verifiers are."""
