r"""Regional inputs: output, employment and GVA by region and sector, with their metadata.

:class:`RegionalData` is the one container for what a regional model needs to know about the
regions of a country: size by region x sector on one or more bases (output, employment, GVA),
the regions' centres (for distance-based trade models), the data year and the border vintage
(regions are redrawn: Kazakhstan's 2018 and 2022 reforms, for instance). It holds any number
of regions, so single-region, two-region and multiregional models read the same object.

It is validated twice: on construction (shape, labels, values) and against a national table
(:meth:`RegionalData.validate_against`: sectors, and regions no larger than the nation).
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal, get_args

import numpy as np
import pandas as pd

from .._labels import check_option
from ..errors import LabelMismatchError, UnknownRegionError, UnknownSectorError
from ..table import IOTable
from ._errors import RegionalDataError

__all__ = ["BASES", "Basis", "RegionalData"]

Basis = Literal["output", "employment", "gva"]
#: The size measures regional data can carry (and location quotients can be based on).
BASES: tuple[str, ...] = get_args(Basis)
_RTOL = 1e-6  # relative tolerance of "no larger than the nation" (rounding in published data)


def _readonly(frame: pd.DataFrame) -> pd.DataFrame:
    values = np.array(frame.to_numpy(dtype=float), dtype=float, copy=True)
    values.flags.writeable = False
    return pd.DataFrame(values, index=frame.index.copy(), columns=frame.columns.copy(), copy=False)


def _check_frame(frame: object, what: str) -> pd.DataFrame:
    if isinstance(frame, pd.Series):
        raise RegionalDataError(
            f"Regional {what} must be a DataFrame with one row per region and one column per "
            f"sector; got a Series. Use series.to_frame(region_code).T for one region."
        )
    if not isinstance(frame, pd.DataFrame):
        raise RegionalDataError(
            f"Regional {what} must be a pandas DataFrame (region x sector); got "
            f"{type(frame).__name__}."
        )
    if frame.index.has_duplicates:
        dup = list(frame.index[frame.index.duplicated()].unique()[:5])
        raise LabelMismatchError(
            f"Regional {what} lists region(s) {dup} more than once; give one row per region "
            "(sum or drop the duplicates)."
        )
    if frame.columns.has_duplicates:
        dup = list(frame.columns[frame.columns.duplicated()].unique()[:5])
        raise LabelMismatchError(f"Regional {what} lists sector(s) {dup} more than once.")
    try:
        values = frame.to_numpy(dtype=float)
    except (TypeError, ValueError):
        raise RegionalDataError(f"Regional {what} has non-numeric values.") from None
    bad = ~np.isfinite(values)
    if bad.any():
        r, c = np.argwhere(bad)[0]
        raise RegionalDataError(
            f"Regional {what} is missing (or infinite) for region {frame.index[r]!r}, sector "
            f"{frame.columns[c]!r}: {values[r, c]!r}. Give the figure, or 0 if the region has "
            "no such activity."
        )
    if (values < 0).any():
        r, c = np.argwhere(values < 0)[0]
        raise RegionalDataError(
            f"Regional {what} is negative for region {frame.index[r]!r}, sector "
            f"{frame.columns[c]!r}: {values[r, c]:g}. Sizes must be non-negative."
        )
    return _readonly(frame)


@dataclass(frozen=True, eq=False, repr=False)
class RegionalData:
    r"""Regional output, employment and GVA by region x sector, with centres and vintage.

    Parameters
    ----------
    output, employment, gva : DataFrame, optional
        One row per region (its code), one column per sector of the national table; any subset
        of the three bases, each for any subset of regions. Values are non-negative and finite
        (0 for a sector the region does not have). Output and GVA in ``unit``, employment in
        ``employment_unit``.
    centres : DataFrame, optional
        Columns ``lat`` and ``lon`` (decimal degrees) by region: the regional centre (e.g. the
        administrative centre) for distance-based trade estimates.
    names : Series or mapping, optional
        Display names by region code (e.g. ``{"ABY": "Abai region"}``).
    year : int, optional
        Year of the regional data.
    border_vintage : str, optional
        Which regional boundaries the data follow (e.g. ``"KZ-2022"`` for the 20 regions after
        the June 2022 reform).
    unit : str
        Currency unit of output and GVA; must match the national table's.
    employment_unit : str, default "jobs"
    source : str
        Where the figures come from.

    Raises
    ------
    RegionalDataError
        No basis given, a frame that is not region x sector, missing, infinite, negative or
        non-numeric values, bad centres.
    LabelMismatchError
        A region or sector listed twice.

    Examples
    --------
    >>> import pandas as pd
    >>> reg = RegionalData(
    ...     output=pd.DataFrame({"arts": [12.0], "film": [3.0], "other": [40.0]}, index=["ABY"]),
    ...     year=2023, border_vintage="KZ-2022", unit="billion KZT")
    >>> reg.regions.tolist(), reg.bases
    (['ABY'], ('output',))
    """

    output: pd.DataFrame | None = None
    employment: pd.DataFrame | None = None
    gva: pd.DataFrame | None = None
    centres: pd.DataFrame | None = None
    names: pd.Series | None = None
    year: int | None = None
    border_vintage: str | None = None
    unit: str = ""
    employment_unit: str = "jobs"
    source: str = ""
    _frames: dict[str, pd.DataFrame] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        frames: dict[str, pd.DataFrame] = {}
        for basis in BASES:
            frame = getattr(self, basis)
            if frame is not None:
                frames[basis] = _check_frame(frame, basis)
                object.__setattr__(self, basis, frames[basis])
        if not frames:
            raise RegionalDataError(
                "RegionalData needs at least one of output=, employment= or gva= (region x "
                "sector frames)."
            )
        object.__setattr__(self, "_frames", frames)
        if self.centres is not None:
            object.__setattr__(self, "centres", self._check_centres(self.centres))
        if self.names is not None:
            names = pd.Series(self.names, dtype=object) if isinstance(self.names, Mapping) \
                else self.names
            if not isinstance(names, pd.Series) or names.index.has_duplicates:
                raise LabelMismatchError("names must map each region code to one name.")
            object.__setattr__(self, "names", names.astype(str).copy())

    @staticmethod
    def _check_centres(centres: object) -> pd.DataFrame:
        if not isinstance(centres, pd.DataFrame) or not {"lat", "lon"} <= set(centres.columns):
            raise RegionalDataError("centres must be a DataFrame with columns 'lat' and 'lon'.")
        if centres.index.has_duplicates:
            dup = list(centres.index[centres.index.duplicated()].unique()[:5])
            raise LabelMismatchError(f"centres lists region(s) {dup} more than once.")
        c = centres[["lat", "lon"]].apply(pd.to_numeric, errors="coerce")
        lat, lon = c["lat"].to_numpy(), c["lon"].to_numpy()
        bad = ~np.isfinite(lat) | ~np.isfinite(lon) | (np.abs(lat) > 90) | (np.abs(lon) > 180)
        if bad.any():
            r = centres.index[np.flatnonzero(bad)[0]]
            raise RegionalDataError(
                f"The centre of region {r!r} is not a valid (lat, lon) in decimal degrees: "
                f"{tuple(centres.loc[r, ['lat', 'lon']])}."
            )
        return _readonly(c)

    # ------------------------------------------------------------------ views
    @property
    def bases(self) -> tuple[str, ...]:
        """The bases given (in the order output, employment, gva)."""
        return tuple(self._frames)

    @property
    def regions(self) -> pd.Index:
        """Every region code, in order of first appearance across the bases."""
        seen: dict[object, None] = {}
        for frame in self._frames.values():
            seen.update(dict.fromkeys(frame.index))
        return pd.Index(list(seen), name="region")

    def basis(self, basis: Basis) -> pd.DataFrame:
        """The region x sector frame of one basis.

        Raises
        ------
        InvalidOptionError
            ``basis`` is not one of output, employment, gva.
        RegionalDataError
            The data have no figures on that basis.
        """
        check_option("basis", basis, BASES)
        if basis not in self._frames:
            raise RegionalDataError(
                f"These regional data have no {basis} figures (they have {', '.join(self.bases)}"
                f"). Pass basis= one of those, or add {basis}= to RegionalData."
            )
        return self._frames[basis]

    def name(self, region: object) -> str:
        """Display name of a region (its code when no name is given)."""
        if self.names is not None and region in self.names.index:
            return str(self.names[region])
        return str(region)

    def values(self, region: object, basis: Basis, sectors: pd.Index) -> pd.Series:
        """One region's figures on one basis, aligned to ``sectors``.

        Raises
        ------
        UnknownRegionError
            The region is not in the data for that basis (with the closest codes).
        UnknownSectorError
            The data name a sector not in ``sectors``.
        LabelMismatchError
            Some of ``sectors`` are missing from the data.
        """
        frame = self.basis(basis)
        if region not in frame.index:
            raise UnknownRegionError(region, frame.index, where=f"the regional {basis} data")
        self._check_sectors(frame, basis, sectors)
        return frame.loc[region, sectors].astype(float).rename(region)

    @staticmethod
    def _check_sectors(frame: pd.DataFrame, basis: str, sectors: pd.Index) -> None:
        for label in frame.columns:
            if label not in sectors:
                raise UnknownSectorError(label, sectors, where=f"the regional {basis} data")
        missing = sectors.difference(frame.columns, sort=False)
        if len(missing):
            raise LabelMismatchError(
                f"The regional {basis} data lack {len(missing)} sector(s) of the national table:"
                f" {list(missing[:10])}. Give every sector (0 where the region has none), e.g. "
                "frame.reindex(columns=table.sectors, fill_value=0) after checking the gaps."
            )

    # ------------------------------------------------------------------ national consistency
    @staticmethod
    def national_values(national: IOTable, basis: Basis) -> pd.Series:
        """The national table's figures on a basis (output, employment or GVA by sector)."""
        check_option("basis", basis, BASES)
        if basis == "output":
            return national.x
        if basis == "employment":
            if national.employment is None:
                raise RegionalDataError(
                    f"basis='employment' needs national employment, and table {national.name!r}"
                    " has none: build it with employment=, or use basis='output' or 'gva'."
                )
            return national.employment
        gva = national.gva
        if gva is None:
            raise RegionalDataError(
                f"basis='gva' needs national value added, and table {national.name!r} has none."
            )
        return gva

    def validate_against(
        self, national: IOTable, *, national_sizes: Mapping[str, pd.Series] | None = None
    ) -> RegionalData:
        """Check every basis against a national table; returns ``self`` when consistent.

        Checks that every sector is a sector of the table (and none is missing), that no region
        exceeds the nation in any sector, and that the regions together do not exceed it
        (within a relative 1e-6 for rounding).

        Parameters
        ----------
        national : IOTable
        national_sizes : mapping of basis to Series, optional
            National figures to check a basis against instead of the table's (e.g. national
            employment of the regional data's year when the table is of another year).

        Raises
        ------
        UnknownSectorError, LabelMismatchError
            Sector labels do not match the table.
        RegionalDataError
            A region, or all regions together, larger than the nation in some sector; or the
            table lacks the national figures of a basis.
        """
        if not isinstance(national, IOTable):
            raise RegionalDataError(
                f"validate_against needs an IOTable; got {type(national).__name__}."
            )
        for basis, frame in self._frames.items():
            self._check_sectors(frame, basis, national.sectors)
            if national_sizes is not None and basis in national_sizes:
                nat = national_sizes[basis]
            else:
                nat = self.national_values(national, basis)  # type: ignore[arg-type]
            nat_values = nat.reindex(frame.columns).to_numpy(dtype=float)
            tol = _RTOL * np.abs(nat_values) + 1e-9
            values = frame.to_numpy()
            over = values > nat_values[None, :] + tol[None, :]
            if over.any():
                r, c = np.argwhere(over)[0]
                raise RegionalDataError(
                    f"Region {frame.index[r]!r} has {basis} {values[r, c]:,.6g} in sector "
                    f"{frame.columns[c]!r}, more than the nation's {nat_values[c]:,.6g} in "
                    f"table {national.name!r}. Regional figures must be part of the national "
                    "total (check units and the sector mapping)."
                )
            total = values.sum(axis=0)
            over = total > nat_values + tol
            if len(frame) > 1 and over.any():
                c = int(np.flatnonzero(over)[0])
                raise RegionalDataError(
                    f"The {len(frame)} regions together have {basis} {total[c]:,.6g} in sector "
                    f"{frame.columns[c]!r}, more than the nation's {nat_values[c]:,.6g}: a "
                    "region may be listed under two codes, or borders of different vintages "
                    "are mixed."
                )
        return self

    # ------------------------------------------------------------------ construction helpers
    @classmethod
    def from_long(
        cls,
        frame: pd.DataFrame,
        *,
        region: str = "region",
        sector: str = "sector",
        basis: str = "basis",
        value: str = "value",
        **metadata: object,
    ) -> RegionalData:
        """Build from a tidy table with one row per (region, basis, sector).

        Parameters
        ----------
        frame : DataFrame
            Columns named by ``region``, ``sector``, ``basis`` (values ``"output"``,
            ``"employment"``, ``"gva"``) and ``value``.
        **metadata
            Passed on (``year=``, ``border_vintage=``, ``unit=``, ``centres=``, ...).

        Raises
        ------
        LabelMismatchError
            A (region, basis, sector) appears more than once.
        """
        missing = [c for c in (region, sector, basis, value) if c not in frame.columns]
        if missing:
            raise RegionalDataError(f"from_long: the frame has no column(s) {missing}.")
        keys = frame[[region, basis, sector]]
        if keys.duplicated().any():
            dup = tuple(keys[keys.duplicated()].iloc[0])
            raise LabelMismatchError(f"from_long: (region, basis, sector) {dup} appears twice.")
        for b in frame[basis].unique():
            check_option("basis", b, BASES)
        wide = {
            b: part.pivot(index=region, columns=sector, values=value)
            for b, part in frame.groupby(basis, sort=False)
        }
        return cls(**wide, **metadata)  # type: ignore[arg-type]

    def to_frame(self) -> pd.DataFrame:
        """Tidy long table: region, basis, sector, value."""
        parts = []
        for basis, frame in self._frames.items():
            long = frame.stack(future_stack=True).rename("value").reset_index()
            long.columns = ["region", "sector", "value"]
            long.insert(1, "basis", basis)
            parts.append(long)
        return pd.concat(parts, ignore_index=True)

    # ------------------------------------------------------------------ display
    def __repr__(self) -> str:
        meta = [f"{len(self.regions)} regions", f"bases={list(self.bases)}"]
        if self.year is not None:
            meta.append(f"year={self.year}")
        if self.border_vintage:
            meta.append(f"border_vintage={self.border_vintage!r}")
        return f"RegionalData({', '.join(meta)})"

    def _repr_html_(self) -> str:
        rows = [("regions", ", ".join(map(str, self.regions[:20]))), ("bases", self.bases),
                ("year", self.year), ("border vintage", self.border_vintage),
                ("unit", self.unit), ("source", self.source)]
        body = "".join(
            f"<tr><th style='text-align:left'>{html.escape(str(k))}</th>"
            f"<td style='text-align:left'>{html.escape(str(v))}</td></tr>"
            for k, v in rows if v not in (None, "")
        )
        return f"<table><caption>RegionalData</caption>{body}</table>"
