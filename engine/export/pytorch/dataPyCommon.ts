/**
 * wiregrad_data.py, part 1 of 3 (engine/export/pytorch/dataPy.ts joins them): the module's header, wiregrad's random
 * number generator (engine/random/rng.ts), the JavaScript number, rounding and sorting rules its readers rely on, the
 * data-set spec (engine/data/spec.ts), the train/test splits (engine/data/split.ts) and the image geometry
 * (channels.ts, resize.ts, imageFit.ts), each written to give wiregrad's values to the last bit.
 */
export const DATA_PY_COMMON = String.raw`"""The user's data sets (folder:, csv:, idx:) read as wiregrad reads them (engine/data/), so that train.py trains on
the very samples, split, class order and pixel values wiregrad would, without wiregrad copying them into .npy files.

    load_dataset("folder:images", base_dir, input_shape=[32, 32, 3], seed=42)

returns the data set's description and its train and test splits: inputs float32 [N, *input_shape] (images H×W×C,
as wiregrad holds them), labels int32 [N] (classification) or targets float32 [N, n] (regression). Every step
follows its wiregrad counterpart operation for operation (the same float64 sums in the same order, rounded to
float32 at the same points), so the arrays are equal to the last bit. PNG files are decoded here (8- and 16-bit,
every colour type, interlaced or not) as pngjs decodes them; JPEG needs Pillow or torchvision, whose libjpeg can
differ from wiregrad's jpeg-js decoder by a level or two in some pixels.
"""
import math
import os
import re
import struct
import urllib.parse
import zlib

import numpy as np


class DataError(Exception):
    """A data set that cannot be read; the message names the file and the problem, as wiregrad's DataError does."""


# ---- random numbers: engine/random/rng.ts (sfc32 seeded through splitmix32) ----
M32 = 0xFFFFFFFF


class Rng:
    def __init__(self, seed):
        s = int(seed) & M32
        words = []
        for _ in range(4):
            s = (s + 0x9E3779B9) & M32
            z = s
            z = ((z ^ (z >> 16)) * 0x85EBCA6B) & M32
            z = ((z ^ (z >> 13)) * 0xC2B2AE35) & M32
            words.append((z ^ (z >> 16)) & M32)
        self.a, self.b, self.c, self.d = words
        for _ in range(12):
            self.next_uint32()

    def next_uint32(self):
        t = (self.a + self.b + self.d) & M32
        self.d = (self.d + 1) & M32
        self.a = self.b ^ (self.b >> 9)
        self.b = (self.c + (self.c << 3)) & M32
        self.c = ((self.c << 21) | (self.c >> 11)) & M32
        self.c = (self.c + t) & M32
        return t

    def int(self, n):
        return math.floor(self.next_uint32() / 4294967296 * n)

    def shuffle(self, items):
        for i in range(len(items) - 1, 0, -1):
            j = self.int(i + 1)
            items[i], items[j] = items[j], items[i]


# ---- JavaScript's semantics where wiregrad's readers rely on them ----
JS_SPACE = " \t\n\v\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
DECIMAL = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
PREFIXED = re.compile(r"0([xX][0-9a-fA-F]+|[oO][0-7]+|[bB][01]+)")


def js_trim(text):
    return text.strip(JS_SPACE)


def js_number(text):
    """Number(text) for a trimmed cell, NaN when it is not a finite number (csvParse.ts cellNumber)."""
    t = js_trim(text)
    if DECIMAL.fullmatch(t):
        value = float(t)
    elif PREFIXED.fullmatch(t):
        value = float(int(t[2:], {"x": 16, "o": 8, "b": 2}[t[1].lower()]))
    else:
        return math.nan
    return value if math.isfinite(value) else math.nan


def js_round(x):
    """Math.round: halves go up (Python's round() goes to even)."""
    r = math.floor(x)
    return r + 1 if x - r >= 0.5 else r


def js_sorted(names):
    """Array.prototype.sort's order: by UTF-16 code units."""
    return sorted(names, key=lambda s: s.encode("utf-16-be"))


def shape_text(shape):
    return "[" + ", ".join(str(d) for d in shape) + "]"


# ---- the spec: engine/data/spec.ts ----
KINDS = ("mnist", "shapes", "segmentation", "x2", "folder", "csv", "idx")
NATIVE_KINDS = ("folder", "csv", "idx")


class Spec:
    def __init__(self, spec):
        text = js_trim(spec)
        if not text:
            raise DataError("empty data-set spec; use one of: " + ", ".join(KINDS))
        ends = [i for i in (text.find(":"), text.find("?"), len(text)) if i >= 0]
        kind_end = min(ends)
        self.spec = spec
        self.kind = js_trim(text[:kind_end]).lower()
        if self.kind not in KINDS:
            raise DataError(f"data-set spec '{spec}': unknown kind '{self.kind}'; use one of: " + ", ".join(KINDS))
        rest = text[kind_end:]
        q = rest.find("?")
        argument = rest[:q] if q >= 0 else rest
        query = rest[q + 1 :] if q >= 0 else ""
        self.argument = js_trim(argument[1:] if argument.startswith(":") else argument)
        self.params = {}
        for pair in query.split("&"):
            if not pair:
                continue
            key, eq, value = pair.partition("=")
            key = js_trim(key)
            if key in self.params:
                raise DataError(f"data-set spec '{spec}': option '{key}' is given twice")
            self.params[key] = urllib.parse.unquote(js_trim(value)) if eq else ""
        self.used = set()

    def string(self, key):
        self.used.add(key)
        return self.params.get(key)

    def integer(self, key, low, high):
        raw = self.string(key)
        if raw is None:
            return None
        value = js_number(raw)
        if raw == "" or not float(value).is_integer() or value < low or value > high:
            raise DataError(f"data-set spec '{self.spec}': option '{key}' must be a whole number from {low} to {high}, not '{raw}'")
        return int(value)

    def choice(self, key, choices):
        raw = self.string(key)
        if raw is None:
            return None
        if raw.lower() not in choices:
            raise DataError(f"data-set spec '{self.spec}': option '{key}' must be one of {', '.join(choices)}, not '{raw}'")
        return raw.lower()

    def reject_unknown(self):
        unknown = [k for k in self.params if k not in self.used]
        if unknown:
            raise DataError(f"data-set spec '{self.spec}': unknown option '{unknown[0]}' (this kind accepts: {', '.join(sorted(self.used)) or 'none'})")


# ---- splits: engine/data/split.ts ----
def largest_remainder(weights, total):
    whole = sum(weights)
    if whole == 0:
        return [0 for _ in weights]
    exact = [w * total / whole for w in weights]
    counts = [math.floor(e) for e in exact]
    left = total - sum(counts)
    order = sorted(range(len(exact)), key=lambda i: (-(exact[i] - math.floor(exact[i])), i))
    k = 0
    while left > 0:
        counts[order[k % len(order)]] += 1
        k += 1
        left -= 1
    return counts


def stratified_split(labels, classes, test_fraction, rng):
    groups = [[] for _ in range(classes)]
    for i, label in enumerate(labels):
        groups[label].append(i)
    quotas = largest_remainder([len(g) for g in groups], js_round(len(labels) * test_fraction))
    train, test = [], []
    for c, group in enumerate(groups):
        shuffled = list(group)
        rng.shuffle(shuffled)
        k = min(quotas[c], max(0, len(group) - 1))
        test += shuffled[:k]
        train += shuffled[k:]
    rng.shuffle(train)
    rng.shuffle(test)
    return train, test


def random_split(count, test_fraction, rng):
    order = list(range(count))
    rng.shuffle(order)
    k = min(js_round(count * test_fraction), max(0, count - 1))
    return order[k:], order[:k]


# ---- images: channels.ts, resize.ts, imageFit.ts ----
def convert_channels(pixels, to, scale=1.0):
    """[P, from] pixels (1 grey, 2 grey+alpha, 3 RGB, 4 RGBA) to [P, to] float32: BT.601 luma for grey, alpha dropped."""
    src = pixels.astype(np.float64)
    if to == 1:
        value = (0.299 * src[:, 0] + 0.587 * src[:, 1] + 0.114 * src[:, 2]) if src.shape[1] >= 3 else src[:, 0]
        return (value * scale).astype(np.float32)[:, None]
    if src.shape[1] >= 3:
        return (src[:, :3] * scale).astype(np.float32)
    return np.repeat((src[:, :1] * scale).astype(np.float32), 3, axis=1)


def axis_weights(in_size, out_size):
    """Per output index: the first source index and the normalised triangle weights (resize.ts axisWeights)."""
    scale = in_size / out_size
    support = max(1, scale)
    starts, rows = [], []
    for o in range(out_size):
        centre = (o + 0.5) * scale
        lo = max(0, math.floor(centre - support))
        hi = min(in_size, math.ceil(centre + support))
        weights = [max(0, 1 - abs((i + 0.5 - centre) / support)) for i in range(lo, hi)]
        total = 0
        for w in weights:
            total += w
        starts.append(lo)
        rows.append([w / total for w in weights])
    taps = max(len(r) for r in rows)
    index = np.array([[min(s + k, in_size - 1) for k in range(taps)] for s in starts], dtype=np.int64)
    weight = np.array([r + [0.0] * (taps - len(r)) for r in rows], dtype=np.float64)
    return index, weight


def resize_image(image, out_h, out_w):
    """[H, W, C] float32 to [out_h, out_w, C]: separable, width first, each pass summed tap by tap in float64."""
    h, w, c = image.shape
    if h == out_h and w == out_w:
        return image.copy()
    index, weight = axis_weights(w, out_w)
    src = image.astype(np.float64)
    acc = np.zeros((h, out_w, c))
    for k in range(index.shape[1]):
        acc += weight[:, k][None, :, None] * src[:, index[:, k], :]
    mid = acc.astype(np.float32).astype(np.float64)
    index, weight = axis_weights(h, out_h)
    acc = np.zeros((out_h, out_w, c))
    for k in range(index.shape[1]):
        acc += weight[:, k][:, None, None] * mid[index[:, k], :, :]
    return acc.astype(np.float32)


def check_image_target(target, source):
    if len(target) != 3 or any(int(d) != d or d < 1 for d in target):
        raise DataError(f"{source}: holds images, but the graph's input shape is {shape_text(target)}; use an image shape [height, width, channels]")
    if target[2] not in (1, 3):
        raise DataError(f"{source}: the graph's input {shape_text(target)} has {target[2]} channels; images can be delivered with 1 (grey) or 3 (RGB) channels")


def fit_images(x, native, target, source):
    """A fixed-size image set [N, H, W, C] in the graph's input shape: as it is, flattened, grey <-> RGB, centred on a larger canvas."""
    count = x.shape[0]
    if target is None or list(target) == list(native):
        return x, list(native)
    size = native[0] * native[1] * native[2]
    mismatch = DataError(
        f"{source}: the data set's images are {shape_text(native)} but the graph's input is {shape_text(target)}; "
        f"use {shape_text(native)}, [{size}] for an MLP, {3 if native[2] == 1 else 1} channels, or a larger canvas"
    )
    if len(target) == 1:
        if target[0] == size:
            return x.reshape(count, size), list(target)
        raise mismatch
    if len(target) != 3:
        raise mismatch
    check_image_target(target, source)
    h, w, c = native
    th, tw, tc = target
    if th < h or tw < w:
        raise mismatch
    top, left = (th - h) // 2, (tw - w) // 2
    images = x if tc == c else convert_channels(x.reshape(-1, c), tc).reshape(count, h, w, tc)
    out = np.zeros((count, th, tw, tc), dtype=np.float32)
    out[:, top : top + h, left : left + w, :] = images
    return out, list(target)
`;
