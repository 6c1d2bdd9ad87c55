"""The version of protocolgen, at the bottom of every import so that any stage may name it."""

__version__ = "0.1.0"
