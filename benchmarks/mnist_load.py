"""How long the first ``load_mnist()`` of a process takes, by cache route.

Each route runs in a fresh Python process (the first call of a process is what
scenes and training pay; the OS page cache is warm for both). Routes:

- ``pickle``: verify and unpickle ``mnist.pkl.gz``, then float64 (the baseline);
- ``npz``: verify and read ``mnist-uint8.npz``, then float64 (what ``load_mnist`` does);
- ``warm``: a second ``load_mnist()`` in the same process (the functools cache).

Run: ``.venv/bin/python benchmarks/mnist_load.py [--repeat N]``.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys

_ROUTE = """
import time
from nnmath import mnist
from nnmath.mnist import fetch
directory = mnist.mnist_data_dir()
fetch.raw_from_cache(directory)  # downloads if needed, writes the npz cache, warms the page cache
start = time.perf_counter()
if "{route}" == "pickle":
    mnist.read_mnist_pickle(directory / mnist.PICKLE_NAME)
elif "{route}" == "npz":
    raw = fetch.read_arrays(directory / mnist.ARRAYS_NAME)
    assert raw is not None, "the npz cache is missing or invalid"
    mnist.to_mnist(raw)
else:
    mnist.load_mnist()
    start = time.perf_counter()
    mnist.load_mnist()
print(time.perf_counter() - start)
"""


def time_route(route: str, repeat: int) -> list[float]:
    """Seconds for ``route`` in ``repeat`` fresh processes."""
    times = []
    for _ in range(repeat):
        out = subprocess.run([sys.executable, "-c", _ROUTE.format(route=route)],
                             capture_output=True, text=True, check=True).stdout
        times.append(float(out.strip()))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    medians = {route: statistics.median(time_route(route, args.repeat))
               for route in ("pickle", "npz", "warm")}
    base = medians["pickle"]
    for route, seconds in medians.items():
        print(f"{route:>6}: {seconds * 1e3:9.2f} ms  ({base / seconds:7.1f}x faster than pickle)")


if __name__ == "__main__":
    main()
