r"""Kazakhstan's regional units: a registry with names, centres, border vintages and re-basing.

Kazakhstan has had three sets of regional boundaries in recent official series (*border
vintages*):

* ``"KZ-2022"`` (from 8 June 2022): 17 regions and the 3 cities of republican significance,
  20 units. Abai (centre Semey) was carved out of East Kazakhstan, Jetisu (Taldykorgan) out of
  Almaty region, Ulytau (Zhezkazgan) out of Karaganda region; Almaty region's centre moved to
  Konayev.
* ``"KZ-2018"`` (19 June 2018 to 7 June 2022): 14 regions and 3 cities, 17 units. Shymkent
  became a city of republican significance and South Kazakhstan region was renamed Turkistan
  region.
* ``"KZ-pre2018"`` (until 18 June 2018): 14 regions and 2 cities, 16 units, with South
  Kazakhstan region (code ``YKO``) including Shymkent.

Codes are the three-letter codes of the Bureau of National Statistics series bundled with the
package (``load_dataset("kazakhstan_output_by_region")``); a code names the unit of one vintage,
so ``VKO`` in ``"KZ-2018"`` includes the later Abai region while ``VKO`` in ``"KZ-2022"`` does
not. Names in English, Kazakh and Russian and the administrative centres' coordinates come with
a source per row (``data_kz/PROVENANCE.md``).

>>> from creative_econ.regional.kazakhstan import kz_region, kz_regions
>>> kz_region("Semey").code, kz_region("Oskemen").code, kz_region("Nur-Sultan").code
('ABY', 'VKO', 'AST')
>>> len(kz_regions()), len(kz_regions("KZ-2018"))
(20, 17)
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import pairwise
from typing import Literal, get_args

import numpy as np
import pandas as pd

from .._labels import check_option
from ..errors import (
    InvalidParameterError,
    LabelMismatchError,
    RegionalDataError,
    UnknownRegionError,
    did_you_mean,
)

__all__ = [
    "CURRENT_VINTAGE",
    "VINTAGES",
    "KZRegion",
    "Vintage",
    "kz_centres",
    "kz_codes",
    "kz_crosswalk",
    "kz_region",
    "kz_regions",
    "kz_vintages",
    "rebase",
]

Vintage = Literal["KZ-2022", "KZ-2018", "KZ-pre2018"]
#: Border vintages, newest first.
VINTAGES: tuple[str, ...] = get_args(Vintage)
#: The boundaries in force since 8 June 2022 (20 units).
CURRENT_VINTAGE: Vintage = "KZ-2022"
_ORDER = {v: i for i, v in enumerate(reversed(VINTAGES))}  # oldest = 0
_REGION_WORDS = ("region", "oblast", "oblys", "oblysy", "province", "облысы", "область", "обл")
_CITY_WORDS = ("city", "qalasy", "kalasy", "қаласы", "город", "г")


# ============================================================================ the data
@cache
def _table(name: str) -> pd.DataFrame:
    path = resources.files(__package__).joinpath("data_kz", f"{name}.csv")
    with path.open("r", encoding="utf-8") as fh:
        return pd.read_csv(fh, dtype=str, keep_default_na=False)


@cache
def _registry() -> pd.DataFrame:
    """Every unit of every vintage, joined to its centre (validated once)."""
    regions = _table("regions")
    centres = _table("centres").set_index("centre")
    missing = set(regions["centre"]) - set(centres.index)
    if missing:  # pragma: no cover - guarded by the registry tests
        raise RegionalDataError(f"Kazakhstan registry: centres without a record: {missing}.")
    dup = regions.duplicated(["vintage", "code"])
    if dup.any():  # pragma: no cover
        raise RegionalDataError("Kazakhstan registry: a code is listed twice in one vintage.")
    c = centres.loc[regions["centre"]]
    out = regions.assign(
        centre_en=c["name_en"].to_numpy(),
        centre_kk=c["name_kk"].to_numpy(),
        lat=c["lat"].astype(float).to_numpy(),
        lon=c["lon"].astype(float).to_numpy(),
        centre_source=c["source_url"].to_numpy(),
    )
    return out.rename(columns={"centre": "centre_id"})


def _check_vintage(vintage: str) -> str:
    check_option("vintage", vintage, VINTAGES)
    return vintage


@dataclass(frozen=True)
class KZRegion:
    """One regional unit of Kazakhstan in one border vintage.

    Attributes
    ----------
    code : str
        Three-letter code (as in the BNS regional series).
    vintage : str
        Border vintage the unit belongs to (``"KZ-2022"``, ``"KZ-2018"``, ``"KZ-pre2018"``).
    type : {"region", "city"}
        An oblast, or a city of republican significance.
    name_en, name_kk, name_ru : str
        Names in English, Kazakh and Russian.
    centre : str
        Administrative centre (English name); ``centre_kk`` in Kazakh.
    lat, lon : float
        The centre's coordinates in decimal degrees (source in ``centre_source``).
    territory : str
        How the territory relates to other vintages, where it differs.
    names_source, centre_source : str
        Where the names and the coordinates come from.
    """

    code: str
    vintage: str
    type: str
    name_en: str
    name_kk: str
    name_ru: str
    centre: str
    centre_kk: str
    lat: float
    lon: float
    territory: str
    names_source: str
    centre_source: str


def kz_regions(vintage: Vintage = CURRENT_VINTAGE) -> pd.DataFrame:
    """The regional units of one border vintage, one row per unit.

    Parameters
    ----------
    vintage : {"KZ-2022", "KZ-2018", "KZ-pre2018"}, default "KZ-2022"

    Returns
    -------
    DataFrame
        Index ``code`` (sorted); columns ``type``, ``name_en``, ``name_kk``, ``name_ru``,
        ``centre``, ``centre_kk``, ``lat``, ``lon``, ``territory``, ``names_source``,
        ``centre_source``. A new frame on every call.

    Raises
    ------
    InvalidOptionError
        Unknown vintage.
    """
    return _units(_check_vintage(vintage))


def _units(vintage: str) -> pd.DataFrame:
    reg = _registry()
    part = reg[reg["vintage"] == vintage].set_index("code").sort_index()
    out = part[["type", "name_en", "name_kk", "name_ru", "centre_en", "centre_kk", "lat", "lon",
                "territory", "names_source", "centre_source"]]
    return out.rename(columns={"centre_en": "centre"}).rename_axis("code").copy()


def kz_centres(vintage: Vintage = CURRENT_VINTAGE) -> pd.DataFrame:
    """Administrative centres as ``lat``/``lon`` by unit code, ready for
    ``RegionalData(centres=...)`` and great-circle distances.

    >>> kz_centres().loc["ABY"].round(2).tolist()
    [50.43, 80.27]
    """
    return _units(vintage)[["lat", "lon"]].copy()


def kz_vintages() -> pd.DataFrame:
    """The border vintages: number of units, validity dates, what changed and the source."""
    return _table("vintages").set_index("vintage").copy()


# ============================================================================ name lookup
def _fold(text: str) -> str:
    """Case- and accent-insensitive form: NFKD without combining marks, casefolded."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.casefold().replace("ё", "е")


def _parse(text: str) -> tuple[str, str | None]:
    """(core name, hint) of a name: the hint says whether it names a region or a city."""
    text = re.sub(r"\(.*?\)", " ", str(text))  # "Almaty region (post-2022 boundaries)"
    tokens = re.sub(r"[\s\-_.,;:'’`/]+", " ", _fold(text)).split()
    region_words, city_words = _hint_words()
    hint = None
    if any(t in region_words for t in tokens):
        hint = "region"
    elif any(t in city_words for t in tokens):
        hint = "city"
    core = " ".join(t for t in tokens if t not in region_words | city_words)
    return core or " ".join(tokens), hint


@cache
def _hint_words() -> tuple[frozenset[str], frozenset[str]]:
    return (frozenset(_fold(w) for w in _REGION_WORDS), frozenset(_fold(w) for w in _CITY_WORDS))


@dataclass(frozen=True)
class _Index:
    keys: dict[tuple[str, str | None], str]
    ambiguous: dict[tuple[str, str | None], tuple[str, ...]]
    labels: tuple[str, ...]  # what "did you mean" chooses from


@cache
def _index(vintage: str) -> _Index:
    """Lookup table of one vintage: (core, hint) -> code, with priorities.

    Priorities (lower wins): codes 0; a city's names 1; a region's names 2; administrative
    centres 3. So "Almaty" is the city, "Almaty region" the oblast, "Semey" Abai region.
    """
    units = _units(vintage)
    aliases = _table("aliases")
    best: dict[tuple[str, str | None], tuple[int, set[str]]] = {}
    labels: list[str] = []

    def add(name: str, code: str, priority: int, kind: str) -> None:
        core, hint = _parse(name)
        labels.append(name)
        keys: list[tuple[str, str | None]] = [(core, hint), (core, None)] if hint is not None \
            else [(core, None)]
        if kind == "centre":
            keys.append((core, "city"))
        for key in keys:
            prio, codes = best.get(key, (99, set()))
            if priority < prio:
                best[key] = (priority, {code})
            elif priority == prio:
                codes.add(code)

    for code, row in units.iterrows():
        add(code, code, 0, "code")
        prio = 1 if row["type"] == "city" else 2
        for col in ("name_en", "name_kk", "name_ru"):
            add(row[col], code, prio, "name")
        add(row["centre"], code, 3, "centre")
        add(row["centre_kk"], code, 3, "centre")
    reg = _registry()
    part = reg[reg["vintage"] == vintage]
    centre_of = dict(zip(part["centre_id"], part["code"], strict=True))
    for alias, target, kind in aliases[["alias", "target", "target_kind"]].itertuples(
            index=False):
        if kind == "unit" and target in units.index:
            prio = 1 if units.loc[target, "type"] == "city" else 2
            add(alias, target, prio, "name")
        elif kind == "centre" and target in centre_of:
            add(alias, centre_of[target], 3, "centre")
    keys = {k: next(iter(c)) for k, (_, c) in best.items() if len(c) == 1}
    amb = {k: tuple(sorted(c)) for k, (_, c) in best.items() if len(c) > 1}
    return _Index(keys, amb, tuple(dict.fromkeys(labels)))


def _lookup(name: str, vintage: str) -> str | None:
    idx = _index(vintage)
    core, hint = _parse(name)
    for key in ((core, hint), (core, None)):
        if key in idx.ambiguous:
            raise UnknownRegionError(
                name, idx.ambiguous[key], where=f"the {vintage} registry (the name is ambiguous;"
                " give the code)")
        code = idx.keys.get(key)
        if code is None:
            continue
        if key[1] is None and hint is not None and _units(vintage).loc[code, "type"] != hint:
            return None  # "Shymkent region" is not the city of Shymkent
        return code
    return None


def kz_region(name_or_code: str, *, vintage: Vintage = CURRENT_VINTAGE) -> KZRegion:
    """Look a regional unit up by code, name (English, Kazakh, Russian) or common spelling.

    Accepts codes (``"ABY"``), official names in the three languages (``"Abai Region"``,
    ``"Абай облысы"``, ``"Абайская область"``), the BNS names, common spellings (``"Zhetysu"``,
    ``"Jetisu"``, ``"Zhambyl"``), former names (``"Nur-Sultan"``, ``"Alma-Ata"``) and the names
    of administrative centres, which stand for their region (``"Semey"`` → Abai,
    ``"Oskemen"``/``"Ust-Kamenogorsk"`` → East Kazakhstan). Matching ignores case, accents,
    hyphens and text in parentheses; a word such as "region"/"oblast" or "city" chooses between
    Almaty region and the city of Almaty (plain "Almaty" is the city).

    Parameters
    ----------
    name_or_code : str
    vintage : {"KZ-2022", "KZ-2018", "KZ-pre2018"}, default "KZ-2022"
        Border vintage to look in; a centre or name of another vintage is an error that says
        where it belongs (e.g. "Taldykorgan" is Jetisu in ``"KZ-2022"``, Almaty region before).

    Returns
    -------
    KZRegion

    Raises
    ------
    UnknownRegionError
        The name is not known in that vintage (with the closest names, and the vintage it
        belongs to if it is a unit or centre of another one).
    InvalidOptionError
        Unknown vintage.

    Examples
    --------
    >>> kz_region("Zhetysu").name_en, kz_region("Almaty oblast").code
    ('Jetisu Region', 'ALM')
    >>> kz_region("Taldykorgan", vintage="KZ-2018").code
    'ALM'
    """
    _check_vintage(vintage)
    if not isinstance(name_or_code, str) or not name_or_code.strip():
        raise UnknownRegionError(name_or_code, _units(vintage).index,
                                 where=f"the {vintage} registry (give a name or code)")
    code = _lookup(name_or_code, vintage)
    if code is None:
        raise _unknown(name_or_code, vintage)
    row = _units(vintage).loc[code]
    fields = {k: (float(v) if k in ("lat", "lon") else str(v)) for k, v in row.items()}
    return KZRegion(code=code, vintage=vintage, **fields)  # type: ignore[arg-type]


def _unknown(name: str, vintage: str) -> UnknownRegionError:
    """The error for an unknown name, saying where it belongs if another vintage has it."""
    idx = _index(vintage)
    codes = list(_units(vintage).index)
    err = UnknownRegionError(name, codes, where=f"the {vintage} registry")
    suggest = did_you_mean(name, idx.labels) or did_you_mean(name, codes)
    err.message = (f"Unknown region {name!r} in the {vintage} registry: known regions are "
                   f"{', '.join(codes)}.{suggest}")
    for other in VINTAGES:
        if other == vintage:
            continue
        code = _lookup(name, other)
        if code is None:
            continue
        unit = _units(other).loc[code]
        now = _relatives(code, other, vintage)
        err.message += (
            f" It is {code} ({unit['name_en']}) in border vintage {other}; in {vintage} that "
            f"territory is {', '.join(now)}. Look it up with vintage={other!r}, or re-base "
            f"data with rebase(data, from_vintage={other!r}, to_vintage={vintage!r})."
        )
        break
    err.args = (err.message,)
    return err


def kz_codes(names: Iterable[str], *, vintage: Vintage = CURRENT_VINTAGE) -> list[str]:
    """Codes for many names at once (see :func:`kz_region`).

    Raises
    ------
    UnknownRegionError
        A name is not known.
    LabelMismatchError
        Two names are the same unit (e.g. ``["Semey", "Abai"]``): a region listed twice.
    """
    names = list(names)
    codes = [kz_region(n, vintage=vintage).code for n in names]
    seen: dict[str, int] = {}
    for i, c in enumerate(codes):
        if c in seen:
            raise LabelMismatchError(
                f"Region {c} is listed twice: as {names[seen[c]]!r} and as {names[i]!r}. Give "
                "each region once."
            )
        seen[c] = i
    return codes


# ============================================================================ crosswalk
def _step(older: str, newer: str) -> pd.DataFrame:
    """Membership matrix (newer x older) of two adjacent vintages: 1 where a newer unit lies
    inside an older one."""
    cw = _table("crosswalk")
    part = cw[(cw["from_vintage"] == older) & (cw["to_vintage"] == newer)]
    rows = _units(newer).index  # type: ignore[arg-type]
    cols = _units(older).index  # type: ignore[arg-type]
    M = pd.DataFrame(0.0, index=rows, columns=cols)
    for f, t in part[["from_code", "to_code"]].itertuples(index=False):
        M.loc[t, f] = 1.0
    return M


def kz_crosswalk(from_vintage: Vintage, to_vintage: Vintage = CURRENT_VINTAGE) -> pd.DataFrame:
    r"""Membership of the units of one vintage in those of another.

    Returns
    -------
    DataFrame
        Rows: units of the *newer* vintage; columns: units of the *older*; 1 where the newer
        unit is part of the older one (each row has exactly one 1), else 0. Whichever order
        the vintages are given in, rows are the newer. Identity for equal vintages.

    Examples
    --------
    >>> w = kz_crosswalk("KZ-2018")
    >>> w.loc[["ABY", "VKO"], "VKO"].tolist()
    [1.0, 1.0]
    """
    a, b = _check_vintage(from_vintage), _check_vintage(to_vintage)
    older, newer = (a, b) if _ORDER[a] <= _ORDER[b] else (b, a)
    chain = sorted(VINTAGES, key=lambda v: _ORDER[v])
    path = chain[_ORDER[older]: _ORDER[newer] + 1]
    M = pd.DataFrame(np.eye(len(_units(older))), index=_units(older).index,
                     columns=_units(older).index)
    for o, n in pairwise(path):
        M = _step(o, n) @ M
    return M.rename_axis(index=newer, columns=older)


def _relatives(code: str, vintage: str, other: str) -> list[str]:
    """Units of ``other`` that overlap unit ``code`` of ``vintage``."""
    if vintage == other:
        return [code]
    M = kz_crosswalk(vintage, other)  # type: ignore[arg-type]
    if _ORDER[vintage] < _ORDER[other]:  # code is older: its children in other
        return list(M.index[M[code] > 0])
    parent = M.loc[code]
    return list(parent.index[parent > 0])


def rebase(
    data: pd.Series | pd.DataFrame,
    from_vintage: Vintage,
    to_vintage: Vintage = CURRENT_VINTAGE,
    *,
    shares: pd.Series | pd.DataFrame | Mapping[str, float] | None = None,
) -> pd.Series | pd.DataFrame:
    r"""Re-base regional totals from one border vintage to another.

    Towards an **older** vintage units are summed, which is exact:
    $y^{old} = M' y^{new}$ with $M$ from :func:`kz_crosswalk` (East Kazakhstan before 2022 =
    East Kazakhstan + Abai, and so on). Towards a **newer** vintage a split unit is shared out
    among its parts with weights that must be given:

    $$ y^{new}_c = \frac{s_c}{\sum_{c' \in P(c)} s_{c'}}\; y^{old}_{P(c)} $$

    where $P(c)$ is the older unit containing $c$ and $s$ the ``shares``. Only additive
    quantities (output, GVA, employment, population) can be re-based this way; rates and per
    capita figures cannot.

    Parameters
    ----------
    data : Series or DataFrame
        Indexed by the unit codes of ``from_vintage`` (every unit once; other columns, e.g.
        sectors or years, are carried along). Values must be finite numbers.
    from_vintage, to_vintage : {"KZ-2022", "KZ-2018", "KZ-pre2018"}
        ``to_vintage`` defaults to the current boundaries.
    shares : Series, DataFrame or mapping, optional
        Needed when a unit is split (going to a newer vintage): non-negative weights indexed
        by codes of ``to_vintage`` for at least the parts of every split unit, e.g. each part's
        output in the first year of the new boundaries. A DataFrame with ``data``'s columns
        gives a weight per column (e.g. per sector).

    Returns
    -------
    Series or DataFrame
        Like ``data``, indexed by the codes of ``to_vintage`` (in registry order).

    Raises
    ------
    UnknownRegionError
        A label of ``data`` is not a unit of ``from_vintage`` (e.g. a national total row).
    LabelMismatchError
        A unit is listed twice or missing.
    RegionalDataError
        Non-numeric or non-finite values.
    InvalidParameterError
        Shares missing, negative or all zero for the parts of a split unit.

    Examples
    --------
    >>> import pandas as pd
    >>> new = pd.Series(1.0, index=kz_regions().index)
    >>> float(rebase(new, "KZ-2022", "KZ-2018")["VKO"])
    2.0
    """
    _check_vintage(from_vintage)
    _check_vintage(to_vintage)
    if not isinstance(data, pd.Series | pd.DataFrame):
        raise RegionalDataError(
            f"rebase() takes a Series or DataFrame indexed by region code; got "
            f"{type(data).__name__}."
        )
    units = _units(from_vintage).index
    index = data.index
    if index.has_duplicates:
        dup = list(index[index.duplicated()].unique()[:5])
        raise LabelMismatchError(f"rebase(): region(s) {dup} listed more than once in the data.")
    for label in index:
        if label not in units:
            raise UnknownRegionError(
                label, units, where=f"the {from_vintage} data given to rebase() (drop national "
                "totals; convert names with kz_codes())")
    missing = units.difference(index, sort=False)
    if len(missing):
        raise LabelMismatchError(
            f"rebase(): the data lack {len(missing)} unit(s) of {from_vintage}: "
            f"{list(missing)}. Re-basing needs every unit (0 where there is nothing)."
        )
    try:
        values = np.asarray(data.reindex(units).to_numpy(dtype=float))
    except (TypeError, ValueError):
        raise RegionalDataError("rebase(): the data have non-numeric values.") from None
    if not np.all(np.isfinite(values)):
        pos = np.argwhere(~np.isfinite(values.reshape(len(units), -1)))[0]
        raise RegionalDataError(
            f"rebase(): the value for {units[pos[0]]} is missing or not finite."
        )
    M = kz_crosswalk(from_vintage, to_vintage)
    if _ORDER[from_vintage] >= _ORDER[to_vintage]:  # newer -> older (or same): sum
        out_index = M.columns
        result = M.to_numpy().T @ values
    else:
        out_index = M.index
        W = _split_weights(M, shares, data, to_vintage)
        result = np.einsum("io,o...->i...", W, values) if W.ndim == 2 else \
            np.einsum("ioc,oc->ic", W, values)
    if isinstance(data, pd.Series):
        return pd.Series(result, index=pd.Index(out_index, name=index.name or "region"),
                         name=data.name)
    return pd.DataFrame(result, index=pd.Index(out_index, name=index.name or "region"),
                        columns=data.columns.copy())


def _split_weights(M: pd.DataFrame, shares: object, data: pd.Series | pd.DataFrame,
                   to_vintage: str) -> np.ndarray:
    """Weights (new x old[, column]) sharing each older unit among its parts."""
    Mv = M.to_numpy()
    split = Mv.sum(axis=0) > 1  # older units with more than one part
    if not split.any():
        return Mv
    parts = Mv[:, split].any(axis=1)
    need = list(M.index[parts])
    if shares is None:
        olds = list(M.columns[split])
        raise InvalidParameterError(
            "shares", None, f"weights for the parts of the split unit(s) {olds} of "
            f"{M.columns.name}, i.e. values for {need} in {to_vintage} (e.g. their output in "
            "the first year of the new boundaries)")
    if isinstance(shares, Mapping):
        shares = pd.Series(dict(shares), dtype=float)
    if isinstance(shares, pd.DataFrame):
        if not isinstance(data, pd.DataFrame) or not shares.columns.equals(data.columns):
            raise InvalidParameterError(
                "shares", "DataFrame", "a DataFrame with the same columns as the data (one weight"
                " per column), or a Series of one weight per region")
        S = shares.reindex(M.index).to_numpy(dtype=float)
    elif isinstance(shares, pd.Series):
        S = shares.reindex(M.index).to_numpy(dtype=float)[:, None]
    else:
        raise InvalidParameterError("shares", type(shares).__name__,
                                    "a Series, DataFrame or mapping of region code to weight")
    bad_rows = parts & ~np.all(np.isfinite(S), axis=1)
    if bad_rows.any():
        raise InvalidParameterError(
            "shares", "missing", f"a finite weight for every part of a split unit; missing for "
            f"{list(M.index[bad_rows])}")
    if (S[parts] < 0).any():
        raise InvalidParameterError("shares", "negative", "non-negative weights")
    S = np.where(parts[:, None], S, 1.0)
    totals = Mv.T @ S  # old x columns
    if (totals[split] <= 0).any():
        old = list(M.columns[split][np.any(totals[split] <= 0, axis=1)])
        raise InvalidParameterError("shares", 0.0,
                                    f"weights that are not all zero for the parts of {old}")
    W = Mv[:, :, None] * S[:, None, :] / np.where(totals > 0, totals, 1.0)[None, :, :]
    return W[:, :, 0] if W.shape[2] == 1 else W
