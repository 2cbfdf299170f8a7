"""The backups the store keeps, for ``psoas restore``: listing them (with when each was written
and its size), which one a restore would use, and putting one back.

They need no open database (restore works on one that does not read), so they are functions of
the data directory rather than methods of ``Psoas``.
"""

from psoas_tui.store.backups import (
    BackupFile,
    backup_files,
    list_backups,
    newest_backup,
    restore,
    start_fresh,
)

__all__ = ["BackupFile", "backup_files", "list_backups", "newest_backup", "restore", "start_fresh"]
