#!/usr/bin/env bash
# Makes the voice fixtures of tests/media/fixtures: Chinese speech synthesised offline by Debian's
# espeak-ng, encoded as WeChat sends voice (AMR-NB, 8 kHz mono) by sox with libopencore-amrnb
# (Debian's ffmpeg decodes AMR but cannot encode it). Needs: apt-get install espeak-ng sox libopencore-amrnb0.
# The committed files are what the tests read; run this only to remake them.
set -euo pipefail
cd "$(dirname "$0")/../tests/media/fixtures"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
make() {
  espeak-ng -v cmn -s 150 "$2" -w "$tmp/$1.wav"
  sox "$tmp/$1.wav" -r 8000 -c 1 -t amr-nb "$1.amr"
}
make streetlight "我家门口路灯坏了"
make description "三栋门口的路灯晚上不亮，已经好几天了，麻烦尽快派人来修一下，谢谢。"
ls -l ./*.amr
