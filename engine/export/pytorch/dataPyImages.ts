/**
 * wiregrad_data.py, part 2 of 3: PNG decoding as pngjs decodes (every colour type and bit depth, Adam7 interlacing,
 * tRNS colour keys made transparent black, 16-bit and low bit depths rescaled to 8 bits), JPEG through Pillow or
 * torchvision, and the "folder:" reader (engine/data/folder.ts).
 */
export const DATA_PY_IMAGES = String.raw`

# ---- PNG: what pngjs (engine/data/imageDecode.ts) gives, as RGBA ----
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
ADAM7 = ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2))
MAX_IMAGE_PIXELS = 64 * 1024 * 1024


def unfilter(data, height, row_bytes, bpp):
    """Reverses the PNG filters of "height" scanlines of "row_bytes" bytes (each preceded by its filter type)."""
    rows = np.zeros((height, row_bytes), dtype=np.uint8)
    prior = np.zeros(row_bytes, dtype=np.uint8)
    stride = row_bytes + 1
    for y in range(height):
        kind = data[y * stride]
        line = np.frombuffer(data, dtype=np.uint8, count=row_bytes, offset=y * stride + 1).copy()
        if kind == 1:
            line = np.cumsum(line.reshape(-1, bpp), axis=0, dtype=np.uint8).reshape(-1)  # rows are whole pixels of bpp bytes
        elif kind == 2:
            line = line + prior
        elif kind == 3:
            out, up = bytearray(line.tobytes()), prior.tobytes()
            for i in range(bpp):
                out[i] = (out[i] + (up[i] >> 1)) & 0xFF
            for i in range(bpp, row_bytes):
                out[i] = (out[i] + ((out[i - bpp] + up[i]) >> 1)) & 0xFF
            line = np.frombuffer(bytes(out), dtype=np.uint8)
        elif kind == 4:
            out, up = bytearray(line.tobytes()), prior.tobytes()
            for i in range(bpp):
                out[i] = (out[i] + up[i]) & 0xFF  # no left or corner: the predictor is the byte above
            for i in range(bpp, row_bytes):
                a, b, c = out[i - bpp], up[i], up[i - bpp]
                pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - c - c)
                out[i] = (out[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
            line = np.frombuffer(bytes(out), dtype=np.uint8)
        elif kind != 0:
            raise ValueError(f"unrecognised filter type {kind}")
        rows[y] = line
        prior = line
    return rows


def samples(rows, width, channels, depth):
    """Unfiltered scanlines to samples [H, W, channels] (uint16 for 16-bit, 0..2^depth-1 below 8 bits)."""
    height = rows.shape[0]
    if depth == 16:
        values = rows.view(">u2").astype(np.uint16)
    elif depth == 8:
        values = rows
    else:
        values = np.unpackbits(rows, axis=1).reshape(height, -1, depth)
        weights = (1 << np.arange(depth - 1, -1, -1)).astype(np.uint8)
        values = (values * weights).sum(axis=2).astype(np.uint8)
    return values[:, : width * channels].reshape(height, width, channels)


def decode_png(data, file):
    if len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        if width * height > MAX_IMAGE_PIXELS:
            raise DataError(f"{file}: the image is {width}×{height} pixels, over the limit of {MAX_IMAGE_PIXELS // (1024 * 1024)} Mi pixels; scale it down first")
    at, header, palette, alpha, key, idat = 8, None, None, None, None, []
    while at + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[at : at + 8])
        body = data[at + 8 : at + 8 + length]
        if len(body) != length or at + 12 + length > len(data):
            raise ValueError("unexpected end of file")
        if zlib.crc32(kind + body) != struct.unpack(">I", data[at + 8 + length : at + 12 + length])[0]:
            raise ValueError(f"crc error in chunk {kind.decode('latin-1')}")
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"PLTE":
            palette = np.frombuffer(body, dtype=np.uint8).reshape(-1, 3)
        elif kind == b"tRNS":
            alpha = np.frombuffer(body, dtype=np.uint8)
            key = struct.unpack(">" + "H" * (length // 2), body) if header and header[3] in (0, 2) else None
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
        at += 12 + length
    if header is None:
        raise ValueError("no IHDR chunk")
    width, height, depth, colour, _, _, interlace = header
    if colour not in PNG_CHANNELS or depth not in (1, 2, 4, 8, 16):
        raise ValueError(f"unsupported colour type {colour} / bit depth {depth}")
    channels = PNG_CHANNELS[colour]
    raw = zlib.decompress(b"".join(idat))
    bpp = max(1, channels * depth // 8)
    if interlace:
        pixels = np.zeros((height, width, channels), dtype=np.uint16 if depth == 16 else np.uint8)
        offset = 0
        for x0, y0, dx, dy in ADAM7:
            w, h = (width - x0 + dx - 1) // dx, (height - y0 + dy - 1) // dy
            if w <= 0 or h <= 0:
                continue
            row_bytes = (w * channels * depth + 7) // 8
            rows = unfilter(raw[offset:], h, row_bytes, bpp)
            pixels[y0::dy, x0::dx] = samples(rows, w, channels, depth)
            offset += h * (row_bytes + 1)
    else:
        row_bytes = (width * channels * depth + 7) // 8
        if len(raw) < height * (row_bytes + 1):
            raise ValueError("Ran out of data")
        pixels = samples(unfilter(raw, height, row_bytes, bpp), width, channels, depth)
    if colour == 3:
        # Palette entries as RGBA, alpha from tRNS; pixel values are indices, never rescaled.
        table = np.concatenate([palette, np.full((len(palette), 1), 255, dtype=np.uint8)], axis=1)
        if alpha is not None:
            table[: len(alpha), 3] = alpha[: len(table)]
        if pixels.max(initial=0) >= len(table):
            raise ValueError("index not in palette")
        return table[pixels[:, :, 0]]
    rgba = np.empty((height, width, 4), dtype=pixels.dtype)
    rgba[:, :, :3] = pixels[:, :, :1] if channels <= 2 else pixels[:, :, :3]
    rgba[:, :, 3] = pixels[:, :, channels - 1] if channels in (2, 4) else (1 << depth) - 1
    if key is not None:
        # pngjs makes the tRNS colour fully transparent black (all four samples 0), before rescaling.
        hit = np.all(pixels[:, :, : len(key)].astype(np.int64) == np.array(key, dtype=np.int64), axis=2) if channels in (1, 3) else np.zeros((height, width), dtype=bool)
        rgba[hit] = 0
    if depth != 8:
        rgba = np.floor(rgba.astype(np.float64) * 255 / ((1 << depth) - 1) + 0.5).astype(np.uint8)
    return rgba


def decode_jpeg(data, file):
    try:
        from PIL import Image
        import io

        with Image.open(io.BytesIO(data)) as image:
            return np.asarray(image.convert("RGBA"))
    except ImportError:
        pass
    try:
        import torch
        import torchvision.io

        decoded = torchvision.io.decode_jpeg(torch.frombuffer(bytearray(data), dtype=torch.uint8), mode=torchvision.io.ImageReadMode.RGB)
        rgb = decoded.permute(1, 2, 0).numpy()
        return np.concatenate([rgb, np.full(rgb.shape[:2] + (1,), 255, dtype=np.uint8)], axis=2)
    except ImportError:
        raise DataError(f"{file}: reading JPEG images needs Pillow or torchvision (pip install pillow); PNG images need neither") from None


def decode_image(file):
    """The image's pixels as uint8 RGBA [H, W, 4]; a DataError for anything that is not a readable PNG or JPEG."""
    data = read_bytes(file)
    try:
        if data[:4] == PNG_SIGNATURE[:4]:
            return decode_png(data, file)
        if data[:3] == b"\xff\xd8\xff":
            return decode_jpeg(data, file)
    except DataError:
        raise
    except Exception as err:
        raise DataError(f"{file}: corrupt or unreadable image ({err})") from None
    raise DataError(f"{file}: not a PNG or JPEG image (its first bytes are neither format's signature)")


def read_bytes(file):
    try:
        if not os.path.isfile(file):
            raise DataError(f"{file}: file not found" if not os.path.exists(file) else f"{file}: not a regular file")
        with open(file, "rb") as f:
            return f.read()
    except OSError as err:
        raise DataError(f"{file}: cannot read ({err.strerror})") from None


# ---- folder:PATH (engine/data/folder.ts) ----
IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg")


def hidden(name):
    return name.startswith(".") or name.startswith("__")


def entries(folder):
    try:
        with os.scandir(folder) as found:
            return [(e.name, e.is_dir(follow_symlinks=False), e.is_file(follow_symlinks=False)) for e in found]
    except OSError as err:
        raise DataError(f"{folder}: cannot read ({err.strerror})") from None


def require_folder(folder):
    if not os.path.exists(folder):
        raise DataError(f"{folder}: folder not found")
    if not os.path.isdir(folder):
        raise DataError(f"{folder}: is a file, not a folder (folder: wants a folder of class sub-folders)")


def sub_folders(folder):
    return js_sorted([name for name, is_dir, _ in entries(folder) if is_dir and not hidden(name)])


def class_folders(folder):
    require_folder(folder)
    names = sub_folders(folder)
    if not names:
        raise DataError(f"{folder}: empty folder or no class sub-folders; expected one sub-folder of PNG or JPEG images per class")
    if len(names) == 1:
        raise DataError(f"{folder}: only one class folder ('{names[0]}'); a classifier needs at least two")
    classes = []
    for name in names:
        inside = os.path.join(folder, name)
        files = js_sorted(
            os.path.join(inside, f) for f, _, is_file in entries(inside) if is_file and not hidden(f) and os.path.splitext(f)[1].lower() in IMAGE_EXTENSIONS
        )
        if not files:
            raise DataError(f"{inside}: class folder '{name}' has no PNG or JPEG images")
        classes.append((name, files))
    return classes


def read_image_as(file, shape):
    rgba = decode_image(file)
    h, w, c = shape
    pixels = convert_channels(rgba.reshape(-1, 4), c, 1 / 255).reshape(rgba.shape[0], rgba.shape[1], c)
    return resize_image(pixels, h, w)


def read_classes(classes, index, shape):
    total = sum(len(files) for _, files in classes)
    x = np.empty((total,) + tuple(shape), dtype=np.float32)
    y = np.empty(total, dtype=np.int32)
    n = 0
    for name, files in classes:
        for file in files:
            x[n] = read_image_as(file, shape)
            y[n] = index[name]
            n += 1
    return x, y


def load_folder(spec, base_dir, input_shape, seed, test_fraction):
    spec.reject_unknown()
    folder = os.path.normpath(os.path.join(base_dir, spec.argument))
    require_folder(folder)
    top = sub_folders(folder)
    pre_split = len(top) == 2 and "train" in top and "test" in top and len(sub_folders(os.path.join(folder, "train"))) > 0
    train_classes = class_folders(os.path.join(folder, "train") if pre_split else folder)
    test_classes = class_folders(os.path.join(folder, "test")) if pre_split else []
    names = [name for name, _ in train_classes]
    index = {name: i for i, name in enumerate(names)}
    for name, _ in test_classes:
        if name not in index:
            raise DataError(f"{os.path.join(folder, 'test', name)}: class '{name}' is in test but not in train")
    if input_shape is not None:
        check_image_target(input_shape, folder)
        shape = list(input_shape)
    else:
        first = decode_image(train_classes[0][1][0])
        shape = [first.shape[0], first.shape[1], 3]
    rng = Rng(seed)
    x, y = read_classes(train_classes, index, shape)
    if pre_split:
        order = list(range(len(y)))
        rng.shuffle(order)
        train = (x[order], y[order])
        tx, ty = read_classes(test_classes, index, shape)
        order = list(range(len(ty)))
        rng.shuffle(order)
        test = (tx[order], ty[order])
    else:
        train_order, test_order = stratified_split(y.tolist(), len(names), test_fraction, rng)
        train, test = (x[train_order], y[train_order]), (x[test_order], y[test_order])
    return {
        "name": f"Images in {os.path.basename(folder)} ({len(names)} classes)",
        "task": "classification",
        "numClasses": len(names),
        "classNames": names,
        "inputShape": shape,
        "train": train,
        "test": test,
    }
`;
