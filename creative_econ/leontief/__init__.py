"""Pure NumPy/SciPy input-output mathematics: arrays in, arrays out, no pandas, no I/O.

The labelled layer (:class:`creative_econ.IOTable`) orchestrates these functions; they can
also be used directly on arrays.
"""

from .closure import ClosedFactor, close_households, closed_effects, closed_inverse, closed_solve
from .coefficients import (
    allocation_coefficients,
    per_unit_output,
    technical_coefficients,
    zero_output,
)
from .decomposition import OutputComponents, output_components
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
from .multipliers import effects, output_multipliers, ratio_multipliers

__all__ = [
    "ClosedFactor",
    "LUFactor",
    "OutputComponents",
    "allocation_coefficients",
    "close_households",
    "closed_effects",
    "closed_inverse",
    "closed_solve",
    "effects",
    "factorise",
    "factorise_flows",
    "is_productive",
    "leontief_inverse",
    "output_components",
    "output_multipliers",
    "per_unit_output",
    "ratio_multipliers",
    "solve",
    "solve_transposed",
    "spectral_radius",
    "technical_coefficients",
    "zero_output",
]
