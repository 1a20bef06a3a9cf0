"""Entry point of the PyInstaller build (build_installer.spec): the `haiyan-desktop` command.

With no arguments it opens the window, exactly like the installed console script; the package
itself stays free of a __main__ module (importing one would run the app).
"""

import multiprocessing
import sys

from haiyan_desktop.launch import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # the font maker uses a process pool (frozen: needs this)
    sys.exit(main())
