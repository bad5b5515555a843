"""The Textual interface: renders what core finds and routes keys; never parses text."""
