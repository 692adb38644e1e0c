"""`python -m benchmarks`: run every measurement and write benchmarks/results/latest.*."""

import sys

from benchmarks.run import main

sys.exit(main())
