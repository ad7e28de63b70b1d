"""Data files of `pipeline.interpret` (installed with the package; a new wording is a line here)."""

from importlib import resources
from importlib.resources.abc import Traversable


def data_file(name: str) -> Traversable:
    return resources.files(__name__).joinpath(name)
