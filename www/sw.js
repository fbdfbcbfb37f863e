// The demo portal's service worker: the widget's files through the widget's own recipe
// (pkg/mentoring-widget-sw.js, as any host would use it), and the page's shell here, network
// first, falling back to the last copy when offline (the page for nobody once someone signed
// out). Adapter calls (/api/) are never cached: the widget keeps its own data in IndexedDB and
// knows when the host is unreachable.
importScripts('/pkg/mentoring-widget-sw.js');
const widget = self.mentoringWidgetOffline({ base: '/pkg/' });

const CACHE = 'portal-shell-v3';
const SHELL = [
  '/',
  '/www/portal.css',
  '/www/register-sw.js',
  '/www/sign-out.js',
  '/www/manifest.webmanifest',
  '/www/icon.svg',
];

/** A page kept for offline use: the portal's page, in any language (`?lang=`) and nothing else. */
function isPage(url) {
  return (
    url.origin === self.location.origin &&
    url.pathname === '/' &&
    [...url.searchParams.keys()].every((key) => key === 'lang')
  );
}

self.addEventListener('install', (event) => {
  // The page that installed the worker was fetched before it, so also kept now: an Arabic
  // page (`/?lang=ar`) opens offline from its first visit, as `/` does.
  event.waitUntil(
    self.clients
      .matchAll({ type: 'window', includeUncontrolled: true })
      .then((windows) => {
        const pages = windows.map((w) => new URL(w.url)).filter(isPage).map((url) => url.pathname + url.search);
        return caches.open(CACHE).then((cache) => cache.addAll([...new Set([...SHELL, ...pages])]));
      })
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((k) => k.startsWith('portal-shell-') && k !== CACHE)
            .map((k) => caches.delete(k)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  // Whoever signs out leaves no page of theirs to the next person who opens the portal
  // offline: the copy rendered for them goes at once (even when the sign-out cannot reach the
  // portal), and the page for nobody that the portal answers next is cached in its place.
  // Offline, the portal cannot forget who is signed in on this browser: the person is told so,
  // rather than shown the browser's network error and left believing they are signed out.
  if (url.origin === self.location.origin && url.pathname === '/sign-out') {
    // Every language's copy (`/?lang=…`), whichever language signs out.
    event.waitUntil(caches.open(CACHE).then((cache) => cache.delete('/', { ignoreSearch: true })));
    event.respondWith(fetch(request).catch(() => notSignedOut(url.searchParams.get('lang'))));
    return;
  }
  // Sign-in links (`/?as=…`) answer with a redirect, which a service worker may not hand to a
  // navigation: leave them, and anything not ours, to the network. Of queries, only the page's
  // language (`/?lang=ar`) is kept, one copy per language.
  if (
    widget.handles(request) ||
    request.method !== 'GET' ||
    url.origin !== self.location.origin ||
    url.pathname.startsWith('/api/') ||
    (url.search && !isPage(url))
  ) {
    return;
  }
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(request, copy));
        }
        return response;
      })
      .catch(async () => {
        const cached = await caches.match(request);
        return cached ?? Response.error();
      }),
  );
});

/** The page said when a sign-out could not reach the portal. */
function notSignedOut(lang) {
  const arabic = lang === 'ar';
  const [title, said, next] = arabic
    ? [
        'لم يكتمل تسجيل الخروج',
        'لا يمكن الوصول إلى البوابة الآن، فما زال تسجيل دخولك قائمًا على هذا المتصفح.',
        'يُرجى تسجيل الخروج مرة أخرى حين يعود الاتصال بالشبكة، أو إغلاق المتصفح إن كان الجهاز مشتركًا.',
      ]
    : [
        'Not signed out yet',
        'The portal cannot be reached just now, so you are still signed in on this browser.',
        'Sign out again once the network is back, or close the browser if this device is shared.',
      ];
  const page = `<!doctype html>
<html lang="${arabic ? 'ar' : 'en-GB'}" dir="${arabic ? 'rtl' : 'ltr'}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title><link rel="stylesheet" href="/www/portal.css"></head>
<body><main class="not-signed-out"><h1>${title}</h1><p role="alert">${said}</p><p>${next}</p></main></body>
</html>`;
  return new Response(page, {
    status: 503,
    headers: { 'Content-Type': 'text/html; charset=utf-8' },
  });
}
