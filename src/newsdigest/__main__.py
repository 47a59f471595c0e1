"""``python -m newsdigest`` runs the CLI."""

from newsdigest.cli import main

main()
