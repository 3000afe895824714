"""`python -m bilateral`: the command line."""

from bilateral.cli import main

main()
