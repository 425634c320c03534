#!/usr/bin/env bash
# Trains a sample model with nnc's generated class (double precision) and replays the same run
# in PyTorch (float64), step by step; fails if the losses differ by more than a threshold.
#
#   scripts/parity/parity.sh MODEL [EPOCHS] [TRAIN_COUNT]
#   scripts/parity/parity.sh mlp_small            # 1 epoch of the 60,000 training images
#   scripts/parity/parity.sh cnn 1 5000           # the first 5,000 images only
#
# MODEL: mlp_small, mlp, mlp_regularized or cnn. Environment: NNC_DATA (MNIST's .gz files,
# default ../shared/mnist), PARITY_PYTHON (a python3 with torch and numpy, default
# /usr/bin/python3), PARITY_THRESHOLD (default 1e-9), PARITY_SEED (initial parameters and
# order, default 0), PARITY_TEST_COUNT (test images, default 10000), PARITY_KEEP=1 keeps
# the run's files.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)

usage="usage: $0 MODEL [EPOCHS] [TRAIN_COUNT]; MODEL is one of mlp_small, mlp, mlp_regularized, cnn
(the sample models torch_trajectory.py builds in PyTorch)"
model=${1:?$usage}
model=$(basename "$model" .nn) # models/mlp_small.nn names mlp_small too
case "$model" in
  mlp_small | mlp | mlp_regularized | cnn) ;;
  *) echo "no PyTorch replay of '$model': $usage" >&2; exit 2 ;;
esac
epochs=${2:-1}
train_count=${3:-60000}
for n in "$epochs" "$train_count"; do
  case "$n" in
    '' | *[!0-9]* | 0*) echo "EPOCHS and TRAIN_COUNT are whole numbers from 1 (got '$n'): $usage" >&2; exit 2 ;;
  esac
done
[ "$train_count" -le 60000 ] || { echo "MNIST has 60000 training images, not $train_count" >&2; exit 2; }
data=${NNC_DATA:-$root/../shared/mnist}
python=${PARITY_PYTHON:-/usr/bin/python3}
nn=$root/models/$model.nn
[ -f "$nn" ] || { echo "no model $nn" >&2; exit 2; }
[ -f "$data/train-images-idx3-ubyte.gz" ] || { echo "no MNIST in $data: set NNC_DATA" >&2; exit 2; }
data=$(cd "$data" && pwd)  # the programs below run elsewhere

work=$(mktemp -d "${TMPDIR:-/tmp}/nnc-parity.XXXXXX")
if [ -n "${PARITY_KEEP:-}" ]; then
  echo "files in $work"
else
  trap 'rm -rf "$work"' EXIT
fi

# The class, and Trajectory.java with it, need nothing of nnc but its API jar
# (./nnc builds it if the sources are newer).
"$root/nnc" compile "$nn" -d "$work/src" --package parity --precision double >/dev/null
api=$root/target/nnc-api.jar
generated=("$work"/src/parity/*.java)
javac -cp "$api" -d "$work/classes" "${generated[@]}" "$here/Trajectory.java"
class=$(basename "${generated[0]}" .java)

# The model's normalize: [mean, std], if it has one.
normalize=$(sed -n 's/^[^#]*normalize: *\[ *\([^], ]*\) *, *\([^] ]*\) *\].*/\1,\2/p' "$nn")

java -XX:+UseSerialGC -cp "$api:$work/classes" Trajectory --class "parity.$class" \
  --data "$data" --out "$work/run" --normalize "${normalize:-0,1}" --epochs "$epochs" \
  --train-count "$train_count" --test-count "${PARITY_TEST_COUNT:-10000}" --seed "${PARITY_SEED:-0}"

# Debian's python3-torch runs much faster on the OpenMP build of OpenBLAS.
openblas=/usr/lib/x86_64-linux-gnu/openblas-openmp
if [ -d "$openblas" ]; then export LD_LIBRARY_PATH=$openblas${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}; fi
OMP_NUM_THREADS=1 "$python" "$here/torch_trajectory.py" "$model" "$work/run" --data "$data" \
  --threshold "${PARITY_THRESHOLD:-1e-9}"
