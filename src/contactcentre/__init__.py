"""Contact Centre: runs one child contact centre from a coordinator's laptop, offline."""

__version__ = "0.1.0"
