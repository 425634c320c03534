#!/usr/bin/python3
"""MlpRegularized's recipe in PyTorch, for the README's comparison (the shared reference has no such model).

models/mlp_regularized.nn: 784-256-128-10 with ReLU, dropout 0.2 after each hidden layer, Adam
(lr 1e-3, weight decay 1e-4 added to the gradient, as torch.optim.Adam and nnc's adam do), batch 128,
pixels mapped to (x/255 - 0.5)/0.5, 10% of the training set held out (a seeded random choice, as nnc
makes), at most 20 epochs with early stopping on the validation loss (patience 3) and the best
weights restored; then the test accuracy.

--init torch keeps PyTorch's own initializers (uniform ±1/sqrt(fan_in) for weights and biases);
--init nnc uses the model's: He (normal, std sqrt(2/fan_in)) for h1 and h2, Xavier (uniform,
limit sqrt(6/(fan_in+fan_out))) for out, biases at zero.

Prints one line per epoch and, last, `RESULT` and a JSON object (as torch_reference.py does). Setup and speed: see ../shared/bench/torch_reference.py.
"""
import argparse
import json
import math
import os
import sys

import torch
import torch.nn as nn

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "bench"))
from torch_reference import load  # noqa: E402  (the shared reader of the IDX files)


def build(init):
    model = nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Dropout(0.2),
                          nn.Linear(256, 128), nn.ReLU(), nn.Dropout(0.2), nn.Linear(128, 10))
    if init == "nnc":
        with torch.no_grad():
            for layer, kind in ((model[1], "he"), (model[4], "he"), (model[7], "xavier")):
                fan_out, fan_in = layer.weight.shape
                if kind == "he":
                    layer.weight.normal_(0.0, math.sqrt(2.0 / fan_in))
                else:
                    limit = math.sqrt(6.0 / (fan_in + fan_out))
                    layer.weight.uniform_(-limit, limit)
                layer.bias.zero_()
    return model


@torch.no_grad()
def mean_loss_and_accuracy(model, x, y, batch=1000):
    model.eval()
    loss, correct = 0.0, 0
    for i in range(0, x.shape[0], batch):
        out = model(x[i:i + batch])
        loss += nn.functional.cross_entropy(out, y[i:i + batch], reduction="sum").item()
        correct += (out.argmax(1) == y[i:i + batch]).sum().item()
    model.train()
    return loss / x.shape[0], correct / x.shape[0]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--init", choices=["torch", "nnc"], default="torch")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--data", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "mnist"))
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    gen = torch.Generator().manual_seed(args.seed)

    x, y = load(args.data, "train", "pm1")
    xte, yte = load(args.data, "t10k", "pm1")
    perm = torch.randperm(x.shape[0], generator=gen)
    held = round(0.1 * x.shape[0])
    xval, yval = x[perm[:held]], y[perm[:held]]
    xtr, ytr = x[perm[held:]], y[perm[held:]]

    model = build(args.init)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, weight_decay=1e-4)
    best, best_state, waited = math.inf, None, 0
    for epoch in range(1, 21):
        order = torch.randperm(xtr.shape[0], generator=gen)
        for i in range(0, xtr.shape[0], 128):
            idx = order[i:i + 128]
            opt.zero_grad(set_to_none=True)
            nn.functional.cross_entropy(model(xtr[idx]), ytr[idx]).backward()
            opt.step()
        val_loss, val_acc = mean_loss_and_accuracy(model, xval, yval)
        print(f"epoch {epoch}: val loss {val_loss:.4f}  val acc {val_acc * 100:.2f}%", flush=True)
        if val_loss < best:
            best, waited = val_loss, 0
            best_state = {k: v.clone() for k, v in model.state_dict().items()}
        else:
            waited += 1
            if waited >= 3:
                break
    model.load_state_dict(best_state)
    _, test_acc = mean_loss_and_accuracy(model, xte, yte)
    print("RESULT " + json.dumps({"model": "mlp-regularized", "init": args.init, "seed": args.seed, "epochs_run": epoch,
                      "torch": torch.__version__, "final_test_acc": test_acc}))


if __name__ == "__main__":
    main()
