// Lays out pkg/ as an npm package from the optimised wasm-bindgen output:
// one bundled, minified module (element + store + glue), the wasm, the CSS and the types.
// Usage: node scripts/build-pkg.mjs <wasm-bindgen out dir> <pkg dir>
// The out dir holds one folder per build (participant, admin), each with the wasm-bindgen glue
// and `mentoring_widget.opt.wasm`; each build becomes its own module + wasm in pkg/.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const [glueDir, out] = process.argv.slice(2);
if (!glueDir || !out) {
  console.error('usage: node scripts/build-pkg.mjs <wasm-bindgen out dir> <pkg dir>');
  process.exit(2);
}
const cargo = readFileSync('Cargo.toml', 'utf8');
const version = /^version\s*=\s*"([^"]+)"/m.exec(cargo)?.[1];
if (!version) throw new Error('no version in Cargo.toml [package]');

const BUILDS = [
  { folder: 'participant', name: 'mentoring-widget' },
  { folder: 'admin', name: 'mentoring-widget-admin' },
];
// `wasm-streams` (through Leptos's `server_fn`) exports three JS stream classes nothing here
// uses; `make build` removes their wasm exports, and this their JS: without the statements that
// keep them alive (a `Symbol.dispose` assignment, a `FinalizationRegistry`), esbuild drops the
// unused classes. A glue whose classes stay alive anyway fails the build below.
const UNUSED_CLASS = /IntoUnderlying\w*/;
const unusedClasses = {
  name: 'unused-classes',
  setup(b) {
    b.onLoad({ filter: /mentoring_widget\.js$/ }, ({ path }) => ({
      contents: readFileSync(path, 'utf8')
        .replace(/^if \(Symbol\.dispose\) IntoUnderlying\w*\.prototype.*\n/gm, '')
        .replace(/^const IntoUnderlying\w*Finalization = [^;]*;\n/gm, ''),
      loader: 'js',
    }));
  },
};
mkdirSync(out, { recursive: true });
for (const { folder, name } of BUILDS) {
  await build({
    entryPoints: ['js/element.js'],
    alias: { 'mentoring-widget-wasm': resolve(glueDir, folder, 'mentoring_widget.js') },
    define: { MENTORING_WIDGET_WASM: JSON.stringify(`${name}.wasm`) },
    bundle: true,
    format: 'esm',
    minify: true,
    target: 'es2022',
    legalComments: 'none',
    outfile: join(out, `${name}.js`),
    logLevel: 'warning',
    plugins: [unusedClasses],
  });
  if (UNUSED_CLASS.test(readFileSync(join(out, `${name}.js`), 'utf8'))) {
    throw new Error(`${name}.js still holds wasm-streams' classes: see scripts/build-pkg.mjs`);
  }
  copyFileSync(join(glueDir, folder, 'mentoring_widget.opt.wasm'), join(out, `${name}.wasm`));
}
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
      exports: {
        '.': { types: './mentoring-widget.d.ts', default: './mentoring-widget.js' },
        './admin': { types: './mentoring-widget.d.ts', default: './mentoring-widget-admin.js' },
      },
      types: 'mentoring-widget.d.ts',
      files: [
        'mentoring-widget.js',
        'mentoring-widget.wasm',
        'mentoring-widget.css',
        'mentoring-widget.d.ts',
        'mentoring-widget-sw.js',
        'mentoring-widget-admin.js',
        'mentoring-widget-admin.wasm',
      ],
      sideEffects: true,
    },
    null,
    2,
  ) + '\n',
);
console.log(`pkg: mentoring-widget ${version} written to ${out}/`);
