"""Run protocolgen as `python -m protocolgen`."""

import sys

from protocolgen.cli.main import main

sys.exit(main())
