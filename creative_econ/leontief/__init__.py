"""Pure NumPy/SciPy input-output mathematics: arrays in, arrays out, no pandas, no I/O.

The labelled layer (:class:`creative_econ.IOTable`) orchestrates these functions; they can
also be used directly on arrays.
"""

from .balancing import BalancingResult, gras, ras
from .closure import ClosedFactor, close_households, closed_effects, closed_inverse, closed_solve
from .coefficients import (
    allocation_coefficients,
    per_unit_output,
    technical_coefficients,
    zero_output,
)
from .decomposition import OutputComponents, output_components
from .extraction import (
    backward_extraction,
    backward_extraction_block,
    forward_extraction,
    forward_extraction_block,
    total_extraction,
    total_extraction_block,
)
from .factor import (
    LUFactor,
    factorise,
    factorise_flows,
    is_productive,
    leontief_inverse,
    solve,
    solve_transposed,
    spectral_radius,
)
from .ghosh import ghosh_columns, ghosh_inverse, ghosh_output, ghosh_row_sums
from .linkages import (
    backward_linkages,
    classify_sectors,
    coefficient_of_variation,
    direct_backward_linkages,
    direct_forward_linkages,
    forward_linkages_ghosh,
    forward_linkages_leontief,
    rasmussen_indices,
)
from .mixed import mixed_solve, net_output_multipliers, output_shock
from .multipliers import effects, output_multipliers, ratio_multipliers
from .price import leontief_prices, price_index, primary_input_coefficients

__all__ = [
    "BalancingResult",
    "ClosedFactor",
    "LUFactor",
    "OutputComponents",
    "allocation_coefficients",
    "backward_extraction",
    "backward_extraction_block",
    "backward_linkages",
    "classify_sectors",
    "close_households",
    "closed_effects",
    "closed_inverse",
    "closed_solve",
    "coefficient_of_variation",
    "direct_backward_linkages",
    "direct_forward_linkages",
    "effects",
    "factorise",
    "factorise_flows",
    "forward_extraction",
    "forward_extraction_block",
    "forward_linkages_ghosh",
    "forward_linkages_leontief",
    "ghosh_columns",
    "ghosh_inverse",
    "ghosh_output",
    "ghosh_row_sums",
    "gras",
    "is_productive",
    "leontief_inverse",
    "leontief_prices",
    "mixed_solve",
    "net_output_multipliers",
    "output_components",
    "output_multipliers",
    "output_shock",
    "per_unit_output",
    "price_index",
    "primary_input_coefficients",
    "ras",
    "rasmussen_indices",
    "ratio_multipliers",
    "solve",
    "solve_transposed",
    "spectral_radius",
    "technical_coefficients",
    "total_extraction",
    "total_extraction_block",
    "zero_output",
]
