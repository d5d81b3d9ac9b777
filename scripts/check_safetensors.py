#!/usr/bin/env python3
"""Check a safetensors file with the reference implementation.

Loads FILE with safetensors.numpy.load_file, prints its metadata and every tensor's name, shape
and dtype, and compares them with the expectations, if given: a JSON object mapping each name to
its shape ([2, 3]) or to {"shape": [2, 3], "dtype": "F32"}, passed inline or as a path to a
.json file. Exits 0 when everything matches, 1 on any mismatch (each one printed), 2 on bad usage.

  python3 scripts/check_safetensors.py model.safetensors --expect '{"weight": [4, 5], "bias": [4]}'
  python3 scripts/check_safetensors.py model.safetensors --expect shapes.json --dtype F32
"""
import argparse
import json
import os
import sys

from safetensors import safe_open
from safetensors.numpy import load_file

DTYPE_NAMES = {"float32": "F32", "float64": "F64", "float16": "F16", "bfloat16": "BF16",
               "int64": "I64", "int32": "I32", "int16": "I16", "int8": "I8", "uint8": "U8",
               "bool": "BOOL"}


def expectations(text):
    """The --expect argument as {name: {"shape": [...], "dtype": str or None}}."""
    if os.path.isfile(text):
        with open(text) as handle:
            raw = json.load(handle)
    else:
        raw = json.loads(text)
    if not isinstance(raw, dict):
        raise ValueError("expectations must be a JSON object of name -> shape")
    result = {}
    for name, value in raw.items():
        spec = value if isinstance(value, dict) else {"shape": value}
        result[name] = {"shape": list(spec["shape"]), "dtype": spec.get("dtype")}
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", help="the .safetensors file")
    parser.add_argument("--expect", help="JSON (or a .json file) of name -> shape or {shape, dtype}")
    parser.add_argument("--dtype", help="dtype every tensor must have, e.g. F32")
    args = parser.parse_args()
    try:
        expected = expectations(args.expect) if args.expect else None
    except (ValueError, KeyError, TypeError) as error:
        parser.error(f"--expect: {error}")

    tensors = load_file(args.file)
    with safe_open(args.file, framework="numpy") as handle:
        metadata = handle.metadata() or {}
    print(f"{args.file}: {len(tensors)} tensors")
    for key in sorted(metadata):
        print(f"  metadata {key} = {metadata[key]!r}")
    for name, array in tensors.items():
        print(f"  {name:<40} {str(list(array.shape)):<16} {DTYPE_NAMES.get(str(array.dtype), str(array.dtype))}")

    problems = []
    for name, array in tensors.items():
        dtype = DTYPE_NAMES.get(str(array.dtype), str(array.dtype))
        if args.dtype and dtype != args.dtype:
            problems.append(f"{name}: dtype {dtype}, expected {args.dtype}")
    if expected is not None:
        for name, spec in expected.items():
            if name not in tensors:
                problems.append(f"{name}: missing")
                continue
            shape = list(tensors[name].shape)
            dtype = DTYPE_NAMES.get(str(tensors[name].dtype), str(tensors[name].dtype))
            if shape != spec["shape"]:
                problems.append(f"{name}: shape {shape}, expected {spec['shape']}")
            if spec["dtype"] and dtype != spec["dtype"]:
                problems.append(f"{name}: dtype {dtype}, expected {spec['dtype']}")
        problems += [f"{name}: unexpected" for name in tensors if name not in expected]
    for problem in problems:
        print(f"MISMATCH {problem}")
    print("OK" if not problems else f"FAILED: {len(problems)} mismatch(es)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
