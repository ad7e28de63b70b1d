"""Where the normalisers' data files live."""

from pathlib import Path

DATA_DIR = Path(__file__).with_name("data")
