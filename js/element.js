// The widget's entry point: defines <mentoring-widget> and exports mount(). Bundled with the
// wasm-bindgen glue into pkg/mentoring-widget.js (scripts/build-pkg.mjs).
//
// The wasm download and the IndexedDB open start together, before anything waits on either:
// opening storage only after wasm started costs a visible delay on phones.

import init, { mount as mountApp, signedOutElsewhere } from 'mentoring-widget-wasm';
import { openStore } from './store.js';

const here = import.meta.url;
// Which build's wasm this module loads: scripts/build-pkg.mjs defines it per bundle.
const wasmFile = typeof MENTORING_WIDGET_WASM === 'string' ? MENTORING_WIDGET_WASM : 'mentoring-widget.wasm';
let wasmStarted = null;
let storeOpened = null;

// Every widget mounted on this page, with whom it works for: `forget` takes down those of the
// person it removes, and other tabs hear of it on `forgetting`.
const mountedWidgets = new Set();
let forgetting = null;
function listenForForget() {
  if (forgetting || !('BroadcastChannel' in window)) return;
  forgetting = new BroadcastChannel('mentoring-widget-forget');
  forgetting.onmessage = ({ data }) => {
    if (typeof data?.forget === 'string') takeDown(data.forget, true, data.replaced === true);
  };
}

// Each widget holds a shared Web Lock named for whom it works for (just the prefix while it
// starts): a tab whose host confirms someone else sees, in every tab of the origin, whether
// the person it would forget is still in use (`inUseAnywhere`). Only widgets ask for it
// shared; `forgetOnceFree` waits for it exclusively, which is no use of the person.
const PERSON_LOCK = 'mentoring-widget-person:';
async function inUseAnywhere(person) {
  const { held = [], pending = [] } = (await navigator.locks?.query()) ?? {};
  return [...held, ...pending].some(
    ({ name, mode }) => mode === 'shared' && (name === PERSON_LOCK + person || name === PERSON_LOCK),
  );
}

/** Whether a widget of this page works for `person` (`but` aside), or may, still starting. */
const inUseHere = (person, but) =>
  [...mountedWidgets].some(
    (other) => other !== but && (other.worksFor === person || (other.worksFor === undefined && !other.ready)),
  );

/**
 * The forget `worksFor` skipped because a widget worked for `person` (or was starting), done
 * once none does: the exclusive lock is granted when every widget of every tab has let go of
 * them, and a widget taking them back meanwhile waits for it, so it is asked in there whether
 * the device remembers them again (confirmed since) or a widget (of this page too: each holds
 * the lock) wants them or is starting; then it waits again, for the starting ones first,
 * rather than turn round at once.
 */
const awaitingFree = new Set();
function forgetOnceFree(person) {
  if (!navigator.locks || awaitingFree.has(person)) return;
  awaitingFree.add(person);
  const attempt = () =>
    navigator.locks.request(PERSON_LOCK + person, async () => {
      const opened = await sharedStore();
      if ((await opened.getMeta('person'))?.id === person) return true;
      if (await inUseAnywhere(person)) return false;
      await forgetNow(opened, person, true, false, true);
      return true;
    });
  const untilDone = () =>
    attempt().then((done) =>
      done ? undefined : navigator.locks.request(PERSON_LOCK, () => {}).then(untilDone),
    );
  untilDone()
    .catch(() => {})
    .finally(() => awaitingFree.delete(person));
}

/**
 * Unmounts this page's widgets that may show `person`'s data; signed out in another tab
 * (`elsewhere`), each says so in its place rather than leave an empty box. `replaced`: the
 * host confirmed someone else in their place, so a widget still starting is not theirs.
 */
function takeDown(person, elsewhere = false, replaced = false) {
  for (const mounted of [...mountedWidgets]) {
    // Whom the host confirms wins over the page's `person`: until a widget says whom it works
    // for (or that it is ready for nobody), it may be them.
    const starting = mounted.worksFor === undefined && !mounted.ready && !replaced;
    if (mounted.worksFor === person || starting) {
      mounted.unmount();
      if (elsewhere) mounted.saySignedOut();
    }
  }
}

const startWasm = () =>
  (wasmStarted ??= init({ module_or_path: new URL(`./${wasmFile}`, here) }));
const sharedStore = () => (storeOpened ??= openStore());

/** The default transport: the adapter's HTTP endpoints under `endpoint`. */
function httpTransport(endpoint) {
  return async (method, path, body) => {
    const headers = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(endpoint + path, {
      method,
      credentials: 'same-origin',
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    let json = null;
    try {
      // Exports come as CSV text; every other reply is JSON.
      const csv = (response.headers.get('content-type') || '').startsWith('text/csv');
      json = csv ? await response.text() : await response.json();
    } catch {
      // Not JSON: the Rust side reports the reply as unreadable.
    }
    return { status: response.status, body: json };
  };
}

/**
 * A host's own adapter object ({session, directory, push, pull}, each async, and optionally
 * preferencesMet), for hosts that route through their own API client. A rejection with `{status, version, error}`
 * is an adapter error; any other rejection means the host could not be reached.
 */
function objectTransport(adapter) {
  for (const name of ['session', 'directory', 'push', 'pull']) {
    if (typeof adapter[name] !== 'function') {
      throw new TypeError(`mount(element, {adapter}): adapter.${name} must be an async function`);
    }
  }
  return async (method, path, body) => {
    const [route, query = ''] = path.split('?');
    try {
      if (route === '/v1/session') return { status: 200, body: await adapter.session() };
      if (route === '/v1/directory') return { status: 200, body: await adapter.directory() };
      if (route === '/v1/ops' && method === 'POST') return { status: 200, body: await adapter.push(body) };
      if (route === '/v1/ops') {
        const since = new URLSearchParams(query).get('since') ?? '';
        return { status: 200, body: await adapter.pull(since) };
      }
      // Optional: without it, Find a mentor ranks without the person's matching preferences.
      if (route === '/v1/preferences/met' && typeof adapter.preferencesMet === 'function') {
        return { status: 200, body: await adapter.preferencesMet() };
      }
    } catch (failure) {
      if (failure && typeof failure === 'object' && failure.error) {
        return { status: Number(failure.status) || 400, body: failure };
      }
      throw failure;
    }
    return { status: 404, body: null };
  };
}

// Arabic for any `ar` tag, as `Locale::from_tag` decides on the Rust side. The texts live in
// src/ui/i18n*.rs; this one message is here because it shows when the wasm could not load.
const isArabic = (locale) => /^ar(?:[-_]|$)/i.test(locale.trim());

// Shown while the wasm loads, if that takes long enough to notice: on a first visit over a
// phone's network it takes seconds (docs/performance.md, "A first visit"); a returning visit
// is usually ready before the delay and does not show it.
const LOADING_AFTER_MS = 500;
function showLoading(container, locale) {
  const message = document.createElement('p');
  message.setAttribute('role', 'status');
  message.className = 'mw-note mw-loading';
  if (isArabic(locale)) {
    message.lang = 'ar';
    message.dir = 'rtl';
    message.textContent = 'جارٍ تحميل أداة الإرشاد…';
  } else {
    message.textContent = 'Loading the mentoring widget…';
  }
  container.setAttribute('aria-busy', 'true');
  container.replaceChildren(message);
}

function showStartFailure(container, error, locale) {
  const message = document.createElement('p');
  message.setAttribute('role', 'alert');
  message.className = 'mw-error';
  const reason = error?.message ?? error;
  if (isArabic(locale)) {
    message.lang = 'ar';
    message.dir = 'rtl';
    message.textContent = `تعذّر تشغيل أداة الإرشاد (${reason}). يُرجى إعادة تحميل الصفحة للمحاولة مرة أخرى.`;
  } else {
    message.textContent = `The mentoring widget could not start (${reason}). Reload the page to try again.`;
  }
  container.replaceChildren(message);
}

/**
 * Mounts the widget into `element`'s shadow root.
 * @returns {{ready: Promise<void>, unmount(): void}}
 */
export function mount(element, options = {}) {
  if (!(element instanceof HTMLElement)) {
    throw new TypeError('mount(element, options): element must be an HTML element');
  }
  const endpoint = String(options.endpoint ?? '/api/mentoring').replace(/\/+$/, '');
  const request = options.adapter ? objectTransport(options.adapter) : httpTransport(endpoint);
  const locale = options.locale || document.documentElement.lang || 'en-GB';
  // Whom the page is for: offline, a device shared by several people opens a remembered
  // person's data only on that person's page. Empty is a page for nobody signed in.
  const person = options.person != null ? String(options.person) : undefined;
  // The screen to open on (the widget's `data-screen`), carried over a language change.
  const screen = options.screen != null ? String(options.screen) : undefined;
  const wasm = startWasm();
  const store = sharedStore();
  // Read before the wasm asks the host who is signed in: a confirmation may only allow
  // writes for someone signed out here if it came after their sign-out (`worksFor`).
  const signOuts = store.then((opened) => opened.signOuts()).catch(() => null);

  const root = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
  const sheet = document.createElement('link');
  sheet.rel = 'stylesheet';
  sheet.href = new URL('./mentoring-widget.css', here).href;
  // The view mounts once its stylesheet is in: never a flash of unstyled controls, and `ready`
  // means the widget looks as it should. A stylesheet that fails still lets it start.
  const styled = new Promise((resolve) => {
    sheet.addEventListener('load', resolve, { once: true });
    sheet.addEventListener('error', resolve, { once: true });
  });
  const container = document.createElement('div');
  container.className = 'mw';
  root.replaceChildren(sheet, container);
  let loading = setTimeout(() => showLoading(container, locale), LOADING_AFTER_MS);
  const doneLoading = () => {
    clearTimeout(loading);
    loading = undefined;
    container.removeAttribute('aria-busy');
    container.replaceChildren();
  };

  // Everything the widget starts on the page (listeners, timers, channels) is undone here on
  // unmount, before the wasm side lets go of the callbacks.
  let unmounted = false;
  const disposers = [];
  const timers = new Set();
  disposers.push(() => timers.forEach(clearTimeout), () => clearTimeout(loading));
  const channel = 'BroadcastChannel' in window ? new BroadcastChannel('mentoring-widget') : null;
  if (channel) disposers.push(() => channel.close());
  // After unmount the wasm side may still finish a sync already under way: whatever it asks
  // of the page then is ignored rather than failing on a closed channel or a stale timer.
  const platform = {
    online: () => navigator.onLine,
    watch(wake) {
      if (unmounted) return;
      const onVisible = () => {
        if (document.visibilityState === 'visible') wake();
      };
      window.addEventListener('online', wake);
      window.addEventListener('offline', wake);
      document.addEventListener('visibilitychange', onVisible);
      disposers.push(() => {
        window.removeEventListener('online', wake);
        window.removeEventListener('offline', wake);
        document.removeEventListener('visibilitychange', onVisible);
      });
    },
    later(ms, fn) {
      if (unmounted) return;
      const timer = setTimeout(() => {
        timers.delete(timer);
        fn();
      }, ms);
      timers.add(timer);
    },
    // One tab syncs for a person at a time (a lock per person: two widgets on one page for two
    // people each sync); resolves to a release function, or null when another holds it.
    tryLock(person) {
      if (!navigator.locks) return Promise.resolve(() => {});
      return new Promise((resolve) => {
        navigator.locks
          .request(`mentoring-widget-sync:${person}`, { ifAvailable: true }, (lock) => {
            if (!lock) {
              resolve(null);
              return undefined;
            }
            return new Promise((release) => resolve(release));
          })
          .catch(() => resolve(null));
      });
    },
    broadcast(word) {
      if (!unmounted) channel?.postMessage(String(word));
    },
    onBroadcast(fn) {
      if (channel && !unmounted) channel.onmessage = (event) => fn(String(event.data));
    },
    // Checked by a sync under way at every step: after unmount it asks the host nothing more
    // (the browser may be signed in as someone else by then) and stores nothing.
    live: () => !unmounted,
    // Ask the browser not to evict the widget's storage (Safari evicts after 7 idle days).
    persist() {
      return navigator.storage?.persist?.().catch(() => false) ?? Promise.resolve(false);
    },
  };

  // Swaps the widget's lock for one for `name` (none for undefined); resolves once the one
  // it held is let go of.
  let letGo = () => Promise.resolve();
  const hold = (name) => {
    const before = letGo();
    letGo = () => Promise.resolve();
    if (name !== undefined && navigator.locks && !unmounted) {
      let release;
      const until = new Promise((resolve) => (release = resolve));
      const gone = navigator.locks.request(PERSON_LOCK + name, { mode: 'shared' }, () => until).catch(() => {});
      letGo = () => (release(), gone);
    }
    return before;
  };
  hold('');
  disposers.push(() => hold());

  let app = null;
  const ready = new Promise((resolve, reject) => {
    const onReady = () => {
      mounted.ready = true;
      if (mounted.worksFor === undefined) hold();
      // Let Leptos flush the first render before telling the host the widget is interactive.
      setTimeout(() => {
        if (unmounted) return;
        element.dispatchEvent(new CustomEvent('ready', { bubbles: true, composed: true }));
        resolve();
      }, 0);
    };
    const worksFor = (id, confirmed) => {
      mounted.worksFor = id;
      const swapped = hold(id);
      if (!confirmed) return Promise.resolve();
      return Promise.all([store, signOuts, swapped]).then(async ([opened, seen]) => {
        await opened.allowWritesFor(id, seen);
        // Someone else last signed in here and the host swapped people without `forget()`:
        // what is kept of them goes as at a sign-out keeping only their unsent changes,
        // unless a widget of this page or another tab works for them (or may, still starting).
        // Tried again once none does (`forgetOnceFree`).
        const last = (await opened.getMeta('person'))?.id;
        if (typeof last !== 'string' || last === id) return;
        if (inUseHere(last, mounted) || (await inUseAnywhere(last))) forgetOnceFree(last);
        else await forgetNow(opened, last, true, false, true).catch(() => {});
      });
    };
    Promise.all([wasm, styled]).then(
      () => {
        if (!unmounted) {
          doneLoading();
          app = mountApp(container, { locale, person, screen, store, request, onReady, worksFor, platform });
        }
      },
      (error) => {
        hold();
        doneLoading();
        showStartFailure(container, error, locale);
        reject(error);
      },
    );
  });
  ready.catch(() => {});

  const handle = {
    ready,
    unmount() {
      if (unmounted) return;
      unmounted = true;
      mountedWidgets.delete(mounted);
      for (const dispose of disposers.splice(0)) dispose();
      app?.unmount();
      app = null;
      root.replaceChildren();
    },
  };
  // The text is the wasm's, in the widget's language: said once it has loaded, unless the
  // element was mounted again meanwhile.
  const saySignedOut = () =>
    wasm.then(() => {
      if (root.childElementCount > 0) return;
      const box = document.createElement('div');
      box.className = 'mw';
      // As the wasm decides the language (`Locale::from_tag`), like the start failure's.
      box.lang = isArabic(locale) ? 'ar' : 'en';
      box.dir = isArabic(locale) ? 'rtl' : 'ltr';
      const message = document.createElement('p');
      message.className = 'mw-note mw-signed-out';
      message.setAttribute('role', 'status');
      message.textContent = signedOutElsewhere(locale);
      box.append(message);
      root.replaceChildren(sheet, box);
    }, () => {});
  // How many changes the host refused "Changes not kept" lists (the box's `data-refused`,
  // which the screens keep); undefined before they show.
  const refusedListed = () => {
    const said = container.getAttribute('data-refused');
    return said === null ? undefined : Number(said);
  };
  const mounted = { worksFor: undefined, ready: false, unmount: handle.unmount, saySignedOut, refusedListed };
  mountedWidgets.add(mounted);
  listenForForget();
  return handle;
}

/** The person's id as `forget` and `onlyHere` take it. */
function personId(person, call) {
  const id = String(person ?? '');
  if (!id) throw new TypeError(`${call}(person): person must be the id the adapter names them by`);
  return id;
}

/**
 * How many of the changes the host refused this device keeps of `person`: as "Changes not
 * kept" lists them in a widget of this page working for them, which alone can tell (several
 * ops of one record refused are one change; one the person settled since is none), else as
 * stored.
 */
async function refusedOf(store, id) {
  for (const mounted of mountedWidgets) {
    const listed = mounted.worksFor === id && mounted.ready ? mounted.refusedListed() : undefined;
    if (Number.isInteger(listed)) return listed;
  }
  return store.refusedOf(id);
}

/**
 * What of `person` exists only on this device, for a host's sign-out to ask about before
 * `forget`: `{ unsent, refused }`, the records with changes still waiting for the host (as
 * the status line counts them) and the changes the host refused (as "Changes not kept" lists
 * them). Removes nothing.
 */
export async function onlyHere(person) {
  const id = personId(person, 'onlyHere');
  const store = await sharedStore();
  const [unsent, refused] = await Promise.all([store.unsentOf(id), refusedOf(store, id)]);
  return { unsent, refused };
}

/**
 * Removes what this device keeps of `person` (the adapter's id for them): for a host's
 * sign-out on a device several people share, so the next person's browser holds none of it,
 * private notes included. Changes of theirs that have not reached the host yet exist nowhere
 * else: while any wait, nothing is removed and the result says how many records they touch
 * (`{ forgotten: false, unsent, refused }`), unless `keepUnsent` is set, which removes
 * everything but them (sent at the person's next sign-in on this device). The changes the
 * host refused exist nowhere else either: they stay (listed again as not kept at the person's
 * next sign-in here, and shown to nobody else, as everything the widget keeps is its person's
 * alone), unless `discardRefused` is set; `refused` says how many stay. Before anything is
 * removed, the widgets showing the person's data, on this page and in other tabs, are taken
 * down and nothing more is written for them, so a sync under way cannot put anything back.
 * Resolves to `{ forgotten: true, unsent, refused }` once removed.
 */
export async function forget(person, { keepUnsent = false, discardRefused = false } = {}) {
  const id = personId(person, 'forget');
  const store = await sharedStore();
  const [unsent, refused] = await Promise.all([store.unsentOf(id), refusedOf(store, id)]);
  if (unsent > 0 && !keepUnsent) return { forgotten: false, unsent, refused };
  const outcome = await forgetNow(store, id, keepUnsent, discardRefused, false);
  return { ...outcome, refused: discardRefused && outcome.forgotten ? 0 : refused };
}

function forgetNow(store, id, keepUnsent, discardRefused, replaced) {
  takeDown(id, false, replaced);
  listenForForget();
  forgetting?.postMessage({ forget: id, replaced });
  return store.forget(id, keepUnsent, discardRefused);
}

class MentoringWidget extends HTMLElement {
  static observedAttributes = ['endpoint', 'locale', 'person'];
  #handle = null;
  /** Watches a form's unsaved changes while a new `locale` waits for them. */
  #waiting = null;
  /** The screen shown before a language change, to open the new language on. */
  #screen = undefined;

  connectedCallback() {
    this.#handle ??= mount(this, {
      endpoint: this.getAttribute('endpoint') ?? undefined,
      locale: this.getAttribute('locale') ?? undefined,
      person: this.getAttribute('person') ?? undefined,
      screen: this.#screen,
    });
    this.#screen = undefined;
  }

  disconnectedCallback() {
    this.#waiting?.disconnect();
    this.#waiting = null;
    this.#handle?.unmount();
    this.#handle = null;
  }

  /** {@link forget} for the person this element's page is for (its `person` attribute). */
  forget(options) {
    return forget(this.getAttribute('person'), options);
  }

  /** {@link onlyHere} for the person this element's page is for. */
  onlyHere() {
    return onlyHere(this.getAttribute('person'));
  }

  /**
   * Opens "Changes not kept" in this element's widget (on My goals) and focuses it, through
   * the widget's own button to it: false when it lists none.
   */
  reviewNotKept() {
    const button = this.shadowRoot?.querySelector('.mw-not-kept');
    button?.click();
    return Boolean(button);
  }

  attributeChangedCallback(name) {
    if (!this.#handle) return;
    // Mounting again in another language would throw away a form's unsaved changes (the
    // widget marks its box while there are some): the language changes once they are saved
    // or left. Another person or endpoint is never kept waiting.
    const box = this.shadowRoot?.querySelector('.mw');
    if (name === 'locale' && box?.hasAttribute('data-unsaved')) {
      this.#waiting ??= new MutationObserver(() => {
        if (box.hasAttribute('data-unsaved')) return;
        this.#waiting.disconnect();
        this.#waiting = null;
        this.attributeChangedCallback('locale');
      });
      this.#waiting.observe(box, { attributes: true, attributeFilter: ['data-unsaved'] });
      return;
    }
    // The same person in another language stays where they were (the widget names its
    // screen on its box); another person or endpoint starts on My goals.
    const screen = name === 'locale' ? box?.getAttribute('data-screen') ?? undefined : undefined;
    this.disconnectedCallback();
    this.#screen = screen;
    this.connectedCallback();
  }
}

if (!customElements.get('mentoring-widget')) {
  customElements.define('mentoring-widget', MentoringWidget);
}
