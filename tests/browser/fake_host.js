// A host environment for browser tests: what js/element.js passes to `mount`, with the
// adapter's replies chosen by the test.
export function fakeHostEnv(store, status, body) {
  const env = {
    endpoint: '/api/mentoring',
    locale: 'en-GB',
    store,
    ready: 0,
    requests: [],
    async request(method, path) {
      env.requests.push(`${method} ${path}`);
      if (status === 0) throw new TypeError('Failed to fetch');
      return { status, body };
    },
    onReady() {
      env.ready += 1;
    },
    platform: {
      online: () => true,
      watch() {},
      later() {},
      tryLock: async () => () => {},
      broadcast() {},
      onBroadcast() {},
      persist: async () => false,
    },
  };
  return env;
}

export function readyCount(env) {
  return env.ready;
}

export function rawGoal(progress) {
  return { v: 1, id: `raw-${progress}`, owner: 'amira', title: 'Written by something else', progress, createdAt: 1, updatedAt: 1 };
}

// Opens the store `name` as a newer release of the widget would (a higher schema version),
// then closes it: pages still holding the older version must let it upgrade.
export function openNewerVersion(name) {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(name, 99);
    open.onsuccess = () => {
      open.result.close();
      resolve();
    };
    open.onerror = () => reject(open.error);
  });
}

// Makes the store `name` as the second release of the widget left it (schema version 2: op
// rows without `seq`), holding `ops` for `owner` both as rows and in the outbox.
export function createVersion2(name, owner, ops) {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(name, 2);
    open.onupgradeneeded = () => {
      const db = open.result;
      db.createObjectStore('goals', { keyPath: 'id' }).createIndex('owner', 'owner');
      db.createObjectStore('meta');
      db.createObjectStore('ops', { keyPath: ['owner', 'id'] }).createIndex('owner', 'owner');
      db.createObjectStore('outbox', { keyPath: ['owner', 'id'] }).createIndex('owner', 'owner');
    };
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction(['ops', 'outbox'], 'readwrite');
      for (const op of ops) {
        tx.objectStore('ops').put({ owner, id: op.id, op });
        tx.objectStore('outbox').put({ owner, id: op.id, op, queuedAt: 1 });
      }
      tx.oncomplete = () => {
        db.close();
        resolve();
      };
      tx.onerror = () => reject(tx.error);
    };
    open.onerror = () => reject(open.error);
  });
}

// Replaces the op of `owner`'s row `id` in the store `name`, keeping the row's `seq`: what a
// version that reads it finds there (the row was written by a newer widget).
export function rewriteOpRow(name, owner, id, op) {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(name);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction('ops', 'readwrite');
      const rows = tx.objectStore('ops');
      const row = rows.get([owner, id]);
      row.onsuccess = () => rows.put({ ...row.result, op });
      tx.oncomplete = () => {
        db.close();
        resolve();
      };
      tx.onerror = () => reject(tx.error);
    };
    open.onerror = () => reject(open.error);
  });
}

// Runs `between()` (a promise) just before the next write of `store` that keeps refused ops
// (an `addOps` with a page, its fifth argument, or a `putMeta` of `refused:`), then that
// write: another tab's transaction landing between what the writer read before and its write.
export function beforeNextRefusedWrite(store, between) {
  const { addOps, putMeta } = store;
  const first = (write, keeps) => (...args) => {
    if (!keeps(args)) return write(...args);
    Object.assign(store, { addOps, putMeta });
    return between().then(() => write(...args));
  };
  store.addOps = first(addOps, (args) => args[4] !== undefined);
  store.putMeta = first(putMeta, (args) => String(args[0]).startsWith('refused:'));
}
