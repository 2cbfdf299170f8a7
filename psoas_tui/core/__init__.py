"""The pure domain: plain data in, plain data out. Imports neither Textual nor TinyDB."""
