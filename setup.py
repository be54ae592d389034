# pyproject.toml is the source of truth; this shim keeps legacy tooling working.
from setuptools import setup

setup()
