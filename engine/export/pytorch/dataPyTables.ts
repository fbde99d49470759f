/**
 * wiregrad_data.py, part 3 of 3: the "csv:" reader (engine/data/csvParse.ts and csv.ts: RFC 4180 quoting, header
 * detection, label column, task detection, class names in JavaScript's sort order), the "idx:" reader
 * (engine/data/idxFormat.ts and idx.ts, gzipped or not) and load_dataset, the entry point.
 */
export const DATA_PY_TABLES = String.raw`

# ---- csv:PATH (engine/data/csvParse.ts, csv.ts) ----
def parse_csv(text, file, separator):
    """[(line, cells)] of the non-blank rows; RFC 4180 quoting, the row's first line number kept for messages."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if '"' not in text:
        rows = []
        for number, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
            cells = line.split(separator)
            if len(cells) > 1 or js_trim(cells[0]) != "":
                rows.append((number, cells))
        return rows
    rows, cells, cell, quoted, line, row_line, i = [], [], "", False, 1, 1, 0

    def end_row():
        nonlocal cells, cell
        cells.append(cell)
        if len(cells) > 1 or js_trim(cells[0]) != "":
            rows.append((row_line, cells))
        cells, cell = [], ""

    while i < len(text):
        ch = text[i]
        if quoted:
            if ch == '"' and text[i + 1 : i + 2] == '"':
                cell += '"'
                i += 1
            elif ch == '"':
                quoted = False
            else:
                if ch == "\n":
                    line += 1
                cell += ch
        elif ch == '"' and js_trim(cell) == "":
            quoted, cell = True, ""
        elif ch == separator:
            cells.append(cell)
            cell = ""
        elif ch in "\n\r":
            if ch == "\r" and text[i + 1 : i + 2] == "\n":
                i += 1
            end_row()
            line += 1
            row_line = line
        else:
            cell += ch
        i += 1
    if quoted:
        raise DataError(f"{file} line {row_line}: a quoted field is never closed")
    if cell != "" or cells:
        end_row()
    return rows


def detect_header(rows):
    first = rows[0][1]
    if all(math.isnan(js_number(c)) for c in first):
        return True
    if len(rows) < 2:
        return False
    second = rows[1][1]
    return any(math.isnan(js_number(c)) and i < len(second) and not math.isnan(js_number(second[i])) for i, c in enumerate(first))


def load_csv(spec, base_dir, input_shape, seed, test_fraction):
    file = os.path.normpath(os.path.join(base_dir, spec.argument))
    label_option = spec.string("label")
    header_option = spec.choice("header", ("yes", "no", "auto")) or "auto"
    task_option = spec.choice("task", ("classification", "regression", "auto")) or "auto"
    classes_option = spec.integer("classes", 2, 65535)
    sep_option = spec.string("sep")
    spec.reject_unknown()
    separator = "," if not sep_option else "\t" if sep_option.lower() == "tab" else sep_option
    rows = parse_csv(read_bytes(file).decode("utf-8", errors="replace"), file, separator)
    if not rows:
        raise DataError(f"{file}: empty file (no rows)")
    has_header = detect_header(rows) if header_option == "auto" else header_option == "yes"
    header = rows[0][1] if has_header else None
    data = rows[1:] if has_header else rows
    if not data:
        raise DataError(f"{file}: no data rows after the header")
    columns = len(rows[0][1])
    if columns < 2:
        raise DataError(f"{file}: line {rows[0][0]} has {columns} column; a data table needs feature columns and a label column")
    for line, cells in data:
        if len(cells) != columns:
            raise DataError(f"{file} line {line}: {len(cells)} columns, expected {columns} (as in line {rows[0][0]})")
    label = columns - 1
    if label_option:
        named = [i for i, h in enumerate(header or []) if js_trim(h) == label_option]
        number = js_number(label_option)
        if named:
            label = named[0]
        elif float(number).is_integer() and -columns <= number < columns:
            label = int(number) % columns
        else:
            names = f" (columns: {', '.join(js_trim(h) for h in header)})" if header else f" (the file has no header; use a column index 0 to {columns - 1})"
            raise DataError(f"{file}: label column '{label_option}' not found{names}")

    def column_name(c):
        return f"column '{js_trim(header[c])}'" if header else f"column {c}"

    features = columns - 1
    shape = list(input_shape) if input_shape is not None else [features]
    if math.prod(shape) != features:
        raise DataError(f"{file}: {features} feature columns make inputs of shape [{features}] but the graph's input is {shape_text(shape)} ({math.prod(shape)} values)")
    x = np.empty((len(data), features), dtype=np.float64)
    for r, (line, cells) in enumerate(data):
        values = [js_number(cell) for c, cell in enumerate(cells) if c != label]
        for f, value in enumerate(values):
            if math.isnan(value):
                c = f if f < label else f + 1
                raise DataError(f"{file} line {line}, {column_name(c)}: '{js_trim(cells[c])}' is not a number")
        x[r] = values
    with np.errstate(over="ignore"):
        x32 = x.astype(np.float32)
    if not np.isfinite(x32).all():
        r, f = map(int, np.argwhere(~np.isfinite(x32))[0])
        c = f if f < label else f + 1
        raise DataError(f"{file} line {data[r][0]}, {column_name(c)}: {js_trim(data[r][1][c])} is too large for float32")
    x32 = x32.reshape([len(data)] + shape)
    labels = [js_trim(cells[label]) for _, cells in data]
    numeric = [js_number(v) for v in labels]
    all_numbers = not any(math.isnan(v) for v in numeric)
    all_indices = all_numbers and all(v.is_integer() and 0 <= v < 1000 for v in numeric)
    task = task_option if task_option != "auto" else "classification" if not all_numbers or all_indices else "regression"
    rng = Rng(seed)
    name = f"Table {os.path.basename(file)}"
    if task == "regression":
        bad = next((i for i, v in enumerate(numeric) if math.isnan(v)), None)
        if bad is not None:
            raise DataError(f"{file} line {data[bad][0]}, {column_name(label)}: label '{labels[bad]}' is not a number (regression needs numeric targets)")
        y = np.array(numeric, dtype=np.float64).astype(np.float32).reshape(-1, 1)
        train_order, test_order = random_split(len(data), test_fraction, rng)
        class_names = [js_trim(header[label]) if header else "y"]
    else:
        if all_numbers:
            for i, v in enumerate(numeric):
                if not v.is_integer() or v < 0 or (classes_option is not None and v >= classes_option):
                    span = f"0 to {classes_option - 1}" if classes_option is not None else "whole numbers from 0"
                    raise DataError(f"{file} line {data[i][0]}, {column_name(label)}: class label {labels[i]} is out of range ({span})")
            count = classes_option if classes_option is not None else int(max(numeric)) + 1
            class_names = [str(i) for i in range(count)]
            y = np.array(numeric, dtype=np.int32)
        else:
            if classes_option is not None:
                raise DataError(f"{file}: classes={classes_option} applies to numeric labels, but {column_name(label)} holds text")
            class_names = js_sorted(set(labels))
            index = {n: i for i, n in enumerate(class_names)}
            y = np.array([index[v] for v in labels], dtype=np.int32)
        if len(class_names) < 2:
            raise DataError(f"{file}: {column_name(label)} has only one class ('{class_names[0]}'); a classifier needs at least two")
        train_order, test_order = stratified_split(y.tolist(), len(class_names), test_fraction, rng)
    return {
        "name": name,
        "task": task,
        "numClasses": 1 if task == "regression" else len(class_names),
        "classNames": class_names,
        "inputShape": shape,
        "train": (x32[train_order], y[train_order]),
        "test": (x32[test_order], y[test_order]),
    }


# ---- idx:IMAGES,LABELS[;TEST_IMAGES,TEST_LABELS] (engine/data/idxFormat.ts, idx.ts) ----
IDX_TYPES = {0x08: np.dtype("u1"), 0x09: np.dtype("i1"), 0x0B: np.dtype(">i2"), 0x0C: np.dtype(">i4"), 0x0D: np.dtype(">f4"), 0x0E: np.dtype(">f8")}


def decode_idx(file):
    data = read_bytes(file)
    if data[:2] == b"\x1f\x8b":
        try:
            data = zlib.decompress(data, wbits=31)
        except zlib.error as err:
            raise DataError(f"{file}: corrupt gzip data ({err})") from None
    if len(data) < 4 or data[0] != 0 or data[1] != 0 or data[2] not in IDX_TYPES:
        magic = " ".join(f"{b:02x}" for b in data[:4]) or "(empty file)"
        raise DataError(f"{file}: not an IDX file (bad magic number {magic}; expected 00 00, a type byte 08/09/0b/0c/0d/0e and a dimension count)")
    kind, ndims = data[2], data[3]
    if ndims == 0:
        raise DataError(f"{file}: IDX header declares no dimensions")
    start = 4 + 4 * ndims
    if len(data) < start:
        raise DataError(f"{file}: truncated IDX header ({len(data)} bytes, needs {start})")
    dims = list(struct.unpack(f">{ndims}I", data[4:start]))
    count = math.prod(dims)
    expected = start + count * IDX_TYPES[kind].itemsize
    if len(data) < expected:
        raise DataError(f"{file}: truncated IDX data: dimensions [{', '.join(map(str, dims))}] need {expected} bytes, the file has {len(data)}")
    return kind, dims, np.frombuffer(data, dtype=IDX_TYPES[kind], count=count, offset=start)


def read_idx_pair(images_file, labels_file, classes):
    kind, dims, values = decode_idx(images_file)
    _, label_dims, labels = decode_idx(labels_file)
    if not 2 <= len(dims) <= 4:
        raise DataError(f"{images_file}: IDX images must have 2 to 4 dimensions ([N, F], [N, H, W] or [N, H, W, C]), not [{', '.join(map(str, dims))}]")
    if len(label_dims) != 1:
        raise DataError(f"{labels_file}: IDX labels must have one dimension [N], not [{', '.join(map(str, label_dims))}]")
    count = dims[0]
    if label_dims[0] != count:
        raise DataError(f"{labels_file}: {label_dims[0]} labels for the {count} images of {images_file}")
    shape = [dims[1], dims[2], 1] if len(dims) == 3 else dims[1:]
    if len(shape) == 3 and shape[2] not in (1, 3):
        raise DataError(f"{images_file}: images with {shape[2]} channels; 1 (grey) or 3 (RGB) are supported")
    scale = 1 / 255 if kind == 0x08 else 1
    x = (values.astype(np.float64) * scale).astype(np.float32).reshape([count] + shape)
    wide = labels.astype(np.float64)
    for i, v in enumerate(wide):
        if not v.is_integer() or v < 0 or (classes is not None and v >= classes):
            span = f"0 to {classes - 1}" if classes is not None else "whole numbers from 0"
            raise DataError(f"{labels_file}: label {v:g} of sample {i} is out of range ({span})")
    return x, wide.astype(np.int32), shape, images_file


def load_idx(spec, base_dir, input_shape, seed, test_fraction):
    classes = spec.integer("classes", 2, 65535)
    spec.reject_unknown()
    groups = [[js_trim(f) for f in g.split(",")] for g in spec.argument.split(";")]
    if len(groups) > 2 or any(len(g) != 2 or not all(g) for g in groups):
        raise DataError(f"data-set spec '{spec.spec}': idx wants IMAGES,LABELS or TRAIN_IMAGES,TRAIN_LABELS;TEST_IMAGES,TEST_LABELS")
    files = [[os.path.normpath(os.path.join(base_dir, f)) for f in g] for g in groups]
    pairs = [read_idx_pair(images, labels, classes) for images, labels in files]
    if len(pairs) == 2 and pairs[1][2] != pairs[0][2]:
        raise DataError(f"{pairs[1][3]}: test samples are {shape_text(pairs[1][2])} but training samples are {shape_text(pairs[0][2])}")
    count = classes if classes is not None else max(int(p[1].max(initial=0)) for p in pairs) + 1
    if count < 2:
        raise DataError(f"{files[0][1]}: every label is 0; a classifier needs at least two classes")
    fitted = []
    for x, y, shape, source in pairs:
        if len(shape) == 3:
            fitted.append(fit_images(x, shape, input_shape, source))
        elif input_shape is None or math.prod(input_shape) == math.prod(shape):
            target = list(input_shape) if input_shape is not None else shape
            fitted.append((x.reshape([len(y)] + target), target))
        else:
            raise DataError(f"{source}: the data set's inputs are {shape_text(shape)} but the graph's input is {shape_text(input_shape)}")
    rng = Rng(seed)
    if len(pairs) == 2:
        splits = []
        for (x, _), (_, y, _, _) in zip(fitted, pairs):
            order = list(range(len(y)))
            rng.shuffle(order)
            splits.append((x[order], y[order]))
        train, test = splits
    else:
        y = pairs[0][1]
        train_order, test_order = stratified_split(y.tolist(), count, test_fraction, rng)
        train, test = (fitted[0][0][train_order], y[train_order]), (fitted[0][0][test_order], y[test_order])
    return {
        "name": f"IDX {os.path.basename(files[0][0])}",
        "task": "classification",
        "numClasses": count,
        "classNames": [str(i) for i in range(count)],
        "inputShape": fitted[0][1],
        "train": train,
        "test": test,
    }


LOADERS = {"folder": load_folder, "csv": load_csv, "idx": load_idx}


def load_dataset(spec_text, base_dir, input_shape=None, seed=0, test_fraction=0.2):
    """engine/data/load.ts loadDataset for the user's kinds (folder, csv, idx); the bundled ones come exported as .npy."""
    spec = Spec(spec_text)
    if spec.kind not in NATIVE_KINDS:
        raise DataError(f"data-set spec '{spec_text}': '{spec.kind}' is one of wiregrad's bundled sets; train.py reads it from the .npy files wiregrad exports")
    if not spec.argument:
        raise DataError(f"data-set spec '{spec_text}': '{spec.kind}' needs a path")
    caps = {"train": spec.integer("train", 1, 10_000_000), "test": spec.integer("test", 0, 10_000_000)}
    data = LOADERS[spec.kind](spec, base_dir, input_shape, seed, test_fraction)
    data["spec"] = spec_text
    for split, cap in caps.items():
        if cap is not None:
            data[split] = tuple(a[:cap] for a in data[split])
    if len(data["train"][1]) == 0:
        raise DataError(f"data set '{spec_text}': no training samples")
    return data
`;
