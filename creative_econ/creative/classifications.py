r"""Creative and cultural definitions: which codes count, in which domain, and how much.

A :class:`Definition` is a list of codes of one classification (UK SIC 2007, ISIC Rev.4,
CPC Ver.2, ISCO-08, Kazakhstan's OKED ...), each with a domain or group, a status
(``"full"`` or ``"partial"``) and a creative share $\theta \in (0, 1]$, the part of the
code's activity that is creative. Every bundled code cites the table and page it was
transcribed from (``citation``).

Bundled definitions (``list_definitions()``):

* ``"dcms"``: UK DCMS creative industries, 31 SIC 2007 codes in 9 groups, all counted in full
  ($\theta = 1$), as DCMS does.
* ``"unesco_fcs_2009"``: UNESCO Framework for Cultural Statistics 2009, Table 2, ISIC Rev.4
  activities: cultural domains A-F, the transversal cultural education, related domains
  G (tourism) and H (sports and recreation), and equipment and supporting materials.
* ``"unesco_fcs_2009_products"``: the same table's CPC Ver.2 goods and services.
* ``"unesco_fcs_2009_occupations"``: Table 4, ISCO-08 cultural occupations (for the creative
  trident, see :mod:`creative_econ.creative.trident`).

Partial codes. UNESCO marks some codes with a star, "to be used only if a distinction can be
made between cultural and non-cultural activities" (FCS 2009, p.51), and calls related
domains and equipment "partially cultural" (pp.28-29). By default partial codes are **not
counted** (``include_partial=False``), the conservative reading that Eurostat also applies to
cultural employment. With ``include_partial=True`` they count at ``partial_share``
(default 1.0, an upper bound: the whole code), or at per-code ``shares``.

The EU ESSnet-Culture (2012) / Eurostat (2018) list of NACE Rev.2 cultural codes is **not
bundled**: no verifiable transcription of its tables could be obtained. Load it from a file
with :func:`load_definition` if you have one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd

from ..errors import DatasetNotFoundError, InvalidTableError, did_you_mean
from ._codes import canonical_code
from ._data import read_csv

__all__ = [
    "Definition",
    "classification",
    "get_definition",
    "list_definitions",
    "load_definition",
    "register_definition",
]

Kind = Literal["activities", "products", "occupations"]
Status = Literal["full", "partial"]
_KINDS = ("activities", "products", "occupations")
_STATUSES = ("full", "partial")
_COLUMNS = ("code", "description", "domain", "status", "theta", "citation", "notes")

UNESCO_SOURCE = (
    "UNESCO Institute for Statistics (2009). The 2009 UNESCO Framework for Cultural "
    "Statistics (FCS). Montreal: UIS. ISBN 978-92-9189-075-0"
)
DCMS_SOURCE = (
    "DCMS Sectors Economic Estimates (2016): SIC 2007 codes of the creative industries "
    "(31 codes, 9 groups); mapping as published in DCMSstats/eesectors"
)


# ---------------------------------------------------------------------------------- checks
def _check_theta(values: np.ndarray, codes: pd.Series, where: str) -> None:
    bad = ~np.isfinite(values) | (values <= 0.0) | (values > 1.0)
    if bad.any():
        shown = ", ".join(f"{c!r} = {v:g}" for c, v in zip(codes[bad][:5], values[bad][:5],
                                                             strict=True))
        raise InvalidTableError(
            f"Creative shares must lie in (0, 1] ({where}); got {shown}"
            f"{' and more' if bad.sum() > 5 else ''}. Use 1 for a fully creative code and "
            "the creative part for a partial one; leave a code out rather than give it 0."
        )


def check_share(value: float, what: str) -> float:
    """A single creative share in (0, 1], or InvalidTableError naming ``what``."""
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise InvalidTableError(f"{what} must be a number in (0, 1], got {value!r}.") from None
    if not (np.isfinite(v) and 0.0 < v <= 1.0):
        raise InvalidTableError(
            f"{what} must lie in (0, 1], got {v:g}. Use 1 for a code counted in full."
        )
    return v


# ---------------------------------------------------------------------------------- Definition
@dataclass(frozen=True, eq=False)
class Definition:
    """A creative or cultural definition: codes of one classification with domains and shares.

    Attributes
    ----------
    name : str
        Registry name (e.g. ``"dcms"``).
    title : str
        Human-readable title.
    code_system : str
        The classification of ``codes`` (``"SIC 2007"``, ``"NACE Rev.2"``, ``"ISIC Rev.4"``,
        ``"CPC Ver.2"``, ``"ISCO-08"``, ``"OKED NK RK 03-2019"`` or any label of yours).
    kind : {"activities", "products", "occupations"}
    source : str
        The publication the codes come from.
    year : int or None
        Year of the definition.
    codes : DataFrame
        One row per (code, domain): columns code, description, domain, status
        (``"full"``/``"partial"``), theta (the default creative share, in (0, 1]), citation
        (table and page), notes, plus any source-specific columns.
    notes : str
        How the list was transcribed or built.
    """

    name: str
    title: str
    code_system: str
    kind: Kind
    source: str
    year: int | None
    codes: pd.DataFrame = field(repr=False)
    notes: str = ""

    def __post_init__(self) -> None:
        if self.kind not in _KINDS:
            raise InvalidTableError(
                f"Definition {self.name!r}: kind={self.kind!r} is not one of {_KINDS}."
                f"{did_you_mean(self.kind, _KINDS)}"
            )
        missing = [c for c in ("code", "domain", "status", "theta") if c not in self.codes]
        if missing:
            raise InvalidTableError(f"Definition {self.name!r} lacks columns {missing}.")
        if not len(self.codes):
            raise InvalidTableError(f"Definition {self.name!r} has no codes.")
        status = self.codes["status"]
        bad = ~status.isin(_STATUSES)
        if bad.any():
            raise InvalidTableError(
                f"Definition {self.name!r}: status must be 'full' or 'partial'; code "
                f"{self.codes['code'][bad].iloc[0]!r} has {status[bad].iloc[0]!r}."
            )
        theta = pd.to_numeric(self.codes["theta"], errors="coerce").to_numpy(dtype=float)
        _check_theta(theta, self.codes["code"], f"definition {self.name!r}")
        full_not_one = (status.to_numpy() == "full") & (theta != 1.0)
        if full_not_one.any():
            raise InvalidTableError(
                f"Definition {self.name!r}: code {self.codes['code'][full_not_one].iloc[0]!r} "
                "is marked 'full' but its share is not 1; mark it 'partial'."
            )
        dup = self.codes.duplicated(["code", "domain"])
        if dup.any():
            raise InvalidTableError(
                f"Definition {self.name!r} lists code {self.codes['code'][dup].iloc[0]!r} "
                "twice in the same domain."
            )
        frame = self.codes.copy()
        frame["theta"] = theta
        object.__setattr__(self, "codes", frame.reset_index(drop=True))

    # ------------------------------------------------------------------ construction
    @classmethod
    def from_frame(
        cls,
        frame: pd.DataFrame,
        *,
        name: str,
        title: str = "",
        code_system: str,
        kind: Kind = "activities",
        source: str = "",
        year: int | None = None,
        notes: str = "",
    ) -> Definition:
        """Build a definition from a frame with at least ``code`` and ``domain`` columns.

        Optional columns: ``theta`` (default 1), ``status`` (default ``"full"`` where theta is
        1, else ``"partial"``), ``description``, ``citation``, ``notes``. The caller's frame
        is not modified.

        Raises
        ------
        InvalidTableError
            Missing columns, a share outside (0, 1], a duplicate code within a domain.
        """
        if not isinstance(frame, pd.DataFrame):
            raise InvalidTableError("A definition needs a DataFrame with code and domain columns.")
        for col in ("code", "domain"):
            if col not in frame:
                raise InvalidTableError(
                    f"Definition {name!r} needs a {col!r} column; columns are {list(frame)}."
                )
        out = frame.copy()
        out["code"] = [canonical_code(c, code_system) for c in out["code"]]
        out["domain"] = out["domain"].astype(str).str.strip()
        if "theta" not in out:
            out["theta"] = 1.0
        theta = pd.to_numeric(out["theta"], errors="coerce").to_numpy(dtype=float)
        _check_theta(theta, out["code"], f"definition {name!r}")
        out["theta"] = theta
        if "status" not in out:
            out["status"] = np.where(theta == 1.0, "full", "partial")
        for col in ("description", "citation", "notes"):
            if col not in out:
                out[col] = ""
        ordered = list(_COLUMNS) + [c for c in out.columns if c not in _COLUMNS]
        return cls(name=name, title=title or name, code_system=code_system, kind=kind,
                   source=source, year=year, codes=out[ordered], notes=notes)

    # ------------------------------------------------------------------ views
    def frame(
        self,
        *,
        include_partial: bool = False,
        partial_share: float = 1.0,
        shares: Mapping[str, float] | None = None,
    ) -> pd.DataFrame:
        r"""The tidy list of codes with the share each one counts at.

        Parameters
        ----------
        include_partial : bool, default False
            Count codes marked ``"partial"``. Off by default: UNESCO (FCS 2009, p.51) says
            starred codes are to be used only when the cultural part can be separated.
        partial_share : float, default 1.0
            Share $\theta$ of every partial code when they are included (1 = the whole code,
            an upper bound).
        shares : mapping, optional
            Per-code shares that override both defaults (a code given here is included).

        Returns
        -------
        DataFrame
            Columns definition, code_system, code, description, domain, status, theta,
            included, citation, notes (and any extra columns of the source).

        Raises
        ------
        InvalidTableError
            A share outside (0, 1].
        LabelMismatchError
            ``shares`` names a code that is not in the definition.
        """
        from ..errors import LabelMismatchError

        partial_share = check_share(partial_share, "partial_share")
        out = self.codes.copy()
        partial = out["status"].to_numpy() == "partial"
        theta = np.where(partial, partial_share, 1.0)
        included = ~partial | include_partial
        if shares:
            given = {canonical_code(k, self.code_system): check_share(v, f"share of {k!r}")
                     for k, v in shares.items()}
            unknown = sorted(set(given) - set(out["code"]))
            if unknown:
                raise LabelMismatchError(
                    f"shares names codes that are not in definition {self.name!r}: {unknown}."
                    f"{did_you_mean(unknown[0], out['code'].unique())}"
                )
            hit = out["code"].map(given)
            mask = hit.notna().to_numpy()
            theta = np.where(mask, hit.to_numpy(dtype=float, na_value=np.nan), theta)
            included = included | mask
        out["theta"] = theta
        out.insert(0, "code_system", self.code_system)
        out.insert(0, "definition", self.name)
        out.insert(out.columns.get_loc("theta") + 1, "included", included)
        return out

    def code_shares(
        self,
        *,
        include_partial: bool = False,
        partial_share: float = 1.0,
        shares: Mapping[str, float] | None = None,
    ) -> pd.DataFrame:
        """One row per included code: code, domain, theta.

        A code listed in several domains (UNESCO lists ISIC 9000 under A-D) is counted once,
        in a domain labelled ``"Several domains: ..."``, so domain totals add up to the total.
        Its share is the largest of its included rows.
        """
        fr = self.frame(include_partial=include_partial, partial_share=partial_share,
                        shares=shares)
        fr = fr[fr["included"]]
        grouped = fr.groupby("code", sort=False).agg(
            theta=("theta", "max"), domains=("domain", lambda d: list(dict.fromkeys(d)))
        )
        domain = [
            d[0] if len(d) == 1 else "Several domains: " + "; ".join(d)
            for d in grouped["domains"]
        ]
        return pd.DataFrame(
            {"code": grouped.index, "domain": domain, "theta": grouped["theta"].to_numpy()}
        ).reset_index(drop=True)

    @property
    def domains(self) -> list[str]:
        return list(dict.fromkeys(self.codes["domain"]))

    def summary(self) -> pd.Series:
        return pd.Series({
            "name": self.name, "title": self.title, "code system": self.code_system,
            "kind": self.kind, "year": self.year, "codes": self.codes["code"].nunique(),
            "domains": len(self.domains),
            "partial codes": int((self.codes["status"] == "partial").sum()),
            "source": self.source,
        }, name=self.name, dtype=object)

    def __repr__(self) -> str:
        return (f"Definition({self.name!r}, {self.code_system}, "
                f"{self.codes['code'].nunique()} codes, {len(self.domains)} domains)")


# ---------------------------------------------------------------------------------- built-ins
def _dcms() -> Definition:
    raw = read_csv("dcms_sector_sic2007_mappings.csv")
    raw = raw[raw["sector"] == "creative"]
    frame = pd.DataFrame({
        "code": raw["sic"].to_numpy(),
        "description": raw["description"].str.strip().to_numpy(),
        "domain": raw["sub-sector"].str.strip().to_numpy(),
        "status": "full",
        "theta": 1.0,
        "citation": "DCMS Sectors Economic Estimates 2016, creative industries SIC 2007 "
        "mapping (sector 'creative', sub-sector as printed)",
        "notes": "",
    })
    return Definition.from_frame(
        frame, name="dcms", title="UK DCMS creative industries (SIC 2007)",
        code_system="SIC 2007", source=DCMS_SOURCE, year=2016,
        notes="All 31 codes count in full: DCMS dropped the scaling factors it once applied to "
        "partially creative codes (Creative Industries Economic Estimates 2011). Group codes "
        "printed as 59.2, 60.1, 60.2, 74.1, 74.2, 74.3 are read as their single classes "
        "(59.20, ...). Groups are DCMS's sub-sectors, trailing spaces removed.",
    )


def _unesco_rows(filename: str, system: str) -> pd.DataFrame:
    raw = read_csv(filename)
    frame = pd.DataFrame({
        "code": raw["code"].to_numpy(),
        "description": raw["description"].to_numpy(),
        "domain": raw["domain"].to_numpy(),
        "status": np.where(raw["cultural_share_flag"] == "partial", "partial", "full"),
        "theta": 1.0,
        "citation": raw["source_table_or_page"].to_numpy(),
        "notes": raw["notes"].to_numpy(),
        "table_section": raw["table_section"].to_numpy(),
        "source_flag": raw["cultural_share_flag"].to_numpy(),
    })
    for extra in ("star_marked", "isic4_row", "function"):
        if extra in raw:
            frame[extra] = raw[extra].to_numpy()
    return frame


def _unesco_activities() -> Definition:
    frame = _unesco_rows("unesco_fcs2009_isic4.csv", "ISIC Rev.4")
    # A code can be transcribed twice in one domain (once as cultural, once as equipment):
    # keep both rows only when their table sections differ; the registry key is (code, domain).
    frame = frame.sort_values("status").drop_duplicates(["code", "domain"], keep="first")
    return Definition.from_frame(
        frame.sort_index(), name="unesco_fcs_2009",
        title="UNESCO Framework for Cultural Statistics 2009: activities (ISIC Rev.4)",
        code_system="ISIC Rev.4", source=UNESCO_SOURCE + ", Table 2", year=2009,
        notes="Transcribed from FCS 2009 Table 2 with the printed page of every row. Starred "
        "codes, related domains (G, H) and equipment and supporting materials are 'partial'. "
        "Where a code appears in one domain both as cultural and as equipment, the cultural "
        "(full) row is kept.",
    )


def _unesco_products() -> Definition:
    frame = _unesco_rows("unesco_fcs2009_cpc2.csv", "CPC Ver.2")
    frame = frame.sort_values("status").drop_duplicates(["code", "domain"], keep="first")
    return Definition.from_frame(
        frame.sort_index(), name="unesco_fcs_2009_products",
        title="UNESCO Framework for Cultural Statistics 2009: goods and services (CPC Ver.2)",
        code_system="CPC Ver.2", kind="products", source=UNESCO_SOURCE + ", Table 2", year=2009,
        notes="CPC Ver.2 rows of FCS 2009 Table 2, each linked to its ISIC row (isic4_row).",
    )


_ISCO_DOMAINS = {
    "audio-visual and interactive media": "E. Audio-visual and Interactive Media",
    "e. audio-visual and interactive media": "E. Audio-visual and Interactive Media",
    "visual arts and crafts": "C. Visual Arts and Crafts",
    "books and press": "D. Books and Press",
    "h. sports & recreation": "H. Sports and Recreation",
    "intangible heritage": "Intangible Cultural Heritage (transversal domain)",
}


def _unesco_occupations() -> Definition:
    frame = _unesco_rows("unesco_fcs2009_isco08.csv", "ISCO-08")
    frame["domain"] = [
        _ISCO_DOMAINS.get(d.strip().lower(), d.strip()) for d in frame["domain"]
    ]
    frame = frame.sort_values("status").drop_duplicates(["code", "domain"], keep="first")
    return Definition.from_frame(
        frame.sort_index(), name="unesco_fcs_2009_occupations",
        title="UNESCO Framework for Cultural Statistics 2009: cultural occupations (ISCO-08)",
        code_system="ISCO-08", kind="occupations", source=UNESCO_SOURCE + ", Table 4",
        year=2009,
        notes="FCS 2009 Table 4. Occupations of the equipment and supporting materials block "
        "are 'partial'; the others are listed as cultural occupations without a partial mark "
        "(source_flag 'unknown') and count in full. Domain names harmonised to Table 2's "
        "(e.g. 'Books and Press' -> 'D. Books and Press').",
    )


_BUILTIN = {
    "dcms": _dcms,
    "unesco_fcs_2009": _unesco_activities,
    "unesco_fcs_2009_products": _unesco_products,
    "unesco_fcs_2009_occupations": _unesco_occupations,
}
_NOT_BUNDLED = {
    "essnet_culture": (
        "The EU ESSnet-Culture (2012) / Eurostat culture statistics (2018) list of NACE Rev.2 "
        "cultural codes is not bundled: no verifiable copy of its tables was available to "
        "transcribe, and creative_econ does not ship codes it cannot cite. If you have the "
        "list, load it with ce.creative.load_definition('essnet.csv', name='essnet_culture', "
        "code_system='NACE Rev.2', ...) and pass the Definition (or register it)."
    ),
}
_CACHE: dict[str, Definition] = {}
_USER: dict[str, Definition] = {}


def _names() -> list[str]:
    return [*_BUILTIN, *_USER]


def get_definition(name: str | Definition) -> Definition:
    """A registered definition by name (a :class:`Definition` is returned as is).

    Raises
    ------
    DatasetNotFoundError
        The name is unknown (the message lists the known names and the closest ones), or the
        definition is known but not bundled (``"essnet_culture"``; the message says why).
    """
    if isinstance(name, Definition):
        return name
    if not isinstance(name, str):
        raise DatasetNotFoundError(
            f"A definition is a name or a Definition, got {type(name).__name__}."
        )
    if name in _USER:
        return _USER[name]
    if name in _BUILTIN:
        if name not in _CACHE:
            _CACHE[name] = _BUILTIN[name]()
        return _CACHE[name]
    if name in _NOT_BUNDLED:
        raise DatasetNotFoundError(_NOT_BUNDLED[name])
    raise DatasetNotFoundError(
        f"Unknown creative definition {name!r}; known definitions are "
        f"{', '.join(map(repr, _names()))}.{did_you_mean(name, [*_names(), *_NOT_BUNDLED])}"
    )


def list_definitions() -> pd.DataFrame:
    """The registered definitions with their code system, year, size and source."""
    rows = [get_definition(n).summary() for n in _names()]
    return pd.DataFrame(rows).set_index("name")


def classification(
    name: str | Definition,
    *,
    include_partial: bool = False,
    partial_share: float = 1.0,
    shares: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    r"""A definition as a tidy frame, one row per code and domain.

    Parameters
    ----------
    name : str or Definition
        ``"dcms"``, ``"unesco_fcs_2009"``, ``"unesco_fcs_2009_products"``,
        ``"unesco_fcs_2009_occupations"``, a registered name, or a :class:`Definition`.
    include_partial, partial_share, shares
        How partial codes count; see :meth:`Definition.frame`.

    Returns
    -------
    DataFrame
        Columns definition, code_system, code, description, domain, status, theta
        ($\theta \in (0, 1]$), included, citation, notes, and source-specific columns.

    Examples
    --------
    >>> import creative_econ.creative as cc
    >>> dcms = cc.classification("dcms")
    >>> len(dcms), dcms["domain"].nunique()
    (31, 9)
    """
    return get_definition(name).frame(
        include_partial=include_partial, partial_share=partial_share, shares=shares
    )


def register_definition(definition: Definition, *, replace: bool = False) -> Definition:
    """Make a definition available by name in this process.

    Built-in names cannot be replaced; a user name can, with ``replace=True``.

    Raises
    ------
    InvalidTableError
        The name is a built-in one, or already registered and ``replace`` is False.
    """
    if not isinstance(definition, Definition):
        raise InvalidTableError(
            f"register_definition needs a Definition, got {type(definition).__name__}; build "
            "one with Definition.from_frame(...) or load_definition(path)."
        )
    if definition.name in _BUILTIN:
        raise InvalidTableError(
            f"{definition.name!r} is a built-in definition and cannot be replaced; choose "
            "another name."
        )
    if definition.name in _USER and not replace:
        raise InvalidTableError(
            f"A definition named {definition.name!r} is already registered; pass "
            "replace=True to replace it."
        )
    _USER[definition.name] = definition
    return definition


def load_definition(
    path: str | Path,
    *,
    name: str | None = None,
    title: str = "",
    code_system: str | None = None,
    kind: Kind = "activities",
    source: str = "",
    year: int | None = None,
    register: bool = False,
) -> Definition:
    """Read a definition from a CSV or YAML file.

    CSV: one row per code with columns ``code`` and ``domain`` and optionally ``theta``,
    ``status``, ``description``, ``citation``, ``notes``; the metadata (``name``,
    ``code_system``, ...) come from the keywords. YAML: a mapping with the same metadata keys
    and ``codes``, a list of such rows; keywords override the file.

    Example: Kazakhstan's Ministry of Culture and Information list of OKED activities as a
    CSV with ``code_system="OKED NK RK 03-2019"``.

    Raises
    ------
    InvalidTableError
        Missing metadata or columns, a share outside (0, 1].
    FileNotFoundError
        The file does not exist.
    """
    path = Path(path)
    meta: dict[str, object] = {}
    if path.suffix.lower() in (".yaml", ".yml"):
        import yaml

        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or "codes" not in data:
            raise InvalidTableError(
                f"{path.name}: a YAML definition is a mapping with metadata and a 'codes' list."
            )
        frame = pd.DataFrame(data.pop("codes"))
        meta = data
    elif path.suffix.lower() == ".csv":
        frame = pd.read_csv(path, dtype={"code": str})
    else:
        raise InvalidTableError(
            f"{path.name}: definitions are read from .csv or .yaml files, not {path.suffix!r}."
        )
    given = {"name": name, "title": title or None, "code_system": code_system,
             "source": source or None, "year": year}
    meta.update({k: v for k, v in given.items() if v is not None})
    meta.setdefault("kind", kind)
    for key in ("name", "code_system"):
        if not meta.get(key):
            raise InvalidTableError(f"{path.name}: the definition needs {key}= (keyword or key).")
    unknown = set(meta) - {"name", "title", "code_system", "kind", "source", "year", "notes"}
    if unknown:
        raise InvalidTableError(f"{path.name}: unknown metadata keys {sorted(unknown)}.")
    definition = Definition.from_frame(frame, **meta)  # type: ignore[arg-type]
    if register:
        register_definition(definition, replace=True)
    return definition
