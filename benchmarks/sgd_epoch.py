"""Speed of one SGD epoch: ``nnmath.sgd`` against the textbook per-example loop.

One epoch = 50,000 MNIST training images through a 784-16-16-10 sigmoid network,
quadratic cost, eta 1.5 (Nielsen's 3.0: his code back-propagates a - y, ours 2 (a - y)).

Measured in the same process, interleaved, median of ``--repeats`` runs, at batch 10
and batch 100, as wall-clock and as CPU time of the process (the machine may be shared:
CPU time moves less when other processes compete for the cores):

- ``reference``: Nielsen's ``network.py`` way, written out below: for each example,
  backprop with ``(n, 1)`` column vectors, sum the nablas, then update (float64);
  every ratio is this row's time over the row's time, in the same run;
- ``sgd float32`` / ``sgd float64``: ``nnmath.sgd`` (the epoch timed is the second of a
  two-epoch run, so the one-off setup, converting and copying the data, is left out;
  the setup is printed on its own);
- ``floor matmul``: only the matrix products of the forward and backward passes
  (3 + 3 + 2 per mini-batch, ``np.matmul`` into preallocated arrays, one BLAS thread as in
  ``sgd``, mini-batches cut in order, so no shuffle): the floor the issue quotes;
- ``floor dot``: the same products through ``np.dot``, which ``sgd`` uses (its fixed cost
  on small matrices is about half of ``np.matmul``'s);
- ``N calls/step``: as many small elementwise numpy calls as the trainer makes besides
  its products, on arrays of the mini-batch's size: the per-call overhead that stands
  between the floor and ``sgd`` at batch 10.

The script runs itself twice, once with the BLAS thread count left alone and once with
``OPENBLAS_NUM_THREADS=1`` (it must be set before numpy is imported, hence the child
processes). Before timing, it checks that ``nnmath.sgd`` in float64 and the reference give
the same weights.

Usage::

    .venv/bin/python benchmarks/sgd_epoch.py [--repeats 3] [--threads both|default|1]
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SIZES = (784, 16, 16, 10)
ETA = 1.5
BATCHES = (10, 100)


# --------------------------------------------------------------------------- the reference

def reference_sigmoid(z: Any) -> Any:
    """Nielsen's ``sigmoid``."""
    import numpy as np

    return 1.0 / (1.0 + np.exp(-z))


def reference_sigmoid_prime(z: Any) -> Any:
    """Nielsen's ``sigmoid_prime`` (it evaluates the sigmoid twice, as his does)."""
    return reference_sigmoid(z) * (1 - reference_sigmoid(z))


def reference_backprop(weights: list[Any], biases: list[Any], x: Any, y: Any) -> tuple[list[Any], list[Any]]:
    """Nielsen's ``Network.backprop`` for one example, column vectors; cost sum (a - y)^2."""
    import numpy as np

    nabla_b = [np.zeros(b.shape) for b in biases]
    nabla_w = [np.zeros(w.shape) for w in weights]
    activation = x
    activations = [x]
    zs = []
    for b, w in zip(biases, weights):
        z = np.dot(w, activation) + b
        zs.append(z)
        activation = reference_sigmoid(z)
        activations.append(activation)
    delta = 2.0 * (activations[-1] - y) * reference_sigmoid_prime(zs[-1])  # his cost_derivative, times 2
    nabla_b[-1] = delta
    nabla_w[-1] = np.dot(delta, activations[-2].transpose())
    for layer in range(2, len(weights) + 1):
        z = zs[-layer]
        sp = reference_sigmoid_prime(z)
        delta = np.dot(weights[-layer + 1].transpose(), delta) * sp
        nabla_b[-layer] = delta
        nabla_w[-layer] = np.dot(delta, activations[-layer - 1].transpose())
    return nabla_b, nabla_w


def reference_epoch(
    weights: list[Any], biases: list[Any], training_data: list[tuple[Any, Any]],
    batch_size: int, eta: float, order: Any,
) -> tuple[list[Any], list[Any]]:
    """Nielsen's ``Network.SGD`` for one epoch, visiting ``training_data`` in ``order``."""
    import numpy as np

    n = len(training_data)
    for k in range(0, n, batch_size):
        mini_batch = [training_data[j] for j in order[k : k + batch_size]]
        nabla_b = [np.zeros(b.shape) for b in biases]
        nabla_w = [np.zeros(w.shape) for w in weights]
        for x, y in mini_batch:
            delta_nabla_b, delta_nabla_w = reference_backprop(weights, biases, x, y)
            nabla_b = [nb + dnb for nb, dnb in zip(nabla_b, delta_nabla_b)]
            nabla_w = [nw + dnw for nw, dnw in zip(nabla_w, delta_nabla_w)]
        weights = [w - (eta / len(mini_batch)) * nw for w, nw in zip(weights, nabla_w)]
        biases = [b - (eta / len(mini_batch)) * nb for b, nb in zip(biases, nabla_b)]
    return weights, biases


# --------------------------------------------------------------------------- the floor

def matmul_floor_epoch(weights: list[Any], images: Any, batch_size: int, dtype: Any,
                       product: str = "matmul") -> tuple[float, float]:
    """(wall, CPU) seconds for only the products of one epoch's forward and backward passes."""
    import numpy as np

    from nnmath.sgd import one_blas_thread

    ws = [w.astype(dtype) for w in weights]
    x = images.astype(dtype)
    m = batch_size
    acts = [np.empty((m, w.shape[0]), dtype) for w in ws]
    deltas = [np.ones((m, w.shape[0]), dtype) for w in ws]
    dcda = [np.empty((m, w.shape[1]), dtype) for w in ws]
    grads = [np.empty_like(w) for w in ws]
    batches = [x[k : k + m] for k in range(0, len(x) - m + 1, m)]
    n_layers = len(ws)
    mul = getattr(np, product)
    with one_blas_thread():  # as sgd runs its products
        return _clocked(lambda: _floor_loop(mul, ws, batches, acts, deltas, dcda, grads, n_layers))


def _floor_loop(mul: Any, ws: list[Any], batches: list[Any], acts: list[Any], deltas: list[Any],
                dcda: list[Any], grads: list[Any], n_layers: int) -> None:
    for xb in batches:
        a = xb
        for i in range(n_layers):
            mul(a, ws[i].T, out=acts[i])
            a = acts[i]
        for i in range(n_layers - 1, -1, -1):
            mul(deltas[i].T, xb if i == 0 else acts[i - 1], out=grads[i])
            if i > 0:
                mul(deltas[i], ws[i], out=dcda[i])


def _clocked(run: Any) -> tuple[float, float]:
    """(wall, CPU) seconds of ``run()``."""
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - wall, time.process_time() - cpu


LAYERS = len(SIZES) - 1
#: Elementwise calls of one step of ``sgd``'s trainer for an all-sigmoid network of L layers,
#: quadratic cost, no L2, MNIST bytes: 3 per sigmoid forward, 5 for the output delta, 1 to
#: rescale the first layer's delta, 3 per hidden sigmoid' and 1 update per layer.
CALLS = 3 * LAYERS + 5 + 1 + 3 * (LAYERS - 1) + LAYERS


def elementwise_calls_epoch(batch_size: int, n: int, dtype: Any) -> tuple[float, float]:
    """(wall, CPU) seconds for ``CALLS`` small numpy calls per step of one epoch.

    Timing that many calls on ``(batch_size, 16)`` arrays shows how much of an epoch is
    per-call overhead (besides the products and the gathering of the shuffled rows).
    """
    import numpy as np

    a = np.full((batch_size, 16), 0.5, dtype)
    b = np.full((batch_size, 16), 0.25, dtype)

    def run() -> None:
        for _ in range(0, n, batch_size):
            for _ in range(CALLS):
                np.multiply(a, b, out=b)
    return _clocked(run)


# --------------------------------------------------------------------------- one process

def machine() -> dict[str, Any]:
    import numpy as np

    blas: Any = {}
    try:
        config = np.show_config(mode="dicts")
        blas = config["Build Dependencies"]["blas"]
    except Exception:  # show_config's layout changes between numpy versions
        pass
    cpu = platform.processor()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "platform": platform.platform(),
        "python": platform.python_version(),
        "cpu": cpu,
        "cpu_count": os.cpu_count(),
        "numpy": np.__version__,
        "blas": f"{blas.get('name', '?')} {blas.get('version', '')} "
                f"({blas.get('openblas configuration', '')})".strip(),
        "OPENBLAS_NUM_THREADS": os.environ.get("OPENBLAS_NUM_THREADS", "(unset)"),
        "threadpoolctl": importlib.util.find_spec("threadpoolctl") is not None,
        "OPENBLAS_CORETYPE": os.environ.get("OPENBLAS_CORETYPE", "(unset)"),
    }


def load_data() -> tuple[Any, Any, str]:
    import numpy as np

    try:
        from nnmath.mnist import MnistError, load_mnist
        try:
            train = load_mnist().train
            return train.images, train.labels, "MNIST train (50,000 images)"
        except MnistError as error:
            reason = str(error).splitlines()[0]
    except ImportError as error:
        reason = str(error)
    rng = np.random.default_rng(0)
    images = np.floor(rng.random((50_000, 784)) * 256) / 256
    return images, rng.integers(0, 10, 50_000), f"synthetic uniform images (MNIST unavailable: {reason})"


def check_against_reference(images: Any, labels: Any) -> float:
    """Max |difference| of the weights after one epoch on 2,000 images, sgd float64 vs reference."""
    import numpy as np

    import nnmath

    n = 2000
    x, y = images[:n], labels[:n]
    net = nnmath.Network.random(SIZES, seed=1)
    history = nnmath.sgd(net, (x, y), 1, 10, ETA, seed=7, dtype=np.float64)
    order = np.random.default_rng(7).permutation(n)  # the order sgd draws for seed 7
    data = [(xi.reshape(-1, 1), np.eye(10)[yi].reshape(-1, 1)) for xi, yi in zip(x, y)]
    ws, bs = reference_epoch(net.weights, [b.reshape(-1, 1) for b in net.biases], data, 10, ETA, order)
    ref = nnmath.Network(ws, [b.ravel() for b in bs])
    return float(np.max(np.abs(history.network.flat() - ref.flat())))


def median(values: list[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def measure(repeats: int) -> dict[str, Any]:
    import numpy as np

    import nnmath

    images, labels, source = load_data()
    difference = check_against_reference(images, labels)
    if difference > 1e-9:
        raise SystemExit(f"sgd float64 and the reference disagree by {difference:g}; not timing a wrong answer")
    net = nnmath.Network.random(SIZES, seed=0)
    data = [(xi.reshape(-1, 1), np.eye(10)[yi].reshape(-1, 1)) for xi, yi in zip(images, labels)]
    biases = [b.reshape(-1, 1) for b in net.biases]
    rows: dict[str, dict[str, list[float]]] = {}

    def timed_sgd(batch: int, dtype: Any) -> tuple[tuple[float, float], tuple[float, float]]:
        """(wall, CPU) of the second epoch, and of the setup plus the first."""
        stamps: list[tuple[float, float]] = []

        def now() -> tuple[float, float]:
            return time.perf_counter(), time.process_time()
        start = now()
        nnmath.sgd(net, (images, labels), 2, batch, ETA, seed=0, dtype=dtype,
                   on_epoch=lambda record: stamps.append(now()))
        (w1, c1), (w2, c2) = stamps
        return (w2 - w1, c2 - c1), (w1 - start[0], c1 - start[1])

    calls = f"{CALLS} calls/step f32"
    for batch in BATCHES:
        times: dict[str, list[tuple[float, float]]] = {k: [] for k in (
            "reference", "sgd float64", "sgd float32", "floor matmul float64", "floor matmul float32",
            "floor dot float32", calls, "setup+epoch 1 float32")}
        for r in range(repeats):
            order = np.random.default_rng(r).permutation(len(data))
            times["reference"].append(_clocked(lambda: reference_epoch(net.weights, biases, data, batch, ETA, order)))
            times["sgd float64"].append(timed_sgd(batch, np.float64)[0])
            epoch, first = timed_sgd(batch, np.float32)
            times["sgd float32"].append(epoch)
            times["setup+epoch 1 float32"].append(first)
            times["floor matmul float64"].append(matmul_floor_epoch(net.weights, images, batch, np.float64))
            times["floor matmul float32"].append(matmul_floor_epoch(net.weights, images, batch, np.float32))
            times["floor dot float32"].append(matmul_floor_epoch(net.weights, images, batch, np.float32, "dot"))
            times[calls].append(elementwise_calls_epoch(batch, len(images), np.float32))
        rows[str(batch)] = times
    return {"machine": machine(), "data": source, "check": difference, "repeats": repeats,
            "times": rows, "loadavg": os.getloadavg()}


# --------------------------------------------------------------------------- the report

def report(results: list[dict[str, Any]], command: str) -> str:
    lines = [f"command: {command}"]
    first = results[0]
    m = first["machine"]
    lines += [
        f"machine: {m['platform']}, Python {m['python']}, {m['cpu']}, {m['cpu_count']} CPUs",
        f"numpy {m['numpy']}, BLAS {m['blas']}, OPENBLAS_CORETYPE={m['OPENBLAS_CORETYPE']}",
        "sgd and the floor run BLAS on one thread (nnmath.sgd.one_blas_thread): "
        + ("threadpoolctl present" if m["threadpoolctl"] else
           "threadpoolctl MISSING, so only the OPENBLAS_NUM_THREADS=1 run is single-threaded"),
        f"data: {first['data']}; network 784-16-16-10 sigmoid, quadratic cost, eta {ETA}",
        f"check: sgd float64 vs reference after one epoch on 2,000 images: max |dw| = {first['check']:.1e}",
        "",
    ]
    for result in results:
        threads = result["machine"]["OPENBLAS_NUM_THREADS"]
        load = ", ".join(f"{v:.2f}" for v in result["loadavg"])
        lines.append(f"OPENBLAS_NUM_THREADS={threads}: median of {result['repeats']} repeats "
                     f"(load average at the end {load})")
        width = 34
        lines.append(f"  {'':22s}" + "".join(f"{'batch ' + b:>{width}s}" for b in result["times"]))
        lines.append(f"  {'':22s}" + "".join(f"{'wall s   ratio    CPU s   ratio':>{width}s}"
                                             for _ in result["times"]))
        names = list(next(iter(result["times"].values())))
        for name in names:
            cells = []
            for times in result["times"].values():
                wall, cpu = (median([t[i] for t in times[name]]) for i in (0, 1))
                ref_wall, ref_cpu = (median([t[i] for t in times["reference"]]) for i in (0, 1))
                cells.append(f"{wall:8.3f} {ref_wall / wall:6.1f}x {cpu:8.3f} {ref_cpu / cpu:6.1f}x")
            lines.append(f"  {name:22s}" + "".join(f"{c:>{width}s}" for c in cells))
        lines.append("")
    lines.append("s = seconds per epoch, median; ratio = reference s / row s, in the same process "
                 "(wall with wall, CPU with CPU).")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=3, help="timed runs per row (median reported)")
    parser.add_argument("--threads", choices=("both", "default", "1"), default="both",
                        help="BLAS threads: as configured, one, or both in turn (default)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.repeats < 1:
        parser.error("--repeats must be at least 1")
    if args.child:
        sys.path.insert(0, str(ROOT))
        print(json.dumps(measure(args.repeats)))
        return 0
    results = []
    for threads in (("default", "1") if args.threads == "both" else (args.threads,)):
        env = dict(os.environ)
        if threads == "1":
            env["OPENBLAS_NUM_THREADS"] = "1"  # read by OpenBLAS when numpy is imported
        done = subprocess.run(
            [sys.executable, __file__, "--child", "--repeats", str(args.repeats)],
            env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            print(done.stderr, file=sys.stderr)
            return done.returncode
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    command = " ".join([Path(sys.executable).name, *sys.argv])
    print(report(results, command))
    return 0


if __name__ == "__main__":
    sys.exit(main())
