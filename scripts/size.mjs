// Prints raw, gzip and brotli sizes of what a browser downloads for the widget.
// Usage: node scripts/size.mjs [pkg dir] [--warn-only]
// Fails above SIZE_BUDGET_KIB (default 150) brotli, unless --warn-only.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const args = process.argv.slice(2);
const warnOnly = args.includes('--warn-only');
const dir = args.find((a) => !a.startsWith('--')) ?? 'pkg';
const files = ['mentoring-widget.wasm', 'mentoring-widget.js', 'mentoring-widget.css'];
const kib = (n) => (n / 1024).toFixed(1).padStart(8);
const totals = [0, 0, 0];
console.log(`${'file'.padEnd(24)}${'raw KiB'.padStart(8)}${'gzip'.padStart(8)}${'brotli'.padStart(8)}`);
for (const name of files) {
  const bytes = readFileSync(join(dir, name));
  const sizes = [
    bytes.length,
    gzipSync(bytes, { level: 9 }).length,
    brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  ];
  sizes.forEach((s, i) => (totals[i] += s));
  console.log(`${name.padEnd(24)}${sizes.map(kib).join('')}`);
}
console.log(`${'total transfer'.padEnd(24)}${totals.map(kib).join('')}`);
const budget = Number(process.env.SIZE_BUDGET_KIB ?? 150);
if (totals[2] / 1024 > budget) {
  console.error(`size: ${(totals[2] / 1024).toFixed(1)} KiB brotli is over the ${budget} KiB budget`);
  if (!warnOnly) process.exit(1);
}
