// Offline support for the mentoring widget, for the HOST's own service worker: a widget cannot
// register a service worker for another site's pages, so the host imports this recipe into
// the one it already has.
//
//   importScripts('/pkg/mentoring-widget-sw.js');            // where the package is served
//   const widget = mentoringWidgetOffline({ base: '/pkg/' }); // { admin: true } also precaches
//                                                             // the programme admins' build
//   // In your own fetch listener, leave the widget's files to the recipe:
//   //   if (widget.handles(event.request)) return;
//
// The widget's files are cached at install and served from that cache first: a return visit
// starts without waiting for the network, even a phone's that is slow or connected but
// passing nothing. Each build names its cache after its version and a hash of its files
// (`__VERSION__`), so a new build changes this script's bytes: the browser then installs the
// host's service worker again (it compares imported scripts), which caches the new files
// whole; the old cache goes when the new worker takes over. Each file is fetched with the
// hash of this build's copy (`integrity`), so a deployment half copied, or a server of
// another build behind the same address, fails the install rather than be cached as this
// build: the last build cached goes on serving, whole. Serve this script with
// `Cache-Control: no-cache` (or register with `updateViaCache: 'none'`) so the browser sees a
// new one, and deploy it last. Adapter calls are never cached: the widget keeps its data in
// IndexedDB.
self.mentoringWidgetOffline = function mentoringWidgetOffline(options = {}) {
  const base = new URL(options.base ?? './', self.location.href);
  const cacheName = 'mentoring-widget-__VERSION__';
  // Each file's hash in this build, by name (written by `make build`).
  const integrity = /* __INTEGRITY__ */ {};
  const url = (file) => new URL(file, base).href;
  const participant = ['mentoring-widget.js', 'mentoring-widget.wasm', 'mentoring-widget.css'].map(url);
  const admin = ['mentoring-widget-admin.js', 'mentoring-widget-admin.wasm'].map(url);
  const files = [...participant, ...admin];
  const precache = options.admin ? files : participant;
  const withoutQuery = (request) => request.url.split(/[?#]/)[0];
  const handles = (request) => request.method === 'GET' && files.includes(withoutQuery(request));
  // This build's copy, or a rejection when the server's is another build's. Asked in `cors`
  // mode, which a hash needs (the stylesheet's `<link>` asks in `no-cors`; same-origin, or a
  // host serving the files with CORS, answers either).
  const ofThisBuild = (address) =>
    fetch(address, {
      cache: 'no-cache',
      mode: 'cors',
      credentials: 'same-origin',
      integrity: integrity[address.slice(base.href.length)] ?? '',
    });

  // The admin build is cached as it is first fetched (or at install with `admin: true`).
  // From the server, as every fetch below: not a copy of an earlier version the browser's
  // HTTP cache kept.
  self.addEventListener('install', (event) => {
    event.waitUntil(
      caches.open(cacheName).then((cache) =>
        Promise.all(precache.map(ofThisBuild)).then((responses) => {
          if (!responses.every((response) => response.ok)) throw new Error('a widget file did not come');
          return Promise.all(responses.map((response, n) => cache.put(precache[n], response)));
        }),
      ),
    );
  });
  self.addEventListener('activate', (event) => {
    // Drop the caches of earlier widget versions, and nobody else's.
    event.waitUntil(
      caches
        .keys()
        .then((keys) =>
          Promise.all(
            keys
              .filter((key) => key.startsWith('mentoring-widget-') && key !== cacheName)
              .map((key) => caches.delete(key)),
          ),
        ),
    );
  });
  self.addEventListener('fetch', (event) => {
    if (!handles(event.request)) return;
    // Kept without a query (`?v=…` on the module's address would otherwise miss the cache,
    // and fetch a newer module to meet this build's wasm). A file this build has not cached
    // yet (the admins' build, first fetched) comes from the server, revalidated (never a
    // copy the browser's HTTP cache kept unasked for a server that sent no `Cache-Control`),
    // and is kept for the next visit only when it is this build's; another build's is
    // passed on as it is.
    const key = withoutQuery(event.request);
    event.respondWith(
      caches.match(key, { cacheName }).then(
        (cached) =>
          cached ??
          ofThisBuild(key).then(
            (response) => {
              if (response.ok) {
                const copy = response.clone();
                event.waitUntil(caches.open(cacheName).then((cache) => cache.put(key, copy)));
              }
              return response;
            },
            () => fetch(event.request, { cache: 'no-cache' }),
          ),
      ),
    );
  });
  return { files, handles, cacheName };
};
