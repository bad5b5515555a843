"""Reader: a keyboard-driven terminal reader for following a developing news story."""

__version__ = "0.1.0"
