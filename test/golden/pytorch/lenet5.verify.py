"""Checks the export: runs verify_input.npy through Model with weights.safetensors and compares the result with
verify_output.npy, which wiregrad computed from the same input and weights. Both sides compute in float64 (the
weights are the exported float32 values), so the difference measures whether the two compute the same function, not
how two float32 engines round. Prints the largest difference (absolute, and relative to the largest magnitude of
wiregrad's values) and one JSON line; exits 1 above 0.00001.

    python verify.py
"""
import json
import pathlib
import sys

import numpy as np
import torch
from safetensors.torch import load_file

from model import Model

HERE = pathlib.Path(__file__).resolve().parent
TOLERANCE = 0.00001


def main() -> int:
    model = Model()
    model.load_state_dict(load_file(str(HERE / "weights.safetensors")), strict=True)
    model.double().eval()
    x = torch.from_numpy(np.load(HERE / "verify_input.npy")).double()
    result = {"graph": "LeNet-5", "batch": int(x.shape[0]), "tolerance": TOLERANCE}
    worst = 0.0
    with torch.no_grad():
        checks = [("output", model(x), "verify_output.npy"), ("logits", model(x, logits=True), "verify_logits.npy")]
        for name, actual, file in checks:
            expected = np.load(HERE / file)
            difference = np.abs(actual.numpy() - expected)
            scale = max(float(np.abs(expected).max()), 1e-30)
            largest = float(difference.max())
            result[name] = {"maxAbsDifference": largest, "maxRelativeDifference": largest / scale, "scale": scale}
            worst = max(worst, largest / scale)
            print(f"{name}: largest difference {largest:.3g} ({largest / scale:.3g} of the largest value {scale:.3g}) over {difference.size} values")
    result["ok"] = worst <= TOLERANCE
    print("OK: PyTorch computes what wiregrad computes" if result["ok"] else f"MISMATCH: {worst:.3g} is above {TOLERANCE}")
    print(json.dumps(result))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
