"""The PyTorch peer of `npm run bench`: one workload (bench/workloads/spec.ts, passed in the request as JSON so the
shapes cannot drift) trained and run with PyTorch on the CPU, as a yardstick of what native kernels (oneDNN, AVX-512)
reach on the same cores. Same batch (mulberry32 + Box-Muller, seed 1234, as spec.ts makeData), same loss (softmax
cross-entropy, mean over the batch), SGD at the same rate, the same timing plan (engine/bench/timing.ts: warm-up,
then at least minSteps and minMs, median step). Layout NCHW (PyTorch's own); the weights use PyTorch's default
initialisation. Prints one `@@RESULT {json}` line, as every cell of the bench does.

    python bench/workloads/torchPeer.py --cell '{"workload": "w3", "threads": 2, "modes": ["train", "infer"], ...}'
"""
import json
import math
import os
import sys
import time

RESULT_PREFIX = "@@RESULT "


def mulberry32(seed):
    a = seed & 0xFFFFFFFF

    def imul(x, y):
        return (x * y) & 0xFFFFFFFF

    def next_value():
        nonlocal a
        a = (a + 0x6D2B79F5) & 0xFFFFFFFF
        t = a
        t = imul(t ^ (t >> 15), t | 1)
        t ^= (t + imul(t ^ (t >> 7), t | 61)) & 0xFFFFFFFF
        return ((t ^ (t >> 14)) & 0xFFFFFFFF) / 4294967296

    return next_value


def make_data(spec, seed=1234):
    """spec.ts makeData: standard normal inputs (NHWC order), then labels 0..9."""
    rng = mulberry32(seed)
    per_sample = math.prod(spec["input"])
    n = spec["batch"] * per_sample
    x = [0.0] * n
    for i in range(n):
        u = max(rng(), 1e-12)
        v = rng()
        x[i] = math.sqrt(-2 * math.log(u)) * math.cos(2 * math.pi * v)
    labels = [math.floor(rng() * 10) for _ in range(spec["batch"])]
    return x, labels


def build(torch, spec):
    nn = torch.nn
    layers = []
    shape = list(spec["input"])
    for layer in spec["layers"]:
        if layer["t"] == "conv":
            layers.append(nn.Conv2d(shape[2], layer["filters"], layer["k"], padding=layer["pad"]))
            size = shape[0] + 2 * layer["pad"] - layer["k"] + 1
            shape = [size, size, layer["filters"]]
            if layer["relu"]:
                layers.append(nn.ReLU())
        elif layer["t"] == "pool":
            layers.append(nn.MaxPool2d(2))
            shape = [shape[0] // 2, shape[1] // 2, shape[2]]
        elif layer["t"] == "flatten":
            # NHWC flattening order, as wiregrad and tfjs flatten (the dense weights then mean the same thing).
            layers.append(nn.Flatten(1) if len(shape) == 1 else NhwcFlatten(torch))
            shape = [math.prod(shape)]
        else:
            layers.append(nn.Linear(math.prod(shape), layer["units"]))
            shape = [layer["units"]]
            if layer["relu"]:
                layers.append(nn.ReLU())
    return nn.Sequential(*layers)


def NhwcFlatten(torch):
    class Flatten(torch.nn.Module):
        def forward(self, x):
            return x.permute(0, 2, 3, 1).reshape(x.shape[0], -1)

    return Flatten()


def time_steps(run, plan):
    """engine/bench/timing.ts timeSteps."""
    warm_start = time.perf_counter()
    warmup_steps = 0
    while True:
        run()
        warmup_steps += 1
        if (time.perf_counter() - warm_start) * 1000 >= plan["warmupMs"]:
            break
    steps = []
    start = time.perf_counter()
    while True:
        elapsed = (time.perf_counter() - start) * 1000
        if (len(steps) >= plan["minSteps"] and elapsed >= plan["minMs"]) or (len(steps) >= 2 and elapsed >= plan["maxMs"]):
            break
        t0 = time.perf_counter()
        run()
        steps.append((time.perf_counter() - t0) * 1000)
    steps.sort()
    n = len(steps)
    median = steps[(n - 1) // 2] if n % 2 else (steps[n // 2 - 1] + steps[n // 2]) / 2
    return warmup_steps, steps, median


def run_cell(request):
    import torch

    torch.set_num_threads(request["threads"])
    torch.manual_seed(42)
    spec = request["spec"]
    batch = spec["batch"]
    model = build(torch, spec)
    x_flat, labels = make_data(spec)
    x = torch.tensor(x_flat, dtype=torch.float32).reshape(batch, *spec["input"])
    if len(spec["input"]) == 3:
        x = x.permute(0, 3, 1, 2).contiguous()  # NHWC data → NCHW
    y = torch.tensor(labels, dtype=torch.long)
    loss_fn = torch.nn.CrossEntropyLoss()
    sgd = torch.optim.SGD(model.parameters(), lr=request["learningRate"])
    modes = {}
    for mode in request["modes"]:
        if mode == "train":
            model.train()
            losses = []

            def step():
                sgd.zero_grad(set_to_none=False)
                loss = loss_fn(model(x), y)
                loss.backward()
                sgd.step()
                losses.append(loss.item())

            warm, steps, median = time_steps(step, request["plan"])
            modes["train"] = {
                "samplesPerSec": batch * 1000 / median, "medianMs": median, "steps": len(steps),
                "firstLoss": losses[0], "lastLoss": losses[-1], "updates": len(losses) - 1,
            }
        else:
            model.eval()

            def infer():
                with torch.no_grad():
                    model(x)

            warm, steps, median = time_steps(infer, request["plan"])
            modes["infer"] = {"samplesPerSec": batch * 1000 / median, "medianMs": median, "steps": len(steps)}
    info = {"torch": torch.__version__, "threads": torch.get_num_threads(), "backend": "pytorch-cpu"}
    return {"info": info, "modes": modes}


def main():
    request = json.loads(sys.argv[sys.argv.index("--cell") + 1])
    load0 = os.getloadavg()[0]
    try:
        result = run_cell(request)
    except Exception as e:  # a failure becomes a result with `error`, as the other cells do
        result = {"info": {}, "modes": {}, "error": f"{type(e).__name__}: {e}".split("\n")[0]}
    result["loadavg"] = [load0, os.getloadavg()[0]]
    sys.stdout.write("\n" + RESULT_PREFIX + json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
