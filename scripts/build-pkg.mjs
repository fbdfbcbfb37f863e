// Lays out pkg/ as an npm package from the optimised wasm-bindgen output:
// one bundled, minified module (element + store + glue), the wasm, the CSS and the types.
// Usage: node scripts/build-pkg.mjs <wasm-bindgen out dir> <optimised wasm> <pkg dir>
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const [glueDir, wasm, out] = process.argv.slice(2);
if (!glueDir || !wasm || !out) {
  console.error('usage: node scripts/build-pkg.mjs <wasm-bindgen out dir> <optimised wasm> <pkg dir>');
  process.exit(2);
}
const cargo = readFileSync('Cargo.toml', 'utf8');
const version = /^version\s*=\s*"([^"]+)"/m.exec(cargo)?.[1];
if (!version) throw new Error('no version in Cargo.toml [package]');

mkdirSync(out, { recursive: true });
await build({
  entryPoints: ['js/element.js'],
  alias: { 'mentoring-widget-wasm': resolve(glueDir, 'mentoring_widget.js') },
  bundle: true,
  format: 'esm',
  minify: true,
  target: 'es2022',
  legalComments: 'none',
  outfile: join(out, 'mentoring-widget.js'),
  logLevel: 'warning',
});
copyFileSync(wasm, join(out, 'mentoring-widget.wasm'));
copyFileSync('js/mentoring-widget.css', join(out, 'mentoring-widget.css'));
copyFileSync('js/mentoring-widget.d.ts', join(out, 'mentoring-widget.d.ts'));
// The service-worker recipe names its cache after the version, so an update replaces it.
writeFileSync(
  join(out, 'mentoring-widget-sw.js'),
  readFileSync('js/mentoring-widget-sw.js', 'utf8').replaceAll('__VERSION__', version),
);
writeFileSync(
  join(out, 'package.json'),
  JSON.stringify(
    {
      name: 'mentoring-widget',
      version,
      description: 'A mentoring and coaching widget any intranet page can embed',
      license: 'MIT',
      type: 'module',
      module: 'mentoring-widget.js',
      exports: { '.': { types: './mentoring-widget.d.ts', default: './mentoring-widget.js' } },
      types: 'mentoring-widget.d.ts',
      files: [
        'mentoring-widget.js',
        'mentoring-widget.wasm',
        'mentoring-widget.css',
        'mentoring-widget.d.ts',
        'mentoring-widget-sw.js',
      ],
      sideEffects: true,
    },
    null,
    2,
  ) + '\n',
);
console.log(`pkg: mentoring-widget ${version} written to ${out}/`);
