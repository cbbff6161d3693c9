#!/usr/bin/env bash
# Installs the Debian packages Tsunami's build and tests use, where they are missing, and builds the
# podman bot-runtime image once (from Debian packages: no registry is needed). Idempotent: a second
# run checks and returns in about a second.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
need=()
command -v mvn >/dev/null || need+=(maven)
command -v bwrap >/dev/null || need+=(bubblewrap)
# podman (~36 MB, ~10 s) with runc: the container runtime that works here (see DESIGN.md).
command -v podman >/dev/null || need+=(podman)
command -v runc >/dev/null || need+=(runc)
command -v mmdebstrap >/dev/null || need+=(mmdebstrap)
# headless Chromium for the dashboard's browser test (DashboardBrowserTest skips, saying so, without it)
command -v chromium >/dev/null || need+=(chromium)
# a one-machine Slurm cluster for the cluster driver's tests (SlurmCluster starts its own daemons)
command -v slurmctld >/dev/null && command -v sbatch >/dev/null || need+=(slurm-wlm)
command -v munged >/dev/null || need+=(munge)
if ((${#need[@]})); then
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${need[@]}"
fi
IMAGE="localhost/tsunami/bot-runtime:latest"
if ! $SUDO podman --cgroup-manager=cgroupfs --events-backend=file image exists "$IMAGE"; then
  $SUDO "$ROOT/containers/build-podman-image.sh" "$IMAGE"
fi
