"""pvzdesk: the pickup-point counter that keeps working when the platform does not."""

__version__ = "0.1.0"
