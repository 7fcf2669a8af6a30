from inspectcal.cli import run

run()
