"""The Textual app: imported only when the app opens."""
