#!/bin/sh
# Usage: bench/view-layer/build.sh <variant> <screens: 0|1|2|3>  → out/<variant>-<screens>/
# The widget's pipeline: cargo --profile wasm (z, LTO, 1 CGU, abort; --cfg erase_components
# from the repository's .cargo/config.toml) → wasm-bindgen --target web --no-typescript →
# wasm-opt with the Makefile's flags → the glue minified with esbuild → size.mjs.
# Run `make tools` at the repository's root first (wasm-bindgen, wasm-opt, esbuild).
set -e
cd "$(dirname "$0")"
root=../..
export CARGO_INCREMENTAL=0 CARGO_PROFILE_DEV_DEBUG=0
[ -f src/gen_leptos.rs ] || python3 gen.py
v=$1; n=$2
case $n in 0) f=$v;; 1) f=$v,s1;; 2) f=$v,s1,s2;; 3) f=$v,s1,s2,s3;; *) echo "screens: 0 to 3" >&2; exit 2;; esac
cargo build -q --profile wasm --target wasm32-unknown-unknown --features "$f"
out=out/$v-$n
rm -rf "$out"; mkdir -p "$out"
"$HOME/.cargo/bin/wasm-bindgen" --target web --no-typescript --out-dir "$out" target/wasm32-unknown-unknown/wasm/sizelab.wasm
"$root/node_modules/.bin/wasm-opt" -Oz --converge --merge-similar-functions --enable-bulk-memory \
  --enable-nontrapping-float-to-int --enable-sign-ext --enable-reference-types --enable-multivalue \
  --enable-mutable-globals "$out/sizelab_bg.wasm" -o "$out/sizelab_bg.opt.wasm"
mv "$out/sizelab_bg.opt.wasm" "$out/sizelab_bg.wasm"
"$root/node_modules/.bin/esbuild" --minify --format=esm "$out/sizelab.js" --outfile="$out/glue.min.js" --log-level=warning
node size.mjs "$out"
