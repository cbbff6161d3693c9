#!/usr/bin/env bash
# Builds the bot-runtime image for podman from Debian packages alone (no image registry needed):
# mmdebstrap makes a minimal Debian rootfs with a headless JRE, `podman import` turns it into
# localhost/tsunami/bot-runtime. Where a registry is reachable, `podman build -f containers/Containerfile`
# makes the same image. Usage: containers/build-podman-image.sh [IMAGE]   (root; ~1 min, ~450 MB)
set -euo pipefail
IMAGE="${1:-localhost/tsunami/bot-runtime:latest}"
SUITE="${TSUNAMI_DEBIAN_SUITE:-bookworm}"
MIRROR="${TSUNAMI_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
PACKAGES="openjdk-17-jre-headless"
PODMAN=(podman --cgroup-manager=cgroupfs --events-backend=file)

if ! command -v mmdebstrap >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends mmdebstrap
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Man pages stay: openjdk's postinst registers alternatives with man-page links and fails without /usr/share/man/man1.
mmdebstrap --quiet --variant=minbase --include="$PACKAGES" \
  --aptopt='Apt::Install-Recommends "false"' \
  --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/locale/*' \
  "$SUITE" "$work/rootfs.tar" "$MIRROR" </dev/null
"${PODMAN[@]}" import --quiet \
  --change 'CMD ["/bin/sh"]' \
  --change 'ENV JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64' \
  --message "Tsunami bot runtime: Debian $SUITE minbase + $PACKAGES" \
  "$work/rootfs.tar" "$IMAGE" >/dev/null
echo "built $IMAGE"
