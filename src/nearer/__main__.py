"""`python -m nearer …` runs the same command as `nearer …`."""

from nearer.cli.main import run

run()
