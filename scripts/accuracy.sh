#!/usr/bin/env bash
# The accuracy results of the README: trains each sample model for the stated epochs with
# seeds 0, 1 and 2 and prints the test accuracy of each run and their median.
#
#   scripts/accuracy.sh                 # all four models (the Cnn takes a while)
#   scripts/accuracy.sh mlp_small mlp   # some of them
#   NNC_TRAIN_FLAGS=--vector scripts/accuracy.sh   # with the Vector API kernels
#
# Runs go to runs/accuracy/. MNIST comes from --data/$NNC_DATA/the cache as for `nnc train`
# (set NNC_DATA=../shared/mnist to use the shared copy).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# model  epochs  reference (PyTorch, median of seeds 0-2)  target
declare -A epochs=([mlp_small]=3 [mlp]=5 [cnn]=3 [mlp_regularized]=20)
declare -A target=([mlp_small]=93.6 [mlp]=95.8 [cnn]=98.1 [mlp_regularized]=97.8)
models=("$@")
[ ${#models[@]} -gt 0 ] || models=(mlp_small mlp mlp_regularized cnn)

./nnc check "${models[@]/#/models/}" >/dev/null 2>&1 || true  # builds nnc once, quietly
status=0
printf '%-16s %6s  %-26s %8s %8s\n' model epochs "test accuracy (seeds 0,1,2)" median target
for m in "${models[@]}"; do
  e=${epochs[$m]:?unknown model $m}
  accs=()
  for seed in 0 1 2; do
    # shellcheck disable=SC2086 # NNC_TRAIN_FLAGS is a list of flags
    line=$(./nnc train "models/$m.nn" --epochs "$e" --seed "$seed" --out runs/accuracy ${NNC_TRAIN_FLAGS:-} </dev/null 2>/dev/null | grep '^test accuracy')
    accs+=("$(sed -E 's/^test accuracy ([0-9.]+)%.*/\1/' <<<"$line")")
  done
  median=$(printf '%s\n' "${accs[@]}" | sort -n | sed -n 2p)
  ok=$(awk -v a="$median" -v t="${target[$m]}" 'BEGIN { print (a >= t) ? "ok" : "BELOW" }')
  [ "$ok" = ok ] || status=1
  printf '%-16s %6s  %-26s %7s%% %7s%%  %s\n' "$m" "$e" "${accs[*]}" "$median" "${target[$m]}" "$ok"
done
exit $status
