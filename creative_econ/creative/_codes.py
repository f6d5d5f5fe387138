"""Code formats of the classifications the creative layer knows (pure string handling).

NACE Rev.2 and UK SIC 2007 classes are written ``"dd.dd"`` (``"59.11"``); ISIC Rev.4 and
Kazakhstan's OKED (NK RK 03-2019) classes are written as four digits (``"5911"``); OKED
subclasses have five digits (``"59110"``).
"""

from __future__ import annotations

import re
from functools import cache

import pandas as pd

from ._data import read_csv

__all__ = [
    "NACE_LIKE",
    "OKED",
    "canonical_code",
    "nace_class_to_oked",
    "oked_classes",
    "oked_frame",
]

#: Code systems written "dd.dd" that share NACE Rev.2's classes (UK SIC 2007 equals NACE Rev.2
#: down to the four-digit class; UK subclasses add a fifth digit).
NACE_LIKE = ("NACE Rev.2", "SIC 2007")
OKED = "OKED NK RK 03-2019"

_LEVELS = {"секция": "section", "раздел": "division", "группа": "group", "класс": "class",
           "подкласс": "subclass"}


@cache
def _oked() -> pd.DataFrame:
    frame = read_csv("kazakhstan_oked_nk_rk_03_2019.csv")
    frame["level"] = frame["level"].map(_LEVELS)
    return frame


def oked_frame() -> pd.DataFrame:
    """The OKED classifier (NK RK 03-2019): level, code, name (Russian), parent, section."""
    return _oked().copy()


@cache
def oked_classes() -> frozenset[str]:
    frame = _oked()
    return frozenset(frame.loc[frame["level"] == "class", "code"])


@cache
def _single_class_groups() -> dict[str, str]:
    """OKED/NACE groups (three digits) that hold exactly one class, mapped to that class."""
    frame = _oked()
    classes = frame[frame["level"] == "class"]
    counts = classes.groupby("parent")["code"].agg(list)
    return {group: codes[0] for group, codes in counts.items() if len(codes) == 1}


def canonical_code(code: object, system: str) -> str:
    """The canonical spelling of a code in ``system``.

    NACE/SIC codes become ``"dd.dd"``; a three-digit group code such as DCMS's ``"59.2"`` is
    read as its class (``"59.20"``) only when the group has a single class in the NACE-based
    OKED list; otherwise it stays a group code. ISIC/OKED codes keep their digits.
    """
    text = str(code).strip()
    if system in NACE_LIKE:
        digits = re.sub(r"[.\s]", "", text)
        if len(digits) == 3 and digits in _single_class_groups():
            digits = _single_class_groups()[digits]
        if len(digits) >= 4 and digits.isdigit():
            return f"{digits[:2]}.{digits[2:]}"
        if len(digits) == 3 and digits.isdigit():
            return f"{digits[:2]}.{digits[2:]}"
        return digits
    if system in ("ISIC Rev.4", OKED):
        return re.sub(r"[.\s]", "", text)
    return text


def nace_class_to_oked(code: str) -> str:
    """``"59.11"`` -> ``"5911"`` (OKED keeps NACE Rev.2's class codes; checked by the caller)."""
    return code.replace(".", "")
