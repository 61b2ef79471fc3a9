"""The Statistics screen: the figures for a period, and the charts drawn with QPainter."""
