#!/usr/bin/env bash
# Vendor the graph explorer's JavaScript (api/static/vendor/) from the npm registry.
#
#   tools/vendor_js.sh          # fetch the pinned packages, copy their dist file + LICENSE
#   tools/vendor_js.sh --check  # exit 1 if the committed files differ from the pinned ones
#
# The page loads nothing from a CDN at run time: the minified file is committed with its
# licence, and this script is the build step that (re)produces it. `npm pack` downloads the
# package tarball only (no dependencies, no install scripts); its integrity is checked
# against the pin below, so a re-run yields byte-identical files.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="$HERE/api/static/vendor"
# name@version  file inside the package  integrity (npm view NAME@VERSION dist.integrity)
PACKAGES=(
  "cytoscape@3.34.4 dist/cytoscape.min.js sha512-msY99tMY8iWTg+sIPGfSqDcPNOt4xcj+v/K/7qUFaCUxxlqnMkUYLBjRUzn9W5CU/R2hrmtJa5+UtovrEM2ctg=="
)

die() { echo "vendor_js.sh: $*" >&2; exit 1; }
command -v npm >/dev/null || die "npm not found (apt-get install npm, or use the machine's Node.js)"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
OUT="$WORK/out"
mkdir -p "$OUT"

vendor_one() {
  local spec="$1" file="$2" integrity="$3" name tarball got
  name="${spec%@*}"
  tarball="$(cd "$WORK" && npm pack --silent "$spec" 2>/dev/null | tail -n 1)"
  [[ -f "$WORK/$tarball" ]] || die "npm pack $spec produced no tarball"
  got="sha512-$(openssl dgst -sha512 -binary "$WORK/$tarball" | base64 -w0)"
  [[ "$got" == "$integrity" ]] || die "$spec: integrity $got, expected $integrity"
  mkdir -p "$WORK/$name"
  tar -xzf "$WORK/$tarball" -C "$WORK/$name"
  cp "$WORK/$name/package/$file" "$OUT/$(basename "$file")"
  cp "$WORK/$name/package/LICENSE" "$OUT/$name.LICENSE"
  echo "$spec $file $integrity" >> "$OUT/VERSIONS"
}

for entry in "${PACKAGES[@]}"; do
  # shellcheck disable=SC2086  # three words per entry, split on purpose
  vendor_one $entry
done

if [[ "${1:-}" == "--check" ]]; then
  diff -r "$OUT" "$DEST" >/dev/null || die "api/static/vendor differs from the pinned packages; run tools/vendor_js.sh"
  echo "api/static/vendor matches the pinned packages"
  exit 0
fi
mkdir -p "$DEST"
rm -f "$DEST"/*
cp "$OUT"/* "$DEST"/
echo "vendored into $DEST:"
ls -l "$DEST"
