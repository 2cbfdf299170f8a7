"""The backups the store keeps, for ``psoas restore``: listing them and putting one back.

They need no open database (restore works on one that does not read), so they are functions of
the data directory rather than methods of ``Psoas``.
"""

from psoas_tui.store.backups import list_backups, restore

__all__ = ["list_backups", "restore"]
