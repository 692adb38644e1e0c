"""`python -m skill` is the `backpain` command."""

import sys

from skill.cli import main

sys.exit(main())
