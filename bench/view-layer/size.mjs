// node size.mjs <dir> → one line: raw and brotli (q11) of the wasm and of the minified glue.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
const dir = process.argv[2];
const br = (b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const wasm = readFileSync(join(dir, 'sizelab_bg.wasm'));
const js = readFileSync(join(dir, 'glue.min.js'));
const r = { dir, wasm_raw: wasm.length, wasm_br: br(wasm), js_raw: js.length, js_br: br(js) };
writeFileSync(join(dir, 'size.json'), JSON.stringify(r));
console.log(JSON.stringify(r));
