"""The analysis library: pure Python, never imports textual or rich."""
