"""What a command uses when an option is not given, written once for every command."""

DEFAULT_REGION = "england-and-wales"
DEFAULT_FRAMEWORK = "slac-2009"  # --framework when none is given
