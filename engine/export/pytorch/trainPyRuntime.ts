/**
 * The part of an exported train.py that is the same for every graph: layout conversion back to wiregrad, the
 * learning-rate schedule, data loading, augmentation, the losses, the DDP training loop, the JSON metric lines and
 * the atomic weights write. engine/export/pytorch/trainPy.ts puts the graph's own constants (TRAINING, TENSORS, …)
 * in front of it.
 */
export const TRAIN_PY_RUNTIME = `

def to_wiregrad(tensor, layout, image):
    """A PyTorch tensor in wiregrad's layout: conv OIHW -> HWIO, dense [out, in] -> [in, out] (rows HWC after an image)."""
    t = tensor.detach().to("cpu", torch.float32)
    if layout == "conv":
        t = t.permute(2, 3, 1, 0)
    elif layout == "dense":
        t = t.t()
    elif layout == "dense-after-image":
        h, w, c = image
        t = t.reshape(t.shape[0], c, h, w).permute(2, 3, 1, 0).reshape(h * w * c, t.shape[0])
    return t.contiguous()


def learning_rate_at(step, epoch, total_steps):
    """The rate for update \`step\` (0-based) of \`epoch\`: engine/optim/schedule.ts, with its linear warm-up."""
    base = TRAINING["learningRate"]
    schedule = TRAINING["schedule"]
    warmup = schedule.get("warmupSteps", 0)
    if schedule["type"] == "step":
        rate = base * schedule["gamma"] ** (epoch // schedule["stepSize"])
    elif schedule["type"] == "cosine":
        low = schedule.get("minLearningRate", 0)
        t = min(1.0, max(0, step - warmup) / max(1, total_steps - warmup))
        rate = low + (base - low) * (1 + math.cos(math.pi * t)) / 2
    else:
        rate = base
    return rate * (step + 1) / warmup if step < warmup else rate


def load_data(folder):
    """The data set wiregrad exported: NCHW (or [N, n]) float32 inputs, int32 labels or float32 targets."""
    info = json.loads((folder / "dataset.json").read_text())
    arrays = {name: np.load(folder / f"{name}.npy") for name in ("train_x", "train_y", "test_x", "test_y")}
    return info, arrays


def read_data(folder):
    """The data set: the .npy files of \`folder\` when given (or when the graph's set is a bundled one), else the user's
    files read where they are by wiregrad_data.py. Returns the description and NCHW (or [N, n]) arrays."""
    if folder is not None or DATA_SOURCE is None:
        folder = folder or HERE / "data"
        if not (folder / "dataset.json").exists():
            raise FileNotFoundError(f"no data set in {folder}: export a graph whose training.dataset is set, or pass --data DIR holding dataset.json, train_x.npy, train_y.npy, test_x.npy, test_y.npy")
        return load_data(folder)
    from wiregrad_data import load_dataset

    data = load_dataset(TRAINING["dataset"], str((HERE / DATA_SOURCE["graphFolder"]).resolve()), DATA_SOURCE["inputShape"], TRAINING["seed"])
    info = {key: data[key] for key in ("name", "spec", "task", "numClasses", "classNames")}
    arrays = {}
    for split in ("train", "test"):
        x, y = data[split]
        arrays[f"{split}_x"] = np.ascontiguousarray(x.transpose(0, 3, 1, 2)) if x.ndim == 4 else x
        arrays[f"{split}_y"] = y
    return info, arrays


def sequential_sum(values):
    """The float64 sum of \`values\` added left to right, as wiregrad's loop adds them (numpy's sum adds pairwise, which
    differs in the last bits); in chunks, so that the running sums never take more than a few megabytes."""
    total = 0.0
    for start in range(0, len(values), 1 << 20):
        total = np.cumsum(np.concatenate(([total], values[start : start + (1 << 20)])))[-1]
    return float(total)


def prepare(arrays):
    """wiregrad's prepareTrainingData: validation = the tail of the training split; per-channel statistics from the rest
    only (engine/data/normalize.ts, the same float64 sums in the same order), applied to all three splits."""
    total = len(arrays["train_x"])
    held = min(total - 1, math.floor(total * TRAINING["validationSplit"] + 0.5))
    splits = {
        "train": (arrays["train_x"][: total - held], arrays["train_y"][: total - held]),
        "validation": (arrays["train_x"][total - held :], arrays["train_y"][total - held :]),
        "test": (arrays["test_x"], arrays["test_y"]),
    }
    normalization = None
    if TRAINING["normalize"]:
        x = splits["train"][0]
        channels = x.shape[1]  # colour channels of an NCHW image, features of a vector
        values = [np.ascontiguousarray(x[:, c]).reshape(-1) for c in range(channels)]  # each in wiregrad's N, H, W order
        mean = [sequential_sum(v) / len(v) for v in values]
        std = []
        for c, v in enumerate(values):
            d = v.astype(np.float64) - mean[c]
            deviation = math.sqrt(sequential_sum(d * d) / len(v))
            std.append(1.0 if deviation < 1e-6 else deviation)  # a constant channel is only centred
        shape = (1, -1) + (1,) * (x.ndim - 2)
        mean_b, inverse_b = np.array(mean).reshape(shape), (1 / np.array(std)).reshape(shape)
        for name, (sx, sy) in splits.items():
            splits[name] = (((sx.astype(np.float64) - mean_b) * inverse_b).astype(np.float32), sy)
        normalization = {"mean": mean, "std": std}
    return splits, normalization


def split_and_normalize(arrays, info):
    """prepare()'s splits as tensor data sets: int64 class labels, float32 targets."""
    splits, normalization = prepare(arrays)
    tensors = {}
    for name, (sx, sy) in splits.items():
        y = torch.from_numpy(sy.astype(np.int64)) if info["task"] == "classification" else torch.from_numpy(sy.astype(np.float32))
        tensors[name] = TensorDataset(torch.from_numpy(np.ascontiguousarray(sx)), y)
    return tensors, normalization


def augment(x, generator):
    """wiregrad's augmentBatch: a random shift by -crop..crop pixels (zeros fill in), then a mirror with probability 1/2."""
    crop = TRAINING["augment"]["crop"]
    flip = TRAINING["augment"]["flip"]
    if x.dim() != 4 or (crop == 0 and not flip):
        return x
    h, w = x.shape[2], x.shape[3]
    padded = F.pad(x, (crop, crop, crop, crop)) if crop else x
    out = torch.empty_like(x)
    for i in range(x.shape[0]):
        mirror = flip and torch.rand((), generator=generator).item() < 0.5
        dy, dx = (torch.randint(-crop, crop + 1, (2,), generator=generator).tolist()) if crop else (0, 0)
        sample = padded[i, :, crop + dy : crop + dy + h, crop + dx : crop + dx + w]
        out[i] = sample.flip(2) if mirror else sample
    return out


def loss_and_correct(output, y, loss_kind):
    """The batch's mean loss and its count of correct answers (binary cross-entropy: samples' worth of right values)."""
    if loss_kind == "cross-entropy":
        return F.cross_entropy(output, y), (output.argmax(1) == y).sum()
    if output.dim() == 4:
        output = output.permute(0, 2, 3, 1).flatten(1)  # wiregrad's targets follow its H×W×C order
    if loss_kind == "binary-cross-entropy":
        right = ((output > 0) == (y >= 0.5)).sum() / output[0].numel()
        return F.binary_cross_entropy_with_logits(output, y), right
    return F.mse_loss(output, y), torch.zeros((), device=output.device)


def has_accuracy(loss_kind):
    return loss_kind in ("cross-entropy", "binary-cross-entropy")


def forward(model, x, loss_kind):
    return model(x, logits=True) if FINAL_ACTIVATION is not None and FUSED.get(loss_kind) == FINAL_ACTIVATION else model(x)


def evaluate(model, dataset, loss_kind, device, classes):
    """Mean loss, accuracy and confusion matrix (confusion[actual][predicted]) of a split, in eval mode."""
    model.eval()
    total, loss_sum, correct = 0, 0.0, 0
    confusion = [[0] * classes for _ in range(classes)] if loss_kind == "cross-entropy" else None
    with torch.no_grad():
        for x, y in DataLoader(dataset, batch_size=256):
            x, y = x.to(device), y.to(device)
            output = forward(model, x, loss_kind)
            loss, hits = loss_and_correct(output, y, loss_kind)
            loss_sum += loss.item() * len(x)
            correct += float(hits.item())
            total += len(x)
            if confusion is not None:
                for actual, predicted in zip(y.tolist(), output.argmax(1).tolist()):
                    confusion[actual][predicted] += 1
    model.train()
    return {
        "count": total,
        "loss": loss_sum / total if total else None,
        "accuracy": correct / total if total and has_accuracy(loss_kind) else None,
        "confusion": confusion,
    }


def save_wiregrad_weights(model, info, normalization, global_step):
    """The weights in wiregrad's layout and names (NAME.safetensors), written to a temporary file, synced, renamed."""
    state = model.state_dict()
    tensors = {wiregrad: to_wiregrad(state[torch_key], layout, image) for wiregrad, torch_key, layout, image in TENSORS}
    metadata = {
        "format": "wiregrad.weights/1",
        "graph": GRAPH_NAME,
        "globalStep": str(global_step),
        "dataset": info["spec"],
        "seed": str(TRAINING["seed"]),
        "task": info["task"],
        "trainedWith": f"pytorch {torch.__version__}",
    }
    if info["task"] == "classification":
        metadata["classNames"] = json.dumps(info["classNames"])
    if normalization is not None:
        metadata["normalization"] = json.dumps(normalization)
    data = save(tensors, metadata)
    temporary = WEIGHTS_FILE.with_name(f".{WEIGHTS_FILE.name}.{os.getpid()}.tmp")
    with open(temporary, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(temporary, WEIGHTS_FILE)
    return str(WEIGHTS_FILE)


def main():
    parser = argparse.ArgumentParser(description=f"Train {GRAPH_NAME} in PyTorch as its graph file says.")
    parser.add_argument("--epochs", type=int, help="epochs (default: the graph's)")
    parser.add_argument("--batch-size", type=int, help="samples per update over all processes (default: the graph's)")
    parser.add_argument("--lr", type=float, help="base learning rate (default: the graph's)")
    parser.add_argument("--data", type=pathlib.Path, help="folder of .npy files to train on instead (default: the graph's data set)")
    parser.add_argument("--device", help="cpu, cuda, cuda:1… (default: cuda when available)")
    args = parser.parse_args()
    if args.epochs is not None:
        TRAINING["epochs"] = args.epochs
    if args.batch_size is not None:
        TRAINING["batchSize"] = args.batch_size
    if args.lr is not None:
        TRAINING["learningRate"] = args.lr

    world = int(os.environ.get("WORLD_SIZE", "1"))
    rank = int(os.environ.get("RANK", "0"))
    local_rank = int(os.environ.get("LOCAL_RANK", "0"))
    cuda = torch.cuda.is_available() and (args.device is None or args.device.startswith("cuda"))
    device = torch.device(args.device or (f"cuda:{local_rank}" if cuda else "cpu"))
    if cuda and device.index is None:
        device = torch.device("cuda", local_rank)
    if cuda:
        torch.cuda.set_device(device)
    if world > 1:
        dist.init_process_group(backend="nccl" if cuda else "gloo")
    leader = rank == 0

    def emit(message):
        if leader:
            print(json.dumps(message), flush=True)

    stop = {"asked": False}
    signal.signal(signal.SIGTERM, lambda *_: stop.update(asked=True))
    signal.signal(signal.SIGINT, lambda *_: stop.update(asked=True))

    torch.manual_seed(TRAINING["seed"])
    try:
        info, arrays = read_data(args.data)
    except Exception as err:  # wiregrad_data.DataError, a missing folder: a message, not a traceback
        emit({"type": "failed", "message": str(err)})
        return 1
    splits, normalization = split_and_normalize(arrays, info)
    loss_kind = TRAINING["loss"] or ("cross-entropy" if info["task"] == "classification" else "mse")
    classes = info["numClasses"]

    model = Model()
    model.load_state_dict(load_file(str(HERE / "weights.safetensors")), strict=True)
    model.to(device).train()
    network = DistributedDataParallel(model, device_ids=[device.index] if cuda else None) if world > 1 else model

    # L2 weight decay on weights only, as wiregrad (not biases, not batchnorm's gamma and beta).
    decayed = {torch_key for wiregrad, torch_key, _, _ in TENSORS if wiregrad.endswith(".weight")}
    named = dict(model.named_parameters())
    groups = [
        {"params": [p for k, p in named.items() if k in decayed], "weight_decay": TRAINING["weightDecay"]},
        {"params": [p for k, p in named.items() if k not in decayed], "weight_decay": 0.0},
    ]
    kind = TRAINING["optimizer"]
    if kind == "adam":
        optimizer = torch.optim.Adam(groups, lr=TRAINING["learningRate"], betas=(0.9, 0.999), eps=1e-8)
    else:
        momentum = TRAINING["momentum"] if kind in ("momentum", "nesterov") else 0.0
        optimizer = torch.optim.SGD(groups, lr=TRAINING["learningRate"], momentum=momentum, nesterov=kind == "nesterov")

    train_set = splits["train"]
    per_process = max(1, min(TRAINING["batchSize"], len(train_set)) // world)
    sampler = DistributedSampler(train_set, num_replicas=world, rank=rank, shuffle=True, seed=TRAINING["seed"]) if world > 1 else RandomSampler(train_set, generator=torch.Generator().manual_seed(TRAINING["seed"]))
    loader = DataLoader(train_set, batch_size=per_process, sampler=sampler)
    steps_per_epoch = len(loader)
    total_steps = steps_per_epoch * TRAINING["epochs"]
    report_every = max(1, steps_per_epoch // 20)
    augment_generator = torch.Generator().manual_seed(TRAINING["seed"] * 7919 + rank)
    validation_set = splits["validation"] if len(splits["validation"]) > 0 else None

    emit({
        "type": "started",
        "info": {
            "graph": GRAPH_NAME, "dataset": info["spec"], "datasetName": info["name"], "task": info["task"],
            "classNames": info["classNames"], "trainCount": len(train_set),
            "validationCount": len(validation_set) if validation_set else 0, "testCount": len(splits["test"]),
            "config": {**TRAINING, "loss": loss_kind}, "trainableParams": sum(p.numel() for p in model.parameters()),
            "resumedFrom": None, "backend": f"PyTorch {torch.__version__} on {device}, {world} process{'es' if world > 1 else ''}",
            "processes": world,
            "batchPerProcess": per_process,
        },
    })

    history, global_step, started = [], 0, time.perf_counter()
    active_seconds, active_samples = 0.0, 0
    for epoch in range(TRAINING["epochs"]):
        if world > 1:
            sampler.set_epoch(epoch)
        epoch_start = time.perf_counter()
        epoch_active, sums = 0.0, torch.zeros(3, dtype=torch.float64)  # loss sum, correct, samples (this process)
        rate = TRAINING["learningRate"]
        for step, (x, y) in enumerate(loader):
            asked = torch.tensor([1.0 if stop["asked"] else 0.0])
            if world > 1:
                dist.all_reduce(asked, op=dist.ReduceOp.MAX)  # every process stops at the same update
            if asked.item() > 0:
                position = {"epoch": epoch, "stepInEpoch": step, "globalStep": global_step}
                saved = save_wiregrad_weights(model, info, normalization, global_step) if leader else None
                emit({"type": "cancelled", "position": position, "weightsFile": saved})
                return finish(world, 0)
            t0 = time.perf_counter()
            x, y = augment(x, augment_generator).to(device), y.to(device)
            output = forward(network, x, loss_kind)
            loss, hits = loss_and_correct(output, y, loss_kind)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            if not math.isfinite(loss.item()):
                emit({"type": "failed", "message": f"training stopped at update {global_step + 1} (epoch {epoch + 1}, batch {step + 1}): the loss became {loss.item()} (the weights are those before this update; try a lower learning rate, clipNorm, or batchnorm)", "nonFinite": {"step": global_step + 1, "node": None, "where": "loss"}})
                return finish(world, 1)
            if TRAINING["clipNorm"] is not None:
                torch.nn.utils.clip_grad_norm_(model.parameters(), TRAINING["clipNorm"])
            rate = learning_rate_at(global_step, epoch, total_steps)
            for group in optimizer.param_groups:
                group["lr"] = rate
            optimizer.step()
            global_step += 1
            sums += torch.tensor([loss.item() * len(x), float(hits.item()), float(len(x))], dtype=torch.float64)
            elapsed = time.perf_counter() - t0
            epoch_active += elapsed
            active_seconds += elapsed
            active_samples += len(x) * world
            if (step + 1) % report_every == 0 or step + 1 == steps_per_epoch:
                totals = sums.clone()
                if world > 1:
                    dist.all_reduce(totals)
                speed = active_samples / max(active_seconds, 1e-9)
                emit({"type": "progress", "progress": {
                    "epoch": epoch, "epochs": TRAINING["epochs"], "step": step + 1, "stepsPerEpoch": steps_per_epoch,
                    "globalStep": global_step, "totalSteps": total_steps, "loss": totals[0].item() / totals[2].item(),
                    "accuracy": totals[1].item() / totals[2].item() if has_accuracy(loss_kind) else None,
                    "learningRate": rate, "samplesPerSecond": speed,
                    "etaSeconds": (total_steps - global_step) * per_process * world / speed,
                }})
        totals = sums.clone()
        if world > 1:
            dist.all_reduce(totals)
        validation = evaluate(model, validation_set, loss_kind, device, classes) if leader and validation_set else None
        metrics = {
            "epoch": epoch,
            "train": {"count": int(totals[2].item()), "loss": totals[0].item() / totals[2].item(), "accuracy": totals[1].item() / totals[2].item() if has_accuracy(loss_kind) else None},
            "validation": {k: validation[k] for k in ("count", "loss", "accuracy")} if validation else None,
            "learningRate": rate,
            "seconds": time.perf_counter() - epoch_start,
            "samplesPerSecond": totals[2].item() / max(epoch_active, 1e-9),
        }
        history.append(metrics)
        if leader:
            save_wiregrad_weights(model, info, normalization, global_step)
        emit({"type": "epoch-end", "metrics": metrics})
        if world > 1:
            dist.barrier()
    if leader:
        test = evaluate(model, splits["test"], loss_kind, device, classes)
        saved = save_wiregrad_weights(model, info, normalization, global_step)
        emit({"type": "finished", "test": test, "history": history, "weightsFile": saved, "stateFile": "", "seconds": time.perf_counter() - started})
    return finish(world, 0)


def finish(world, code):
    if world > 1:
        dist.destroy_process_group()
    return code


if __name__ == "__main__":
    sys.exit(main())
`;
