"""Datasette plugins that `trustplans browse` loads (its --plugins-dir is this folder)."""
