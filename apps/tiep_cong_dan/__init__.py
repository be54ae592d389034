"""Tiếp công dân trực tuyến: case management for online citizen reception."""
