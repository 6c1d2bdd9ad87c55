"""protocolgen: privacy protocol, DPIA and role cards from one YAML description."""

__version__ = "0.1.0"
