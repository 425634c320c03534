#!/usr/bin/python3
"""Replays in PyTorch a training run recorded by Trajectory.java and compares the two.

usage: torch_trajectory.py MODEL PREFIX [--data DIR] [--dtype float64|float32] [--threshold T]

MODEL is one of the sample models (mlp_small, mlp, mlp_regularized, cnn), PREFIX the --out of
Trajectory.java. The run starts from nnc's initial parameters, takes the same batches in the
same order (and, for mlp_regularized, the same dropout masks: nnc's are replayed rather than
dropout removed, so nnc's dropout is checked too), and writes PREFIX.torch.loss.txt and
PREFIX.torch.final.f64. It then prints how far the two runs are apart, and exits 1 if the
relative difference of the loss at some step exceeds T (default 1e-9).
"""
import argparse
import gzip
import json
import struct
import sys
from pathlib import Path

import numpy as np
import torch
import torch.nn as nn


class MaskReplay:
    """nnc's dropout masks, in the order its layers drew them (Trajectory.java's .masks.u8)."""

    def __init__(self, path):
        self.kept = np.fromfile(path, dtype=np.uint8) if path.exists() else np.empty(0, np.uint8)
        self.used = 0

    def take(self, count):
        if self.used + count > self.kept.size:
            sys.exit("the masks recorded by Trajectory.java ran out: do the models' dropout layers agree?")
        mask = self.kept[self.used:self.used + count]
        self.used += count
        return mask


class ReplayedDropout(nn.Module):
    """Dropout that keeps the units nnc kept, scaled by 1/(1 − rate) as nnc and nn.Dropout do."""

    def __init__(self, rate, masks):
        super().__init__()
        self.scale, self.masks = 1 / (1 - rate), masks

    def forward(self, x):
        if not self.training:
            return x
        # Where nnc recorded 0 because the input was already 0, dropping changes nothing.
        kept = torch.from_numpy(self.masks.take(x.numel()).reshape(x.shape))
        return x * (kept.to(x.dtype) * self.scale)


def mlp(sizes, dropout=None, masks=None):
    """Dense layers with ReLU between them, and dropout after each ReLU if a rate is given."""
    layers = [nn.Flatten()]
    for i, (n_in, n_out) in enumerate(zip(sizes, sizes[1:])):
        layers.append(nn.Linear(n_in, n_out))
        if i < len(sizes) - 2:
            layers.append(nn.ReLU())
            if dropout:
                layers.append(ReplayedDropout(dropout, masks))
    return nn.Sequential(*layers)


def cnn():
    def conv(n_in, n_out):
        return [nn.Conv2d(n_in, n_out, 3, padding=1), nn.ReLU()]
    return nn.Sequential(*conv(1, 16), nn.MaxPool2d(2), *conv(16, 32), nn.MaxPool2d(2), *conv(32, 64),
                         nn.Flatten(), nn.Linear(7 * 7 * 64, 128), nn.ReLU(), nn.Linear(128, 10))


def adam(**settings):
    return lambda params: torch.optim.Adam(params, lr=1e-3, **settings)


# The sample models of models/*.nn: network and optimizer. mlp_regularized's softmax output
# with cross_entropy is the same loss as logits with CrossEntropyLoss, which nnc fuses it to.
MODELS = {
    "mlp_small": (lambda masks: mlp([784, 16, 16, 10]),
                  lambda params: torch.optim.SGD(params, lr=0.02, momentum=0.9)),
    "mlp": (lambda masks: mlp([784, 128, 64, 10]), adam()),
    "mlp_regularized": (lambda masks: mlp([784, 256, 128, 10], dropout=0.2, masks=masks),
                        adam(weight_decay=1e-4)),
    "cnn": (lambda masks: cnn(), adam()),
}


def read_idx(path):
    data = gzip.open(path, "rb").read()
    ndim = data[3]
    dims = struct.unpack(f">{ndim}I", data[4:4 + 4 * ndim])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def images(path, mean, std, dtype):
    # In float64 first, as Trajectory.java computes them, so the inputs are the same numbers.
    x = (read_idx(path) / 255.0 - mean) / std
    return torch.from_numpy(x.reshape(-1, 1, 28, 28)).to(dtype)


def load_params(model, flat, layout):
    """nnc's flat parameters, per layer the weight ([out][in], conv [out][in][kh][kw]) then
    the bias: the order and layouts of PyTorch's own parameters()."""
    params = list(model.parameters())
    assert [list(p.shape) for p in params] == [entry["shape"] for entry in layout], \
        "the PyTorch model's parameters do not have the shapes of nnc's"
    offset = 0
    with torch.no_grad():
        for p in params:
            p.copy_(torch.from_numpy(flat[offset:offset + p.numel()].reshape(p.shape)))
            offset += p.numel()
    assert offset == flat.size


def train(model, optimizer, x, y, order, batch, train_count):
    """One step per batch of each epoch's order; returns [(n, loss)]."""
    loss_fn, losses = nn.CrossEntropyLoss(), []
    model.train()
    for epoch in order.reshape(-1, train_count):
        for start in range(0, train_count, batch):
            idx = torch.from_numpy(epoch[start:start + batch].astype(np.int64))
            optimizer.zero_grad()
            loss = loss_fn(model(x[idx]), y[idx])
            loss.backward()
            optimizer.step()
            losses.append((len(idx), loss.item()))
    return losses


def compare(run, prefix, losses, final, correct, threshold):
    """Prints the differences between the two runs; returns whether they agree within threshold."""
    nnc = np.loadtxt(f"{prefix}.loss.txt", ndmin=2)
    assert len(nnc) == len(losses) and (nnc[:, 1] == [n for n, _ in losses]).all(), "the runs took different batches"
    torch_loss = np.array([loss for _, loss in losses])
    rel = np.abs(nnc[:, 2] - torch_loss) / np.abs(torch_loss)
    nnc_final = np.fromfile(f"{prefix}.final.f64", dtype="<f8")
    tests = run["test_count"]
    rows = [
        ("steps", f"{len(rel)}"),
        ("max rel. loss difference, steps 1-100", f"{rel[:100].max():.2e}"),
        ("max rel. loss difference, all steps", f"{rel.max():.2e} (step {rel.argmax() + 1})"),
        ("final max |parameter difference|", f"{np.abs(nnc_final - final).max():.2e}"
                                             f" (largest |parameter| {np.abs(final).max():.2f})"),
        ("final loss, nnc / PyTorch", f"{nnc[-1, 2]:.6f} / {torch_loss[-1]:.6f}"),
        (f"test accuracy, nnc / PyTorch ({tests} images)",
         f"{100 * run['test_correct'] / tests:.2f}% / {100 * correct / tests:.2f}%"),
    ]
    for name, value in rows:
        print(f"  {name:<46} {value}")
    ok = rel.max() <= threshold
    print(f"  {'PASS' if ok else 'FAIL'}: max rel. loss difference {rel.max():.2e} "
          f"{'<=' if ok else '>'} threshold {threshold:g}")
    return ok


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("model", choices=MODELS)
    parser.add_argument("prefix", help="the --out of Trajectory.java")
    parser.add_argument("--data", default="../shared/mnist", help="the MNIST .gz files")
    parser.add_argument("--dtype", choices=["float64", "float32"], default="float64")
    parser.add_argument("--threshold", type=float, default=1e-9)
    args = parser.parse_args()
    dtype, prefix, data = getattr(torch, args.dtype), args.prefix, Path(args.data)

    run = json.loads(Path(f"{prefix}.json").read_text())
    masks = MaskReplay(Path(f"{prefix}.masks.u8"))
    build, optimizer = MODELS[args.model]
    model = build(masks).to(dtype)
    load_params(model, np.fromfile(f"{prefix}.init.f64", dtype="<f8"), run["params"])

    mean, std = run["normalize"]
    x = images(data / "train-images-idx3-ubyte.gz", mean, std, dtype)
    y = torch.from_numpy(read_idx(data / "train-labels-idx1-ubyte.gz").astype(np.int64))
    order = np.fromfile(f"{prefix}.order.i32", dtype="<i4")
    losses = train(model, optimizer(model.parameters()), x, y, order, run["batch"], run["train_count"])
    assert masks.used == masks.kept.size, "masks left over: the models' dropout layers differ"

    final = torch.cat([p.detach().flatten() for p in model.parameters()]).to(torch.float64).numpy()
    final.astype("<f8").tofile(f"{prefix}.torch.final.f64")
    with open(f"{prefix}.torch.loss.txt", "w") as out:
        out.writelines(f"{step} {n} {loss!r}\n" for step, (n, loss) in enumerate(losses))

    model.eval()
    test_x = images(data / "t10k-images-idx3-ubyte.gz", mean, std, dtype)[:run["test_count"]]
    test_y = torch.from_numpy(read_idx(data / "t10k-labels-idx1-ubyte.gz").astype(np.int64))[:run["test_count"]]
    with torch.no_grad():
        correct = sum((model(xb).argmax(1) == yb).sum().item()
                      for xb, yb in zip(test_x.split(1000), test_y.split(1000)))

    print(f"{args.model}, nnc (double) against PyTorch ({args.dtype}):")
    sys.exit(0 if compare(run, prefix, losses, final, correct, args.threshold) else 1)


if __name__ == "__main__":
    torch.set_num_threads(1)  # one thread, as the Java side: the machine is shared
    main()
