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
