"""`python -m backpain_tools` is the `backpain` command."""

import sys

from backpain_tools.cli import main

sys.exit(main())
