"""``python -m psoas_tui`` is ``psoas``."""

import sys

from psoas_tui.cli import main

sys.exit(main())
