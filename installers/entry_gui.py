"""Entry of the bundled ``workbench-gui`` (windowed): the same as the installed command."""

import sys

from workbench.cli import gui_main

sys.exit(gui_main())
