"""Reads TensorBoard event files back with TensorBoard's own code, for the Swift tests.

usage: read_scalars.py LOGDIR

For every event file under LOGDIR it first re-reads the TFRecord framing and checks both masked
CRC-32C values with TensorBoard's `masked_crc32c`, then loads the run folders with TensorBoard's
`EventAccumulator` and prints one line per scalar: `run<TAB>tag<TAB>step<TAB>value` (value with
`repr`, which round-trips a float exactly). Exit status 2 when a CRC does not match, 3 when the
`tensorboard` package is missing.
"""
import os
import struct
import sys

try:
    from tensorboard.backend.event_processing import event_accumulator
    from tensorboard.compat.tensorflow_stub.pywrap_tensorflow import masked_crc32c
except ImportError as error:  # the Swift test skips on this status
    print(f"missing python package: {error}", file=sys.stderr)
    sys.exit(3)


def check_framing(path):
    with open(path, "rb") as f:
        data = f.read()
    at, records = 0, 0
    while at < len(data):
        header = data[at:at + 8]
        (length,) = struct.unpack("<Q", header)
        (header_crc,) = struct.unpack("<I", data[at + 8:at + 12])
        if masked_crc32c(header) != header_crc:
            print(f"{path}: bad length CRC in record {records}", file=sys.stderr)
            sys.exit(2)
        body = data[at + 12:at + 12 + length]
        (body_crc,) = struct.unpack("<I", data[at + 12 + length:at + 16 + length])
        if masked_crc32c(body) != body_crc:
            print(f"{path}: bad data CRC in record {records}", file=sys.stderr)
            sys.exit(2)
        at += 16 + length
        records += 1
    return records


def main():
    root = sys.argv[1]
    runs = []
    for folder, _, files in sorted(os.walk(root)):
        events = sorted(f for f in files if "tfevents" in f)
        for name in events:
            check_framing(os.path.join(folder, name))
        if events:
            runs.append(folder)
    for folder in runs:
        acc = event_accumulator.EventAccumulator(folder, size_guidance={event_accumulator.SCALARS: 0})
        acc.Reload()
        run = os.path.relpath(folder, root)
        for tag in sorted(acc.Tags()["scalars"]):
            for event in acc.Scalars(tag):
                print(f"{run}\t{tag}\t{event.step}\t{event.value!r}")


if __name__ == "__main__":
    main()
