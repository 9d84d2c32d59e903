"""python -m onetime send|read|status|burn|request|gen"""

import sys

from ._cli import main

if __name__ == "__main__":
    sys.exit(main())
