"""Entry of the bundled ``workbench-gui`` (windowed): the same as the installed command."""

import multiprocessing
import sys

from workbench.cli import gui_main

if __name__ == "__main__":
    # The report draws charts in a spawned process: in a frozen app that child starts here too.
    multiprocessing.freeze_support()
    sys.exit(gui_main())
