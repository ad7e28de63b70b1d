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
        rest = _SET_ASIDE.sub("", bare[deputy.end():])
        role = _canon().get(role_key(rest))
        return CanonicalRole(f"Deputy {role}" if role else bare, is_lead=False)
    return CanonicalRole(_canon().get(role_key(bare), bare), is_lead=True)
