#!/usr/bin/env bash
# Installs PyTorch for the PyTorch export tests into a virtual environment outside the project (~5 GB, reused across
# runs): the recipe of ../shared/notes/pytorch-here.md. The machine image's wheel mirror holds the CUDA build of torch
# 2.14.1 for Python 3.11 without its cuda-bindings dependency, so torch goes in without dependencies, then its
# pure-Python dependencies, then the NVIDIA runtime wheels it loads at import (it runs on the CPU). `--retries 0` makes
# pip give up on the unreachable default index at once and use the mirror.
#
# Idempotent: does nothing when the environment already imports torch. Never fails the caller: when torch cannot be
# installed it prints one line saying why, and the PyTorch tests then report "skipped: no torch".
set -uo pipefail
V="${WIREGRAD_TORCH_VENV:-$HOME/.cache/wiregrad-torch}"
check='import torch, torch.distributed as d, safetensors, numpy; print(torch.__version__, "gloo" if d.is_gloo_available() else "no gloo")'
if [ -x "$V/bin/python" ] && have=$("$V/bin/python" -c "$check" 2>/dev/null); then
  echo "== torch: $have in $V (cached)"
  exit 0
fi
log="$(mktemp -t wiregrad-torch-install.XXXXXX)"
why() { echo "== torch: not installed ($1; log: $log); the PyTorch tests will report \"skipped: no torch\""; exit 0; }
command -v python3 >/dev/null || why "no python3"
echo "== torch: installing into $V (once, ~5 GB)"
python3 -m venv "$V" >>"$log" 2>&1 || why "python3 -m venv failed (install python3-venv)"
"$V/bin/pip" install --retries 0 --no-deps torch==2.14.1 >>"$log" 2>&1 || why "pip cannot get torch==2.14.1 (no wheel mirror or no network)"
"$V/bin/pip" install --retries 0 filelock typing-extensions sympy networkx jinja2 fsspec numpy safetensors onnx onnxruntime >>"$log" 2>&1 ||
  why "pip cannot get torch's Python dependencies"
"$V/bin/pip" install --retries 0 --no-deps nvidia-cublas nvidia-cuda-cupti nvidia-cuda-nvrtc nvidia-cuda-runtime \
  nvidia-cudnn-cu13 nvidia-cufft nvidia-cufile nvidia-curand nvidia-cusolver nvidia-cusparse \
  nvidia-cusparselt-cu13 nvidia-nccl-cu13 nvidia-nvjitlink nvidia-nvshmem-cu13 nvidia-nvtx nvidia-nvvm >>"$log" 2>&1 ||
  why "pip cannot get the NVIDIA runtime wheels torch imports"
have=$("$V/bin/python" -c "$check" 2>>"$log") || why "torch is installed but does not import"
echo "== torch: $have in $V"
