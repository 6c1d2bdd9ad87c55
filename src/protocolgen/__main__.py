"""Run protocolgen as `python -m protocolgen`."""

import sys

from .cli import main

sys.exit(main())
