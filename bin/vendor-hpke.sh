#!/usr/bin/env bash
# Vendors HPKE (RFC 9180) for the web page's end-to-end encryption (issue 21): @hpke/core and @hpke/common by
# Ajitomi Daisuke (MIT, https://github.com/dajiaji/hpke-js), which run on the browser's WebCrypto. Their ES module
# builds are copied as published, with one change: the bare import "@hpke/common" becomes a relative path, because
# a browser resolves bare names only through an import map, and the page's CSP allows no inline script to hold
# one. Run from the repository's root with npm on the PATH; commit what changed under the vendor folder.
set -euo pipefail
CORE_VERSION=1.9.0
COMMON_VERSION=1.10.1
target=src/main/resources/static/web/vendor/hpke
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "@hpke/core@$CORE_VERSION" "@hpke/common@$COMMON_VERSION" >/dev/null)
rm -rf "$target"
for name in core common; do
  mkdir -p "$work/$name" "$target/$name"
  tar -xzf "$work"/hpke-"$name"-*.tgz -C "$work/$name"
  (cd "$work/$name/package/esm" && find . -name '*.js' -print0 | tar --null -cf - -T -) | tar -xf - -C "$target/$name"
  cp "$work/$name/package/LICENSE" "$target/$name/LICENSE"
done
echo "@hpke/core $CORE_VERSION, @hpke/common $COMMON_VERSION (MIT); see bin/vendor-hpke.sh" > "$target/VERSION"
# "@hpke/common" -> the relative path of common/mod.js from each importing file
find "$target/core" -name '*.js' | while read -r file; do
  depth=$(($(tr -cd / <<<"${file#"$target/core/"}" | wc -c)))
  up=".."; for ((i = 0; i < depth; i++)); do up="../$up"; done
  sed -i "s#from \"@hpke/common\"#from \"$up/common/mod.js\"#" "$file"
done
if grep -rqE '^(import|export) .*from "@hpke/' "$target"; then echo "a bare @hpke import is left" >&2; exit 1; fi
