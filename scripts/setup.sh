#!/usr/bin/env bash
# setup.sh -- installs the Debian packages dyad needs to build and test, if missing.
# Safe to run again: it only installs what is not there yet.
set -euo pipefail
need=(build-essential pkg-config libjansson-dev libutf8proc-dev libcmocka-dev
      libexpat1-dev python3)
[ "${DYAD_SETUP_TEST:-0}" = 1 ] && need+=(clang valgrind)
missing=()
for p in "${need[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
