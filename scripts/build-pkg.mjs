// Lays out pkg/ as an npm package from the optimised wasm-bindgen output:
// one bundled, minified module (element + store + glue), the wasm, the CSS and the types.
// Usage: node scripts/build-pkg.mjs <wasm-bindgen out dir> <pkg dir> [--uncompressed]
// The out dir holds one folder per build (participant, admin), each with the wasm-bindgen glue
// and `mentoring_widget.opt.wasm`; each build becomes its own module + wasm in pkg/. Every file
// a browser downloads also gets its brotli (`.br`, quality 11) and gzip (`.gz`, level 9) copy,
// for a host whose server sends precompressed files (docs/embedding.md, "Serving the files");
// `--uncompressed` leaves them out (the debug widget, ten times the size, is never sent far).
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const args = process.argv.slice(2);
const uncompressed = args.includes('--uncompressed');
const [glueDir, out] = args.filter((a) => !a.startsWith('--'));
const unknown = args.filter((a) => a.startsWith('--') && a !== '--uncompressed');
if (!glueDir || !out || unknown.length) {
  console.error('usage: node scripts/build-pkg.mjs <wasm-bindgen out dir> <pkg dir> [--uncompressed]');
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
// The glue, without those classes and with the wasm's imports under their short names.
const glue = (renamed) => ({
  name: 'glue',
  setup(b) {
    b.onLoad({ filter: /mentoring_widget\.js$/ }, ({ path }) => ({
      contents: renameImports(
        readFileSync(path, 'utf8')
          .replace(/^if \(Symbol\.dispose\) IntoUnderlying\w*\.prototype.*\n/gm, '')
          .replace(/^const IntoUnderlying\w*Finalization = [^;]*;\n/gm, ''),
        renamed,
      ),
      loader: 'js',
    }));
  },
});

// wasm-bindgen names each function the wasm imports after its Rust item and a hash
// (`__wbg_addOps_8c2012aab055b2a2`): about 150 names, mostly hex that brotli cannot squeeze,
// once in the wasm and once in the glue. Both get short names instead (`a`, `b`, … `aa`…); the
// wasm keeps its imports in the same order, each still bound to the same glue function.
function leb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [value, at];
  }
}
function lebBytes(value) {
  const out = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value > 0) byte |= 0x80;
    out.push(byte);
  } while (value > 0);
  return out;
}
const shortName = (n) => (n < 26 ? '' : shortName(Math.floor(n / 26) - 1)) + String.fromCharCode(97 + (n % 26));
function shortImports(wasm) {
  const utf8 = new TextDecoder();
  const renamed = new Map();
  let at = 8;
  while (at < wasm.length) {
    const id = wasm[at];
    const [size, start] = leb(wasm, at + 1);
    const end = start + size;
    if (id !== 2) {
      at = end;
      continue;
    }
    const [count, first] = leb(wasm, start);
    const section = [...lebBytes(count)];
    let p = first;
    for (let i = 0; i < count; i++) {
      const [moduleLength, moduleAt] = leb(wasm, p);
      const moduleEnd = moduleAt + moduleLength;
      const [nameLength, nameAt] = leb(wasm, moduleEnd);
      const name = utf8.decode(wasm.subarray(nameAt, nameAt + nameLength));
      const kind = wasm[nameAt + nameLength];
      // Functions only: a table, memory or global import would need its own descriptor read.
      if (kind !== 0) throw new Error(`the wasm imports ${name} of kind ${kind}: see scripts/build-pkg.mjs`);
      const [, descEnd] = leb(wasm, nameAt + nameLength + 1);
      if (renamed.has(name)) throw new Error(`the wasm imports ${name} twice`);
      const short = shortName(renamed.size);
      renamed.set(name, short);
      section.push(...wasm.subarray(p, moduleEnd), ...lebBytes(short.length));
      section.push(...new TextEncoder().encode(short), ...wasm.subarray(nameAt + nameLength, descEnd));
      p = descEnd;
    }
    const out = new Uint8Array(at + 1 + lebBytes(section.length).length + section.length + wasm.length - end);
    out.set(wasm.subarray(0, at + 1));
    out.set(lebBytes(section.length), at + 1);
    out.set(section, at + 1 + lebBytes(section.length).length);
    out.set(wasm.subarray(end), out.length - (wasm.length - end));
    return { wasm: out, renamed };
  }
  return { wasm, renamed };
}
// Each import is one key of the glue's import object, `        name: function(`.
function renameImports(text, renamed) {
  for (const [name, short] of renamed) {
    const key = `\n        ${name}: function(`;
    const parts = text.split(key);
    if (parts.length !== 2) throw new Error(`the glue defines import ${name} ${parts.length - 1} times`);
    text = parts.join(`\n        ${short}: function(`);
  }
  return text;
}
mkdirSync(out, { recursive: true });
for (const { folder, name } of BUILDS) {
  const { wasm, renamed } = shortImports(readFileSync(join(glueDir, folder, 'mentoring_widget.opt.wasm')));
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
    plugins: [glue(renamed)],
  });
  if (UNUSED_CLASS.test(readFileSync(join(out, `${name}.js`), 'utf8'))) {
    throw new Error(`${name}.js still holds wasm-streams' classes: see scripts/build-pkg.mjs`);
  }
  writeFileSync(join(out, `${name}.wasm`), wasm);
}
copyFileSync('js/mentoring-widget.css', join(out, 'mentoring-widget.css'));
copyFileSync('js/mentoring-widget.d.ts', join(out, 'mentoring-widget.d.ts'));
// What a page downloads: each build's module and wasm, and the stylesheet.
const DOWNLOADED = [
  ...BUILDS.flatMap(({ name }) => [`${name}.js`, `${name}.wasm`]),
  'mentoring-widget.css',
];
const COMPRESSED = DOWNLOADED.flatMap((file) => [`${file}.br`, `${file}.gz`]);
for (const file of DOWNLOADED) {
  const path = join(out, file);
  if (uncompressed) {
    // A copy left from an earlier build would be sent in place of this one.
    for (const copy of [`${path}.br`, `${path}.gz`]) rmSync(copy, { force: true });
    continue;
  }
  const bytes = readFileSync(path);
  writeFileSync(`${path}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
  writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
}
// The service-worker recipe names its cache after the version and a hash of the files it
// serves: any change to them is a new recipe, which browsers install, caching the new files
// whole (a rebuild without a version bump too).
// Each file's hash goes in too, which the recipe fetches it with (`integrity`): a server
// holding another build's copy fails the install rather than be cached as this build.
const served = createHash('sha256');
const integrity = {};
for (const file of DOWNLOADED) {
  const bytes = readFileSync(join(out, file));
  served.update(bytes);
  integrity[file] = `sha256-${createHash('sha256').update(bytes).digest('base64')}`;
}
const release = `${version}-${served.digest('hex').slice(0, 12)}`;
const recipe = readFileSync('js/mentoring-widget-sw.js', 'utf8');
if (!recipe.includes('/* __INTEGRITY__ */ {}')) throw new Error('js/mentoring-widget-sw.js lost its integrity slot');
writeFileSync(
  join(out, 'mentoring-widget-sw.js'),
  recipe.replaceAll('__VERSION__', release).replace('/* __INTEGRITY__ */ {}', JSON.stringify(integrity)),
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
        ...(uncompressed ? [] : COMPRESSED),
      ],
      sideEffects: true,
    },
    null,
    2,
  ) + '\n',
);
console.log(`pkg: mentoring-widget ${version} written to ${out}/`);
