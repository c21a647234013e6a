"""The frozen app's entry point: the same `main` that the `infcrm` command runs."""

import sys

from infcrm.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
