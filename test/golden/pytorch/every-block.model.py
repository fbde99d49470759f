"""Every block: exported from wiregrad (every-block.nn.json) by `wiregrad export --to pytorch`.

Input [N, 3, 9, 10] float32 (NCHW), output [N, 7] (node 'sm').
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
    """Every block: 3,205 trainable parameters + 116 running statistics; each comment gives wiregrad's output shape (H×W×C) and parameter count."""

    def __init__(self) -> None:
        super().__init__()
        self.c1 = nn.Conv2d(3, 4, kernel_size=3, stride=2)  # 5×5×4, 112 params
        self.bn1 = nn.BatchNorm2d(4, eps=0.001, momentum=0.01)  # 5×5×4, 8 params, 8 running statistics
        self.lr1 = nn.LeakyReLU(0.2)  # 5×5×4
        self.c2 = nn.Conv2d(4, 5, kernel_size=3, padding=2, dilation=2, bias=False)  # 5×5×5, 180 params
        self.dw = nn.Conv2d(4, 8, kernel_size=3, padding=1, groups=4)  # 5×5×8, 80 params
        self.r2 = nn.ReLU()  # 5×5×5
        self.r6 = nn.ReLU6()  # 5×5×8
        self.c3 = nn.Conv2d(5, 3, kernel_size=(2, 3), padding=1)  # 6×5×3, 93 params
        self.ln = nn.LayerNorm(8)  # 5×5×8, 16 params
        self.p1 = nn.MaxPool2d(3, stride=2, padding=1)  # 3×3×3
        self.p2 = nn.AvgPool2d(3, stride=2, padding=1)  # 3×3×3
        self.upb = nn.Upsample(scale_factor=2.0, mode="bilinear", align_corners=False)  # 10×10×8
        self.cat = Concat()  # 3×3×6
        self.ge = nn.GELU()  # 10×10×8
        self.e1 = nn.ELU(0.5)  # 3×3×6
        self.ct = nn.ConvTranspose2d(8, 3, kernel_size=3, stride=2, padding=1, output_padding=1)  # 20×20×3, 219 params
        self.a1 = Add()  # 3×3×6
        self.si = nn.SiLU()  # 20×20×3
        self.s1 = nn.Softmax(dim=1)  # 3×3×6
        self.dimg = nn.Linear(54, 4, bias=False)  # 4, 216 params
        self.upn = nn.Upsample(scale_factor=(2.0, 1.0), mode="nearest")  # 40×20×3
        self.t1 = nn.Tanh()  # 3×3×6
        self.gm = nn.AdaptiveMaxPool2d(1)  # 3
        self.g1 = nn.AdaptiveAvgPool2d(1)  # 6
        self.f1 = nn.Flatten()  # 54
        self.bnv = nn.BatchNorm1d(54, eps=0.01, momentum=0.01)  # 54, 108 params, 108 running statistics
        self.d0 = nn.Dropout(0.3)  # 54
        self.d1 = nn.Linear(54, 12)  # 12, 660 params
        self.lnv = nn.LayerNorm(12, eps=0.001)  # 12, 24 params
        self.cv = Concat()  # 79
        self.mo = Maxout(79, units=6, pieces=3)  # 6, 1,440 params
        self.sg = nn.Sigmoid()  # 6
        self.d2 = nn.Linear(6, 7)  # 7, 49 params
        self.sm = nn.Softmax(dim=1)  # 7

    def forward(self, x: torch.Tensor, logits: bool = False) -> torch.Tensor:
        """x: [N, 3, 9, 10]. Returns 'sm'; with logits=True the softmax's input (what the loss reads, as wiregrad fuses them)."""
        c1 = self.c1(F.pad(x, (0, 1, 1, 1)))
        bn1 = self.bn1(c1)
        lr1 = self.lr1(bn1)
        c2 = self.c2(lr1)
        dw = self.dw(lr1)
        r2 = self.r2(c2)
        r6 = self.r6(dw)
        c3 = self.c3(r2)
        ln = self.ln(r6.permute(0, 2, 3, 1)).permute(0, 3, 1, 2)
        p1 = self.p1(c3)
        p2 = self.p2(c3)
        upb = self.upb(ln)
        cat = self.cat(p2, p1)
        ge = self.ge(upb)
        e1 = self.e1(cat)
        ct = self.ct(ge)
        a1 = self.a1(cat, e1)
        si = self.si(ct)
        s1 = self.s1(a1)
        dimg = self.dimg(torch.flatten(a1, 1))
        upn = self.upn(si)
        t1 = self.t1(s1)
        gm = torch.flatten(self.gm(upn), 1)
        g1 = torch.flatten(self.g1(t1), 1)
        f1 = self.f1(t1.permute(0, 2, 3, 1))
        bnv = self.bnv(f1)
        d0 = self.d0(bnv)
        d1 = self.d1(d0)
        lnv = self.lnv(d1)
        cv = self.cv(lnv, g1, dimg, d0, gm)
        mo = self.mo(cv)
        sg = self.sg(mo)
        d2 = self.d2(sg)
        if logits:
            return d2
        return self.sm(d2)
