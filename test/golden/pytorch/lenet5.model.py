"""LeNet-5: exported from wiregrad (lenet5.nn.json) by `wiregrad export --to pytorch`.

Input [N, 1, 28, 28] float32 (NCHW), output [N, 10] (node 'softmax').
Weights in PyTorch layouts: Model().load_state_dict(safetensors.torch.load_file("weights.safetensors"), strict=True).
"""
import torch
import torch.nn.functional as F
from torch import nn


class Model(nn.Module):
    """LeNet-5: 61,706 trainable parameters; each comment gives wiregrad's output shape (H×W×C) and parameter count."""

    def __init__(self) -> None:
        super().__init__()
        self.c1 = nn.Conv2d(1, 6, kernel_size=5, padding=2)  # 28×28×6, 156 params
        self.relu1 = nn.ReLU()  # 28×28×6
        self.s2 = nn.MaxPool2d(2)  # 14×14×6
        self.c3 = nn.Conv2d(6, 16, kernel_size=5)  # 10×10×16, 2,416 params
        self.relu3 = nn.ReLU()  # 10×10×16
        self.s4 = nn.MaxPool2d(2)  # 5×5×16
        self.c5 = nn.Linear(400, 120)  # 120, 48,120 params
        self.relu5 = nn.ReLU()  # 120
        self.f6 = nn.Linear(120, 84)  # 84, 10,164 params
        self.relu6 = nn.ReLU()  # 84
        self.output = nn.Linear(84, 10)  # 10, 850 params
        self.softmax = nn.Softmax(dim=1)  # 10

    def forward(self, x: torch.Tensor, logits: bool = False) -> torch.Tensor:
        """x: [N, 1, 28, 28]. Returns 'softmax'; with logits=True the softmax's input (what the loss reads, as wiregrad fuses them)."""
        c1 = self.c1(x)
        relu1 = self.relu1(c1)
        s2 = self.s2(relu1)
        c3 = self.c3(s2)
        relu3 = self.relu3(c3)
        s4 = self.s4(relu3)
        c5 = self.c5(torch.flatten(s4, 1))
        relu5 = self.relu5(c5)
        f6 = self.f6(relu5)
        relu6 = self.relu6(f6)
        output = self.output(relu6)
        if logits:
            return output
        return self.softmax(output)
