"""Entry of the bundled ``workbench`` (console): subcommands and ``--self-test``."""

import multiprocessing
import sys

from workbench.cli import main

if __name__ == "__main__":
    # The report draws charts in a spawned process: in a frozen app that child starts here too.
    multiprocessing.freeze_support()
    sys.exit(main())
