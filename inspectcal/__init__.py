"""inspectcal: working-day timelines for inspections of children's services in England."""

__version__ = "0.1.0"
