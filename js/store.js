// The widget's IndexedDB store. Driving IndexedDB from these few lines of JS is smaller than
// binding it from Rust (docs/performance.md); the Rust side (src/edges/store.rs) validates
// everything it reads from here.

const DB_VERSION = 1;

function settled(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function committed(tx) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('the browser aborted the write'));
  });
}

/** Opens (creating or upgrading) the widget's database and resolves to the store API. */
export function openStore(name = 'mentoring-widget') {
  return new Promise((resolve, reject) => {
    if (typeof indexedDB === 'undefined') {
      reject(new Error('this browser offers no IndexedDB'));
      return;
    }
    const open = indexedDB.open(name, DB_VERSION);
    open.onupgradeneeded = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('goals')) {
        db.createObjectStore('goals', { keyPath: 'id' }).createIndex('owner', 'owner');
      }
      if (!db.objectStoreNames.contains('meta')) db.createObjectStore('meta');
    };
    open.onsuccess = () => resolve(storeOver(open.result));
    open.onerror = () => reject(open.error);
  });
}

function storeOver(db) {
  // A newer widget in another tab is upgrading the schema: let it.
  db.onversionchange = () => db.close();
  return {
    goalsOf(owner) {
      return settled(db.transaction('goals').objectStore('goals').index('owner').getAll(owner));
    },
    // Resolves only once the write is committed ('strict': flushed, not just queued).
    putGoal(record) {
      const tx = db.transaction('goals', 'readwrite', { durability: 'strict' });
      tx.objectStore('goals').put(record);
      return committed(tx);
    },
    getMeta(key) {
      return settled(db.transaction('meta').objectStore('meta').get(key));
    },
    putMeta(key, value) {
      const tx = db.transaction('meta', 'readwrite', { durability: 'strict' });
      tx.objectStore('meta').put(value, key);
      return committed(tx);
    },
    close() {
      db.close();
    },
  };
}
