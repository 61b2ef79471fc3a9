"""The Retention screen: what is due for destruction, holds, the log, subject access."""
