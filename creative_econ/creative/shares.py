r"""Creative shares of a table's sectors.

$$ \theta_{s,d} = \sum_{c \in d} w_{c,s}\,\theta_c, \qquad \theta_s = \sum_d \theta_{s,d} $$

where $\theta_c$ is the creative share of code $c$ in the definition, $d$ its domain and
$w_{c,s}$ the share of sector $s$'s activity in code $c$ (a :class:`Concordance`).
The pure aggregation, :func:`aggregate_shares`, works on arrays; :func:`creative_shares` and
:func:`creative_shares_by_domain` work on an :class:`~creative_econ.IOTable`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..errors import InvalidTableError, LabelMismatchError, UnknownSectorError
from ..results import Assumptions
from .classifications import Definition, get_definition
from .concordance import Concordance, same_system, table_concordance, translate

__all__ = [
    "SectorShares",
    "aggregate_shares",
    "creative_shares",
    "creative_shares_by_domain",
    "resolve_shares",
]


def aggregate_shares(weights: np.ndarray, theta: np.ndarray, groups: np.ndarray,
                     n_groups: int) -> np.ndarray:
    r"""Creative shares of targets by group from code shares.

    $$ \Theta_{s,g} = \sum_{c:\,g(c) = g} w_{c,s}\,\theta_c $$

    Parameters
    ----------
    weights : ndarray (n_codes, n_targets)
        Composition weights $w_{c,s}$ (share of target $s$ in code $c$).
    theta : ndarray (n_codes,)
        Creative shares of the codes, in (0, 1].
    groups : ndarray of int (n_codes,)
        Group (domain) index of each code, in ``range(n_groups)``.
    n_groups : int

    Returns
    -------
    ndarray (n_targets, n_groups)
    """
    G = np.zeros((len(theta), n_groups))
    G[np.arange(len(theta)), groups] = theta
    return weights.T @ G


@dataclass(frozen=True, eq=False)
class SectorShares:
    """Creative shares of a table's sectors by domain, with what produced them.

    Attributes
    ----------
    by_domain : DataFrame (sector x domain)
        $\\theta_{s,d}$; rows add up to ``theta``.
    definition : Definition
        The definition used (in the concordance's code system).
    concordance : Concordance
    assumptions : dict
        Entries for an assumptions card (definition, concordance, partial codes).
    """

    by_domain: pd.DataFrame
    definition: Definition
    concordance: Concordance
    assumptions: dict[str, str]

    @property
    def theta(self) -> pd.Series:
        return self.by_domain.sum(axis=1).rename("theta")

    def card(self, base: Assumptions) -> Assumptions:
        return base.with_entries(**self.assumptions)


def resolve_shares(
    table: object,
    definition: str | Definition,
    *,
    weights: Concordance | pd.DataFrame | Mapping[str, object] | None = None,
    include_partial: bool = False,
    partial_share: float = 1.0,
    shares: Mapping[str, float] | None = None,
) -> SectorShares:
    """Creative shares by sector and domain with their provenance (see :func:`creative_shares`)."""
    sectors = getattr(table, "sectors", None)
    if not isinstance(sectors, pd.Index):
        raise InvalidTableError(
            f"creative shares need an IOTable, got {type(table).__name__}."
        )
    d = get_definition(definition)
    if weights is None:
        conc = table_concordance(table)
    elif isinstance(weights, Concordance):
        conc = weights
    else:
        conc = Concordance.from_frame(
            weights, name=f"weights for {getattr(table, 'name', 'table')}",
            source_system=d.code_system, target_system=f"sectors of {table.name}",
        )
    if not same_system(d.code_system, conc.source_system):
        from ._codes import NACE_LIKE, OKED

        systems = {*NACE_LIKE, OKED}
        if d.code_system in systems and conc.source_system in systems:
            d = translate(d, conc.source_system)
        elif d.code_system == "ISIC Rev.4" and conc.source_system in systems:
            d = translate(d, conc.source_system)  # via the UNSD NACE Rev.2 - ISIC Rev.4 table
        else:
            raise LabelMismatchError(
                f"Definition {d.name!r} is in {d.code_system} but the concordance "
                f"{conc.name!r} maps {conc.source_system} codes to sectors. Pass weights= a "
                f"concordance from {d.code_system} codes to the table's sectors, or translate "
                "the definition first (ce.creative.translate)."
            )
    code_shares = d.code_shares(include_partial=include_partial, partial_share=partial_share,
                                shares=shares)
    codes = code_shares["code"].tolist()
    conc.check_covers(codes, f"definition {d.name!r}")
    unknown = [t for t in conc.targets if t not in sectors]
    used = set(conc.links.loc[conc.links["source"].isin(codes), "target"])
    unknown = [t for t in unknown if t in used]
    if unknown:
        raise UnknownSectorError(unknown[0], sectors, where=f"concordance {conc.name!r}")
    domains = list(dict.fromkeys(code_shares["domain"]))
    groups = pd.Index(domains).get_indexer(code_shares["domain"])
    W = conc.matrix(codes, list(sectors))
    theta = aggregate_shares(W, code_shares["theta"].to_numpy(dtype=float), groups, len(domains))
    total = theta.sum(axis=1)
    if (total > 1 + 1e-9).any():
        s = sectors[int(np.argmax(total))]
        raise InvalidTableError(
            f"The creative share of sector {s!r} comes to {total.max():.6g} > 1: the "
            f"concordance {conc.name!r} gives its codes weights that add up to more than 1."
        )
    frame = pd.DataFrame(np.minimum(theta, 1.0), index=sectors.copy(),
                         columns=pd.Index(domains, name="domain"))
    partial = (
        "excluded" if not include_partial
        else f"included at theta={partial_share:g} unless given"
    )
    card = {
        "creative_definition": f"{d.name} ({d.code_system}; {d.source})",
        "creative_concordance": f"{conc.name}: {conc.source}",
        "partial_codes": partial,
    }
    if shares:
        card["code_shares"] = ", ".join(f"{k}={v:g}" for k, v in shares.items())
    return SectorShares(by_domain=frame, definition=d, concordance=conc, assumptions=card)


def creative_shares(
    table: object,
    definition: str | Definition,
    *,
    weights: Concordance | pd.DataFrame | Mapping[str, object] | None = None,
    include_partial: bool = False,
    partial_share: float = 1.0,
    shares: Mapping[str, float] | None = None,
) -> pd.Series:
    r"""The creative share $\theta_s \in [0, 1]$ of every sector of a table.

    $$ \theta_s = \sum_c w_{c,s}\,\theta_c $$

    Parameters
    ----------
    table : IOTable
    definition : str or Definition
        ``"dcms"``, ``"unesco_fcs_2009"``, a registered name or a Definition.
    weights : Concordance, DataFrame or mapping, optional
        Codes to sectors with composition weights $w_{c,s}$ (the share of sector $s$'s
        activity in code $c$): a :class:`Concordance`, or a frame with columns ``code``,
        ``sector``, ``weight``. Default: the table's bundled concordance (``uk_ioat_2010``).
    include_partial : bool, default False
        Count partial codes (see :meth:`Definition.frame`).
    partial_share : float, default 1.0
        Their share when counted.
    shares : mapping, optional
        Per-code shares in (0, 1], overriding the defaults.

    Returns
    -------
    Series
        Indexed by the table's sectors, named ``theta``; 0 for sectors with no creative code.
        Turn it into creative final demand with ``theta * table.final_demand_total``.

    Raises
    ------
    LabelMismatchError
        A code of the definition maps nowhere (all such codes are listed), an ambiguous
        concordance, or a code system the concordance does not start from.
    UnknownSectorError
        The concordance names a sector the table lacks.
    InvalidTableError
        A share outside (0, 1], or weights adding up to more than 1 in a sector.
    DatasetNotFoundError
        Unknown definition, or no bundled concordance for the table.

    Examples
    --------
    >>> import creative_econ as ce, creative_econ.creative as cc
    >>> theta = cc.creative_shares(ce.load_dataset("uk_ioat_2010"), "dcms")
    >>> float(theta["90"])
    1.0
    """
    return resolve_shares(table, definition, weights=weights, include_partial=include_partial,
                          partial_share=partial_share, shares=shares).theta


def creative_shares_by_domain(
    table: object,
    definition: str | Definition,
    *,
    weights: Concordance | pd.DataFrame | Mapping[str, object] | None = None,
    include_partial: bool = False,
    partial_share: float = 1.0,
    shares: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    r"""Creative shares by sector and domain, $\theta_{s,d}$ (rows add up to $\theta_s$).

    Same parameters as :func:`creative_shares`.
    """
    return resolve_shares(table, definition, weights=weights, include_partial=include_partial,
                          partial_share=partial_share, shares=shares).by_domain
