"""PyTorch layouts: exported from wiregrad (pytorch-layouts.nn.json) by `wiregrad export --to pytorch`.

Input [N, 3, 12, 12] float32 (NCHW), output [N, 5] (node 'softmax').
Weights in PyTorch layouts: Model().load_state_dict(safetensors.torch.load_file("weights.safetensors"), strict=True).
"""
import torch
import torch.nn.functional as F
from torch import nn


class Maxout(nn.Linear):
    """Maxout: h_i(x) = max_j (x·W_ij + b_ij), a Linear of units·pieces outputs (piece j of unit i at i·pieces + j)."""

    def __init__(self, in_features: int, units: int, pieces: int) -> None:
        super().__init__(in_features, units * pieces)
        self.units = units
        self.pieces = pieces

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return super().forward(x).view(-1, self.units, self.pieces).amax(dim=2)


class Add(nn.Module):
    """The sum of its inputs (all of one shape), as in a residual connection."""

    def forward(self, *inputs: torch.Tensor) -> torch.Tensor:
        total = inputs[0]
        for other in inputs[1:]:
            total = total + other
        return total


class Concat(nn.Module):
    """Joins its inputs along the channels (dim 1), in the order given (the graph's edge order)."""

    def forward(self, *inputs: torch.Tensor) -> torch.Tensor:
        return torch.cat(inputs, dim=1)


class Model(nn.Module):
    """PyTorch layouts: 3,753 trainable parameters + 368 running statistics; each comment gives wiregrad's output shape (H×W×C) and parameter count."""

    def __init__(self) -> None:
        super().__init__()
        self.conv_same = nn.Conv2d(3, 4, kernel_size=4)  # 12×12×4, 196 params
        self.bn = nn.BatchNorm2d(4, eps=0.001)  # 12×12×4, 8 params, 8 running statistics
        self.leaky = nn.LeakyReLU(0.2)  # 12×12×4
        self.max = nn.MaxPool2d(3, stride=2, padding=1)  # 6×6×4
        self.avg = nn.AvgPool2d(3, stride=1, padding=1)  # 6×6×4
        self.dilated = nn.Conv2d(4, 3, kernel_size=3, padding=2, dilation=2, bias=False)  # 6×6×3, 108 params
        self.pointwise = nn.Conv2d(4, 2, kernel_size=1)  # 6×6×2, 10 params
        self.concat = Concat()  # 6×6×5
        self.elu = nn.ELU(0.5)  # 6×6×5
        self.gap = nn.AdaptiveAvgPool2d(1)  # 5
        self.flat_first = nn.Flatten()  # 180
        self.flat_last = nn.Flatten()  # 180
        self.gap_dense = nn.Linear(5, 8)  # 8, 48 params
        self.sig = nn.Sigmoid()  # 180
        self.bn_vector = nn.BatchNorm1d(180, eps=0.001, momentum=0.01)  # 180, 360 params, 360 running statistics
        self.drop = nn.Dropout(0.3)  # 180
        self.last_dense = nn.Linear(180, 8, bias=False)  # 8, 1,440 params
        self.flat_dense = nn.Linear(180, 8)  # 8, 1,448 params
        self.sum = Add()  # 8
        self.tanh = nn.Tanh()  # 8
        self.relu = nn.ReLU()  # 8
        self.maxout = Maxout(8, units=5, pieces=3)  # 5, 135 params
        self.softmax = nn.Softmax(dim=1)  # 5

    def forward(self, x: torch.Tensor, logits: bool = False) -> torch.Tensor:
        """x: [N, 3, 12, 12]. Returns 'softmax'; with logits=True the softmax's input (what the loss reads, as wiregrad fuses them)."""
        conv_same = self.conv_same(F.pad(x, (1, 2, 1, 2)))
        bn = self.bn(conv_same)
        leaky = self.leaky(bn)
        max = self.max(leaky)
        avg = self.avg(max)
        dilated = self.dilated(max)
        pointwise = self.pointwise(avg)
        concat = self.concat(pointwise, dilated)
        elu = self.elu(concat)
        gap = torch.flatten(self.gap(elu), 1)
        flat_first = self.flat_first(elu)
        flat_last = self.flat_last(elu.permute(0, 2, 3, 1))
        gap_dense = self.gap_dense(gap)
        sig = self.sig(flat_first)
        bn_vector = self.bn_vector(flat_last)
        drop = self.drop(sig)
        last_dense = self.last_dense(bn_vector)
        flat_dense = self.flat_dense(drop)
        sum = self.sum(gap_dense, flat_dense, last_dense)
        tanh = self.tanh(sum)
        relu = self.relu(tanh)
        maxout = self.maxout(relu)
        if logits:
            return maxout
        return self.softmax(maxout)
