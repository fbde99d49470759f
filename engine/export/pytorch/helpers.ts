/** Small modules PyTorch lacks, written into model.py when the graph uses them. */
import type { HelperName } from '../../blocks/core/exportMapping';

export const HELPERS: Readonly<Record<HelperName, string>> = {
  Maxout: `class Maxout(nn.Linear):
    """Maxout: h_i(x) = max_j (x·W_ij + b_ij), a Linear of units·pieces outputs (piece j of unit i at i·pieces + j)."""

    def __init__(self, in_features: int, units: int, pieces: int) -> None:
        super().__init__(in_features, units * pieces)
        self.units = units
        self.pieces = pieces

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return super().forward(x).view(-1, self.units, self.pieces).amax(dim=2)`,
  Add: `class Add(nn.Module):
    """The sum of its inputs (all of one shape), as in a residual connection."""

    def forward(self, *inputs: torch.Tensor) -> torch.Tensor:
        total = inputs[0]
        for other in inputs[1:]:
            total = total + other
        return total`,
  Concat: `class Concat(nn.Module):
    """Joins its inputs along the channels (dim 1), in the order given (the graph's edge order)."""

    def forward(self, *inputs: torch.Tensor) -> torch.Tensor:
        return torch.cat(inputs, dim=1)`,
};
