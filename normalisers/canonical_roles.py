"""An owner's canonical role: the one name for an executive role however a trust prints it
(Chief Nurse = Executive Chief Nurse = Chief Nursing Officer = Director of Nursing), and
whether the owner is that role's lead or a deputy. Pure functions over data/canonical_roles.yaml.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

import yaml

from normalisers.data import data_file
from normalisers.roles import role_key

_SET_ASIDE = re.compile(r"^(?:(?:executive|acting|interim|trust)\s+)+", re.IGNORECASE)
_DEPUTY = re.compile(r"^(?:deputy|assistant|associate|vice)\s+", re.IGNORECASE)
_SPACES = re.compile(r"\s+")


class CanonicalRole(NamedTuple):
    role: str
    is_lead: bool


@lru_cache(maxsize=1)
def _canon() -> dict[str, str]:
    """Printed title (lower case) -> canonical role."""
    with data_file("canonical_roles.yaml").open(encoding="utf-8") as handle:
        listed: dict[str, list[str]] = yaml.safe_load(handle)
    return {role_key(title): role for role, titles in listed.items() for title in [role, *titles]}


def canonical_role(title: str | None) -> CanonicalRole | None:
    """The canonical role of an owner's spelled-out title (None for none): listed titles by
    their role, others as printed; "Deputy"/"Assistant"/"Associate" make a deputy of the role."""
    if not title or not title.strip():
        return None
    bare = _SET_ASIDE.sub("", _SPACES.sub(" ", title.strip()))
    deputy = _DEPUTY.match(bare)
    if deputy:
        role = _listed(_SET_ASIDE.sub("", bare[deputy.end():]))
        return CanonicalRole(f"Deputy {role}" if role else bare, is_lead=False)
    return CanonicalRole(_listed(bare) or bare, is_lead=True)


def _listed(title: str) -> str | None:
    """The role of a listed title, or of the listed title a combined one starts with ("Director
    of Nursing, AHPs and Quality", "Medical Director and Deputy Chief Executive")."""
    key = role_key(title)
    if key in _canon():
        return _canon()[key]
    starts = [listed for listed in _canon() if key.startswith((f"{listed} and ", f"{listed}, "))]
    return _canon()[max(starts, key=len)] if starts else None
