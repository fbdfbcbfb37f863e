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
// whole; the old cache goes when the new worker takes over. A page gets every file from one
// build, never a module of one with the wasm of another. Serve this script with
// `Cache-Control: no-cache` (or register with `updateViaCache: 'none'`) so the browser sees a
// new one. Adapter calls are never cached: the widget keeps its data in IndexedDB.
self.mentoringWidgetOffline = function mentoringWidgetOffline(options = {}) {
  const base = new URL(options.base ?? './', self.location.href);
  const cacheName = options.cacheName ?? 'mentoring-widget-__VERSION__';
  const url = (file) => new URL(file, base).href;
  const participant = ['mentoring-widget.js', 'mentoring-widget.wasm', 'mentoring-widget.css'].map(url);
  const admin = ['mentoring-widget-admin.js', 'mentoring-widget-admin.wasm'].map(url);
  const files = [...participant, ...admin];
  const precache = options.admin ? files : participant;
  const handles = (request) => request.method === 'GET' && files.includes(request.url.split(/[?#]/)[0]);

  // The admin build is cached as it is first fetched (or at install with `admin: true`).
  // From the server, as every fetch below: not a copy of an earlier version the browser's
  // HTTP cache kept.
  self.addEventListener('install', (event) => {
    const fresh = precache.map((file) => new Request(file, { cache: 'no-cache' }));
    event.waitUntil(caches.open(cacheName).then((cache) => cache.addAll(fresh)));
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
    // A file this build has not cached yet (the admins' build, first fetched) comes from the
    // server, never from a copy the browser's HTTP cache kept unasked for a server that sent
    // no `Cache-Control` (a module of one version with the wasm of another fails to start),
    // and is kept for the next visit.
    event.respondWith(
      caches.match(event.request, { cacheName }).then(
        (cached) =>
          cached ??
          fetch(event.request, { cache: 'no-cache' }).then((response) => {
            if (response.ok) {
              const copy = response.clone();
              event.waitUntil(caches.open(cacheName).then((cache) => cache.put(event.request, copy)));
            }
            return response;
          }),
      ),
    );
  });
  return { files, handles, cacheName };
};
