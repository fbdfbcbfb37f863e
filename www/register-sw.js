// The demo portal's service worker keeps the page and the widget available offline.
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('/sw.js').catch((error) => {
    console.warn('Offline support is unavailable:', error);
  });
}
