#!/usr/bin/env bash
# Installs the Debian packages Tsunami's build and tests use, where they are missing.
set -euo pipefail
need=()
command -v mvn >/dev/null || need+=(maven)
if ((${#need[@]})); then
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${need[@]}"
fi
