r"""The creative trident: creative jobs inside and outside the creative industries.

With employment $E_{io}$ by industry $i$ and occupation $o$, creative-industry shares
$\theta_i$ and a creative-occupation indicator $c_o \in \{0, 1\}$ (UNESCO FCS 2009 Table 4,
ISCO-08):

$$ \text{specialists} = \sum_{i,o} \theta_i c_o E_{io}, \quad
   \text{support} = \sum_{i,o} \theta_i (1 - c_o) E_{io}, \quad
   \text{embedded} = \sum_{i,o} (1 - \theta_i) c_o E_{io} . $$

Their sum is the creative economy's employment; specialists plus support is employment in the
creative industries, specialists plus embedded is creative occupations anywhere. The bundled
tables carry no occupations, so this needs an industry x occupation employment matrix from a
labour force survey or census.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import InvalidTableError
from .classifications import Definition, get_definition

__all__ = ["creative_trident", "trident_components"]


def trident_components(E: np.ndarray, theta: np.ndarray, creative_occ: np.ndarray) -> np.ndarray:
    r"""(specialists, support, embedded) from $E$ (industries x occupations), $\theta$, $c$."""
    w_in = theta @ E  # employment of creative industries by occupation
    w_out = (1.0 - theta) @ E
    return np.array([w_in @ creative_occ, w_in @ (1.0 - creative_occ), w_out @ creative_occ])


def creative_trident(
    employment: pd.DataFrame,
    *,
    industries: str | Definition = "dcms",
    occupations: str | Definition = "unesco_fcs_2009_occupations",
    include_partial_occupations: bool = False,
) -> pd.Series:
    """Creative trident of an industry x occupation employment matrix.

    Parameters
    ----------
    employment : DataFrame
        Rows: industry codes in the code system of ``industries`` (e.g. SIC 2007 classes);
        columns: ISCO-08 unit-group codes. Industries and occupations not listed in the
        definitions count as non-creative.
    industries : str or Definition, default "dcms"
    occupations : str or Definition, default "unesco_fcs_2009_occupations"
    include_partial_occupations : bool, default False
        Count the occupations UNESCO lists under equipment and supporting materials.

    Returns
    -------
    Series
        specialists, support, embedded, creative_industries, creative_occupations,
        creative_economy, total.
    """
    if not isinstance(employment, pd.DataFrame):
        raise InvalidTableError("employment must be a DataFrame (industry x occupation).")
    E = employment.to_numpy(dtype=float)
    if not np.all(np.isfinite(E)) or (E < 0).any():
        raise InvalidTableError("employment must be finite and non-negative.")
    ind = get_definition(industries)
    occ = get_definition(occupations)
    ind_shares = ind.code_shares().set_index("code")["theta"]
    from ._codes import canonical_code

    rows = [canonical_code(c, ind.code_system) for c in employment.index]
    cols = [canonical_code(c, occ.code_system) for c in employment.columns]
    theta = pd.Series(rows).map(ind_shares).fillna(0.0).to_numpy()
    occ_codes = set(occ.code_shares(include_partial=include_partial_occupations)["code"])
    c = np.array([1.0 if o in occ_codes else 0.0 for o in cols])
    spec, sup, emb = trident_components(E, theta, c)
    return pd.Series({
        "specialists": spec, "support": sup, "embedded": emb,
        "creative_industries": spec + sup, "creative_occupations": spec + emb,
        "creative_economy": spec + sup + emb, "total": float(E.sum()),
    }, name="employment")
