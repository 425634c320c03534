#!/usr/bin/env bash
# The PyTorch side of the README's accuracy results, to set beside scripts/accuracy.sh:
#   - MlpSmall, 3 epochs, seeds 0-9, with the shared reference (../shared/bench/torch_reference.py);
#   - MlpRegularized's recipe, seeds 0-2, with PyTorch's initializers and with nnc's
#     (scripts/reference/mlp_regularized.py; the shared reference has no such model).
#
#   scripts/reference/accuracy.sh                  # both
#   scripts/reference/accuracy.sh mlp_small        # one of them
#
# Needs Debian's PyTorch: apt-get install -y python3-torch libopenblas0-openmp. MNIST from
# ../shared/mnist (or $NNC_DATA). Prints a line per run and the median of each row.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
shared="$here/../../../shared"
data="${NNC_DATA:-$shared/mnist}"
python=/usr/bin/python3
# Debian's torch with OpenBLAS' OpenMP build: ~10x faster than its default reference BLAS.
export LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-openmp${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}

"$python" -c 'import torch' 2>/dev/null || { echo "PyTorch is not installed: apt-get install -y python3-torch libopenblas0-openmp" >&2; exit 2; }

# The last line of each script is `RESULT {json}`; its final_test_acc, in percent.
accuracy() { sed -n 's/^RESULT //p' | "$python" -c 'import json, sys; print("%.2f" % (100 * json.load(sys.stdin)["final_test_acc"]))'; }
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

row() {
  local label=$1; shift
  local accs=()
  for seed in "$@"; do accs+=("$(run "$seed")"); done
  printf '%-32s %s   median %s\n' "$label" "${accs[*]}" "$(median "${accs[@]}")"
}

parts=("$@")
[ ${#parts[@]} -gt 0 ] || parts=(mlp_small mlp_regularized)
for part in "${parts[@]}"; do
  case $part in
    mlp_small)
      run() { "$python" "$shared/bench/torch_reference.py" --model mlp-small --epochs 3 --seed "$1" --threads 2 --data "$data" | accuracy; }
      row "MlpSmall, 3 epochs, seeds 0-9" 0 1 2 3 4 5 6 7 8 9 ;;
    mlp_regularized)
      for init in torch nnc; do
        run() { "$python" "$here/mlp_regularized.py" --init "$init" --seed "$1" --threads 2 --data "$data" | accuracy; }
        row "MlpRegularized, $init init, seeds 0-2" 0 1 2
      done ;;
    *) echo "no part $part: give mlp_small or mlp_regularized" >&2; exit 2 ;;
  esac
done
