"""`python -m nearer …` runs the same command as `nearer …`."""

from nearer.cli.main import app

app(prog_name="nearer")
