"""`python -m cli` is the `jospar` command."""
import sys

from cli import main

sys.exit(main())
