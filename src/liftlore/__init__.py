"""liftlore: an open exercise library and training log."""

__version__ = "0.1.0"
