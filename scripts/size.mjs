// Prints raw, gzip and brotli sizes of what a browser downloads for the widget: the sizes of
// the files and of the compressed copies scripts/build-pkg.mjs writes beside them, the bytes a
// server sends. Usage: node scripts/size.mjs [pkg dir] [--warn-only]
// Fails above SIZE_BUDGET_KIB (default 150) brotli for the participants' build, or above
// ADMIN_SIZE_BUDGET_KIB (default 250) for the programme admins', unless --warn-only.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const warnOnly = args.includes('--warn-only');
const dir = args.find((a) => !a.startsWith('--')) ?? 'pkg';
// The participants' build is what every employee downloads: the budget is on it. The programme
// admins' build (the same plus the admin screens) has a budget of its own.
const BUILDS = [
  { name: 'participants', files: ['mentoring-widget.wasm', 'mentoring-widget.js', 'mentoring-widget.css'], budget: Number(process.env.SIZE_BUDGET_KIB ?? 150) },
  { name: 'programme admins', files: ['mentoring-widget-admin.wasm', 'mentoring-widget-admin.js', 'mentoring-widget.css'], budget: Number(process.env.ADMIN_SIZE_BUDGET_KIB ?? 250) },
];
const kib = (n) => (n / 1024).toFixed(1).padStart(8);
let over = false;
for (const { name, files, budget } of BUILDS) {
  const totals = [0, 0, 0];
  console.log(`${name}:`);
  console.log(`${'file'.padEnd(30)}${'raw KiB'.padStart(8)}${'gzip'.padStart(8)}${'brotli'.padStart(8)}`);
  for (const file of files) {
    const sizes = ['', '.gz', '.br'].map((suffix) => {
      const path = join(dir, file + suffix);
      if (!existsSync(path)) {
        console.error(`size: ${path} is missing: run \`make build\` (scripts/build-pkg.mjs writes it)`);
        process.exit(2);
      }
      return statSync(path).size;
    });
    sizes.forEach((s, i) => (totals[i] += s));
    console.log(`${file.padEnd(30)}${sizes.map(kib).join('')}`);
  }
  console.log(`${'total transfer'.padEnd(30)}${totals.map(kib).join('')}`);
  if (totals[2] / 1024 > budget) {
    console.error(`size: the ${name}' build is ${(totals[2] / 1024).toFixed(1)} KiB brotli, over its ${budget} KiB budget`);
    over = true;
  }
}
if (over && !warnOnly) process.exit(1);
