"""Array aliases; the shape each one carries is part of its name's contract."""
from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

#: One example's activations, shape ``(n,)``.
Vector = NDArray[np.float64]
#: A weight matrix, shape ``(n_out, n_in)``.
Matrix = NDArray[np.float64]
#: A batch of examples, one row each, shape ``(m, n)``.
Batch = NDArray[np.float64]
#: Integer labels, shape ``(m,)``.
Labels = NDArray[np.int64]
