"""Entry of the bundled ``workbench`` (console): subcommands and ``--self-test``."""

import sys

from workbench.cli import main

sys.exit(main())
