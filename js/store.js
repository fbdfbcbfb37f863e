// The widget's IndexedDB store. Driving IndexedDB from these few lines of JS is smaller than
// binding it from Rust (docs/performance.md); the Rust side (src/edges/store.rs) validates
// everything it reads from here.
//
// Every store is partitioned by the signed-in person (`owner`), so people sharing a device
// never load each other's records.

const DB_VERSION = 3;

// The `meta` keys kept per person, as `<key>:<owner>` (src/edges/store.rs writes them), that
// `forget` removes. The device's own id (`device`) is nobody's and stays, and so does
// `forgets:<owner>`, which `forget` counts on: a tab that read the person's replica before a
// sign-out must never find the count it read again.
const PERSON_META_KEYS = [
  'snapshot',
  'cursor',
  'directory',
  'directory-at',
  'seq-floor',
  'refused',
  'held',
  'epoch',
  'dismissed',
  'resend',
  'echo',
];

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
      // Version 1: goals as whole records. Kept, never deleted: version 2 reads them once
      // and writes them again as ops.
      if (!db.objectStoreNames.contains('goals')) {
        db.createObjectStore('goals', { keyPath: 'id' }).createIndex('owner', 'owner');
      }
      if (!db.objectStoreNames.contains('meta')) db.createObjectStore('meta');
      // Version 2: every op this person's device knows, and the ones the host has not
      // acknowledged yet.
      if (!db.objectStoreNames.contains('ops')) {
        db.createObjectStore('ops', { keyPath: ['owner', 'id'] }).createIndex('owner', 'owner');
      }
      if (!db.objectStoreNames.contains('outbox')) {
        db.createObjectStore('outbox', { keyPath: ['owner', 'id'] }).createIndex('owner', 'owner');
      }
      // Version 3: each op row carries `seq`, the order the person's rows were stored in, so
      // opening reads their compacted snapshot (in `meta`) and only the rows stored after it. Rows stored before version 3 have no `seq`; the
      // first snapshot is made from reading every row.
      const ops = open.transaction.objectStore('ops');
      if (!ops.indexNames.contains('seq')) ops.createIndex('seq', ['owner', 'seq']);
    };
    open.onsuccess = () => resolve(storeOver(open.result));
    open.onerror = () => reject(open.error);
  });
}

/**
 * What every call answers once this page's connection is gone; src/edges/store.rs
 * (`StoreError::needs_reload`) recognises the message.
 */
const CLOSED = 'the connection to storage was closed; reload the page';

/** The record an op is about, as `forgetRecords` names them (`entity\u0000record`). */
const recordKey = (op) => `${op.entity}\u0000${op.record}`;

/**
 * A pull page's part of an `addOps` transaction (`{ hold, release, cursor, epoch, refused }`):
 * the ops the widget could not read join `owner`'s held ones (JSON texts, each once), those it
 * now reads leave them, the pull cursor and the host's epoch move, and `refused` lines (an op
 * id, then its code and field) join those stored, together with the page's ops or not at all.
 */
function keepPage(tx, owner, page) {
  const meta = tx.objectStore('meta');
  if (typeof page.cursor === 'string') meta.put(page.cursor, `cursor:${owner}`);
  // The host's epoch the page came under, with its cursor: never one without the other.
  if (Number.isInteger(page.epoch)) meta.put(page.epoch, `epoch:${owner}`);
  if (typeof page.refused === 'string') {
    // Joined to what is stored now, in this transaction: a refusal another tab stored after
    // the writer read the list is kept. Of two lines for an op, one with its code and field
    // wins.
    const stored = meta.get(`refused:${owner}`);
    stored.onsuccess = () => {
      const lines = new Map();
      for (const line of `${stored.result ?? ''}\n${page.refused}`.split('\n')) {
        const id = line.split(' ')[0];
        if (id && (!lines.has(id) || line.includes(' '))) lines.set(id, line);
      }
      meta.put([...lines.values()].join('\n'), `refused:${owner}`);
    };
  }
  const hold = page.hold ?? [];
  const release = new Set(page.release ?? []);
  if (hold.length === 0 && release.size === 0) return;
  const held = meta.get(`held:${owner}`);
  held.onsuccess = () => {
    const kept = (Array.isArray(held.result) ? held.result : []).filter((t) => !release.has(t));
    for (const text of hold) if (!kept.includes(text)) kept.push(text);
    if (kept.length > 0) meta.put(kept, `held:${owner}`);
    else meta.delete(`held:${owner}`);
  };
}

/** The record a held op (a JSON text) names, as `recordKey`; '' when it names none. */
function heldRecordKey(text) {
  try {
    const op = JSON.parse(text);
    return typeof op?.entity === 'string' && typeof op?.record === 'string' ? recordKey(op) : '';
  } catch {
    return '';
  }
}

/** How many records outbox rows change, counted as the status line counts them. */
const recordsIn = (rows) => new Set(rows.map(({ op }) => recordKey(op))).size;

/** What a write for a person signed out on this device answers. */
const FORGOTTEN = "this person's data was removed from this device at sign-out; reload the page";

// `forget` counts sign-outs on this device under SIGN_OUTS and leaves `forgotten:<owner>` in
// `meta`, the count at theirs.
const forgottenKey = (owner) => `forgotten:${owner}`;
const SIGN_OUTS = 'sign-outs';

/**
 * `committed(tx)`, unless `owner` was signed out on this device (`forget`'s mark): then `tx`
 * is aborted, undoing all it wrote. Checked in the write's own transaction (which covers
 * `meta`), so nothing that started before the sign-out (another tab's sync or snapshot) lands
 * after it.
 */
function committedFor(tx, owner) {
  let refused = false;
  const mark = tx.objectStore('meta').get(forgottenKey(owner));
  mark.onsuccess = () => {
    refused = mark.result !== undefined;
    if (refused) tx.abort();
  };
  return committed(tx).catch((error) => {
    throw refused ? new Error(FORGOTTEN) : error;
  });
}

/**
 * Calls `then` with `owner`'s highest `seq` in `tx` (which covers `ops` and `meta`): of their
 * rows, or the floor kept when rows at the top were removed (`forgetRecords`).
 */
function highestSeq(tx, owner, then) {
  const floor = tx.objectStore('meta').get(`seq-floor:${owner}`);
  floor.onsuccess = () => {
    const highest = tx
      .objectStore('ops')
      .index('seq')
      .openCursor(IDBKeyRange.bound([owner, -Infinity], [owner, Infinity]), 'prev');
    highest.onsuccess = () => {
      const row = highest.result ? highest.result.value.seq : 0;
      then(Math.max(row, typeof floor.result === 'number' ? floor.result : 0));
    };
  };
}

function storeOver(db) {
  let closed = false;
  // A newer widget in another tab is upgrading the schema: let it. The browser may also close
  // the connection itself (the site's data was cleared).
  db.onversionchange = () => {
    closed = true;
    db.close();
  };
  db.onclose = () => {
    closed = true;
  };
  const getMetaOf = (key) => settled(db.transaction('meta').objectStore('meta').get(key));
  const readAll = (store, owner) =>
    settled(db.transaction(store).objectStore(store).index('owner').getAll(owner));
  // Ops, each one's `seq`, and the highest `seq` among them, or `after` when there are none.
  const withLast = (after) => (rows) => ({
    ops: rows.map((row) => row.op),
    seqs: rows.map((row) => row.seq),
    last: rows.reduce((last, row) => (row.seq > last ? row.seq : last), after),
  });
  const api = {
    goalsOf: (owner) => readAll('goals', owner),
    /** Every op row of `owner`: `{ ops, last }`, `last` the highest `seq` read. */
    opsOf: (owner) => readAll('ops', owner).then(withLast(0)),
    /** The op rows of `owner` stored after `seq` `after`: `{ ops, last }`. */
    opsAfter: (owner, after) =>
      settled(
        db
          .transaction('ops')
          .objectStore('ops')
          .index('seq')
          .getAll(IDBKeyRange.bound([owner, after], [owner, Infinity], true, false)),
      ).then(withLast(after)),
    /**
     * The op rows of `owner` at these `seq`s (rows a snapshot passed unread, read again by
     * every opening); one let go of since is not there: `{ ops, seqs, last }`.
     */
    opsAt: (owner, seqs) => {
      const index = db.transaction('ops').objectStore('ops').index('seq');
      return Promise.all(seqs.map((seq) => settled(index.get([owner, seq])))).then((rows) =>
        withLast(0)(rows.filter((row) => row !== undefined)),
      );
    },
    outboxOf: (owner) => readAll('outbox', owner).then((rows) => rows.map((row) => row.op)),
    /**
     * Writes ops in one transaction; with `outbox` they also wait for the host. Resolves
     * only once committed ('strict': flushed, not just queued), to the `seq` numbers the rows
     * got, `{ first, last }`: consecutive, since transactions that write `ops` run one at a
     * time. With `guard` (`{ after, fields: [{ entity, record, field, op, hlc }], forgets }`,
     * every change made on this device), only while rows of `owner` went `guard.forgets` times
     * (`forgetRecords`), so a tab not yet told never writes to a record let go of since
     * (otherwise `{ changed: true, letGo: true }`); and, for `fields` (an undo's), while no row
     * stored after `seq` `after` (by another tab, unread by the replica that checked the rest)
     * stands on a field instead of its op: one at or after that op's clock (otherwise
     * `{ changed: true }`). Nothing is written then. With `page` (a pull page's, a removal
     * undone's: its held ops and the refused ids, or refusals kept: no ops and the refused
     * ids), `keepPage` in the same transaction.
     */
    addOps(owner, ops, outbox, guard, page) {
      // `outbox` may also list the ids of the ops that wait (a removal undone).
      const waits = Array.isArray(outbox) ? (op) => outbox.includes(op.id) : () => outbox;
      const stores = outbox ? ['ops', 'outbox', 'meta'] : ['ops', 'meta'];
      const tx = db.transaction(stores, 'readwrite', { durability: 'strict' });
      const rows = tx.objectStore('ops');
      const stored = {};
      // The person's highest `seq` so far, read in this transaction: no counter to lose.
      const write = () =>
        highestSeq(tx, owner, (highest) => {
          let seq = highest;
          stored.first = seq + 1;
          for (const op of ops) {
            seq += 1;
            rows.put({ owner, id: op.id, op, seq });
            if (waits(op)) tx.objectStore('outbox').put({ owner, id: op.id, op, queuedAt: Date.now() });
          }
          stored.last = seq;
          if (page) keepPage(tx, owner, page);
        });
      if (!guard) {
        write();
      } else {
        // Records let go of since the replica was read (`forgetRecords`): the write may be to
        // one, which it would put back.
        const counted = tx.objectStore('meta').get(`forgets:${owner}`);
        counted.onsuccess = () => {
          const count = typeof counted.result === 'number' ? counted.result : 0;
          if (count !== guard.forgets) {
            stored.changed = true;
            stored.letGo = true;
            return;
          }
          if (guard.fields.length === 0) {
            write();
            return;
          }
          const later = rows
            .index('seq')
            .getAll(IDBKeyRange.bound([owner, guard.after], [owner, Infinity], true, false));
          later.onsuccess = () => {
            const overtakes = ({ op }) =>
              guard.fields.some(
                (f) =>
                  op.entity === f.entity && op.record === f.record && op.field === f.field &&
                  op.id !== f.op && op.hlc >= f.hlc,
              );
            if (later.result.some(overtakes)) stored.changed = true;
            else write();
          };
        };
      }
      return committedFor(tx, owner).then(() => stored);
    },
    /**
     * The host lost these ops of the person's (restored from an older backup): they wait for
     * it again, those not waiting already, and the mark of the pull owed to find them
     * (`resend:<owner>`) and the acknowledged ops a pull was to show (`echo:<owner>`) go, in
     * one transaction; only while rows of `owner` went `forgets` times (`forgetRecords`), so
     * no op of a record let go of since waits. Resolves to `{ queued, letGo }`.
     */
    sendAgain(owner, ops, forgets) {
      const tx = db.transaction(['outbox', 'meta'], 'readwrite', { durability: 'strict' });
      const outcome = { queued: 0, letGo: false };
      const counted = tx.objectStore('meta').get(`forgets:${owner}`);
      counted.onsuccess = () => {
        if ((typeof counted.result === 'number' ? counted.result : 0) !== forgets) {
          outcome.letGo = true;
          return;
        }
        const outbox = tx.objectStore('outbox');
        for (const op of ops) {
          const waiting = outbox.getKey([owner, op.id]);
          waiting.onsuccess = () => {
            if (waiting.result !== undefined) return;
            outbox.put({ owner, id: op.id, op, queuedAt: Date.now() });
            outcome.queued += 1;
          };
        }
        tx.objectStore('meta').delete(`resend:${owner}`);
        tx.objectStore('meta').delete(`echo:${owner}`);
      };
      return committedFor(tx, owner).then(() => outcome);
    },
    /** The host acknowledged these op ids: they leave the outbox (and stay in `ops`). */
    acknowledge(owner, ids) {
      const tx = db.transaction(['outbox', 'meta'], 'readwrite', { durability: 'strict' });
      for (const id of ids) tx.objectStore('outbox').delete([owner, id]);
      return committedFor(tx, owner);
    },
    /**
     * Deletes every op row of `owner` about the records `keys` names (`entity\u0000record`,
     * one a line) and puts `snapshot` (the replica without them) in place of theirs, in one
     * transaction, so no copy of what they may no longer see is left. The snapshot is put only
     * while rows of `owner` went `forgets` times (the count its replica was read at): made
     * before another tab let go of records, it would still hold them, so then no snapshot is
     * left (the one stored may hold these) and opening reads every row. Unless some of those
     * records have changes still waiting for the host: then nothing changes (they exist
     * nowhere else), or, with `unsent` (records the host refused to create, removed by the
     * person), those changes go from the outbox with them. Resolves to `{ forgotten, forgets,
     * current }`: whether the rows went, how many times rows of `owner` went so far, and
     * whether `snapshot` was put; with `unsent`, also `removed`: `{ ops, waiting, held }`, the
     * ops of the rows deleted, the ids of those that waited and the held texts that went,
     * which `addOps` puts back as they were.
     */
    forgetRecords(owner, keys, snapshot, forgets, unsent) {
      const doomed = new Set(keys.split('\n').filter((key) => key !== ''));
      const tx = db.transaction(['ops', 'outbox', 'meta'], 'readwrite', { durability: 'strict' });
      const outcome = { forgotten: false };
      const waiting = tx.objectStore('outbox').index('owner').getAll(owner);
      waiting.onsuccess = () => {
        const theirs = waiting.result.filter(({ op }) => doomed.has(recordKey(op)));
        if (theirs.length > 0 && !unsent) return;
        for (const { op } of theirs) tx.objectStore('outbox').delete([owner, op.id]);
        // What a removal takes, for its Undo to put back as it was.
        const removed = { ops: [], waiting: theirs.map(({ op }) => op.id), held: [] };
        if (unsent) outcome.removed = removed;
        // Rows removed from the top must not have their `seq` given again: a snapshot says
        // every row up to its `upTo` is in it, so a row stored later under a lower number
        // would never be read.
        highestSeq(tx, owner, (highest) => {
          tx.objectStore('meta').put(highest, `seq-floor:${owner}`);
          const rows = tx.objectStore('ops').index('owner').openCursor(owner);
          rows.onsuccess = () => {
            const row = rows.result;
            if (!row) return;
            if (doomed.has(recordKey(row.value.op))) {
              removed.ops.push(row.value.op);
              row.delete();
            }
            row.continue();
          };
        });
        // An op held unread goes with its record too.
        const held = tx.objectStore('meta').get(`held:${owner}`);
        held.onsuccess = () => {
          if (!Array.isArray(held.result)) return;
          const kept = held.result.filter((text) => !doomed.has(heldRecordKey(text)));
          removed.held = held.result.filter((text) => !kept.includes(text));
          if (kept.length > 0) tx.objectStore('meta').put(kept, `held:${owner}`);
          else tx.objectStore('meta').delete(`held:${owner}`);
        };
        // A dismissal (`<session id> <op id>` a line) goes with its session.
        const dismissed = tx.objectStore('meta').get(`dismissed:${owner}`);
        dismissed.onsuccess = () => {
          if (typeof dismissed.result !== 'string') return;
          const lines = dismissed.result.split('\n');
          const kept = lines.filter((line) => !doomed.has(`session\u0000${line.split(' ')[0]}`));
          if (kept.length < lines.length) tx.objectStore('meta').put(kept.join('\n'), `dismissed:${owner}`);
        };
        // Counted, so another tab holding them in memory reads what is stored again.
        const counted = tx.objectStore('meta').get(`forgets:${owner}`);
        counted.onsuccess = () => {
          const count = typeof counted.result === 'number' ? counted.result : 0;
          outcome.current = count === forgets;
          if (outcome.current) tx.objectStore('meta').put(snapshot, `snapshot:${owner}`);
          else tx.objectStore('meta').delete(`snapshot:${owner}`);
          outcome.forgets = count + 1;
          tx.objectStore('meta').put(outcome.forgets, `forgets:${owner}`);
        };
        outcome.forgotten = true;
      };
      return committedFor(tx, owner).then(() => outcome);
    },
    getMeta: (key) => getMetaOf(key),
    /**
     * Puts `value` under `key` (per person, `<key>:<owner>`, or `person`, the remembered one).
     * With `forgets` (a snapshot's), only while rows of the owner were let go of that many
     * times: resolves to whether it was written.
     */
    putMeta(key, value, forgets) {
      const owner = key === 'person' ? value?.id : key.slice(key.indexOf(':') + 1);
      const tx = db.transaction('meta', 'readwrite', { durability: 'strict' });
      const meta = tx.objectStore('meta');
      let written = forgets === undefined;
      if (written) meta.put(value, key);
      else {
        const count = meta.get(`forgets:${owner}`);
        count.onsuccess = () => {
          written = (count.result ?? 0) === forgets;
          if (written) meta.put(value, key);
        };
      }
      return committedFor(tx, owner).then(() => written);
    },
    /** The sign-outs on this device so far: read before the host is asked who is signed in. */
    signOuts: () => settled(db.transaction('meta').objectStore('meta').get(SIGN_OUTS)),
    /**
     * The host confirmed `owner` is signed in: writes for them are allowed again, unless they
     * signed out after `seen` (`signOuts` before the host was asked), which the confirmation
     * may then predate.
     */
    allowWritesFor(owner, seen) {
      const tx = db.transaction('meta', 'readwrite', { durability: 'strict' });
      const mark = tx.objectStore('meta').get(forgottenKey(owner));
      mark.onsuccess = () => {
        if (mark.result <= (seen ?? 0)) tx.objectStore('meta').delete(forgottenKey(owner));
      };
      return committed(tx);
    },
    /** How many records of `owner`'s have changes waiting for the host (as the status line counts). */
    unsentOf: (owner) =>
      readAll('outbox', owner).then((rows) => recordsIn(rows)),
    /**
     * How many ops of `owner`'s the host refused are kept (`refused:<owner>`, a line per op
     * id): what `forget` keeps unless told to delete them, counted without the widget, which
     * alone can tell how many "Changes not kept" lists (js/element.js `onlyHere`).
     */
    refusedOf: (owner) =>
      getMetaOf(`refused:${owner}`).then(
        (text) => new Set(String(text ?? '').split('\n').map((line) => line.split(' ')[0]).filter(Boolean)).size,
      ),
    /**
     * Removes what is kept for `owner` (their ops, first-version goals, snapshot, pull cursor,
     * directory copy, the ops from the host held unread, and the remembered person when it is
     * them), in one transaction. Changes still waiting for the host exist nowhere else: with
     * any waiting, nothing is removed, or with `keepUnsent` only they stay (their ops, in
     * `ops` and `outbox`; the next sign-in sends them and pulls the rest again). The changes
     * the host refused exist nowhere else either: unless `discardRefused`, they stay (their
     * ops and `refused:<owner>`), listed as not kept at the person's next sign-in here and
     * read by nobody else (every store is partitioned by its owner). It leaves a mark
     * that refuses every later write for `owner`, in any tab, until the host confirms them again (`allowWritesFor`), so a
     * sync or snapshot still under way cannot put anything back, and counts one more letting
     * go in `forgets:<owner>` (never reset), so a tab that read their replica before cannot
     * write its snapshot after they sign in again. Resolves to `{ forgotten, unsent }`.
     */
    forget(owner, keepUnsent = false, discardRefused = false) {
      const stores = ['ops', 'outbox', 'goals', 'meta'];
      const tx = db.transaction(stores, 'readwrite', { durability: 'strict' });
      const outcome = { forgotten: false, unsent: 0 };
      const meta = tx.objectStore('meta');
      // Refused changes are out of the outbox but exist nowhere else either: "Changes not
      // kept" lists them (from `refused:<owner>`, a line per op id) for the person to choose.
      // Asked first, so it is answered by the time the outbox is.
      const refused = meta.get(`refused:${owner}`);
      const waiting = tx.objectStore('outbox').index('owner').getAll(owner);
      waiting.onsuccess = () => {
        const keptIds = new Set(waiting.result.map(({ op }) => op.id));
        outcome.unsent = recordsIn(waiting.result);
        if (outcome.unsent > 0 && !keepUnsent) return;
        if (!discardRefused) {
          for (const line of String(refused.result ?? '').split('\n')) keptIds.add(line.split(' ')[0]);
        }
        for (const store of ['ops', 'goals']) {
          const rows = tx.objectStore(store).index('owner').openKeyCursor(owner);
          rows.onsuccess = () => {
            const row = rows.result;
            if (!row) return;
            // An `ops` key is [owner, op id]: an op waiting for the host (or refused, kept) stays.
            if (!(store === 'ops' && keptIds.has(row.primaryKey[1]))) {
              tx.objectStore(store).delete(row.primaryKey);
            }
            row.continue();
          };
        }
        for (const key of PERSON_META_KEYS) {
          if (!(key === 'refused' && !discardRefused)) meta.delete(`${key}:${owner}`);
        }
        const forgets = meta.get(`forgets:${owner}`);
        forgets.onsuccess = () => {
          const count = typeof forgets.result === 'number' ? forgets.result : 0;
          meta.put(count + 1, `forgets:${owner}`);
        };
        const count = meta.get(SIGN_OUTS);
        count.onsuccess = () => {
          const now = (count.result ?? 0) + 1;
          meta.put(now, SIGN_OUTS);
          meta.put(now, forgottenKey(owner));
        };
        const remembered = meta.get('person');
        remembered.onsuccess = () => {
          if (remembered.result?.id === owner) meta.delete('person');
        };
        outcome.forgotten = true;
      };
      return committed(tx).then(() => outcome);
    },
    // Still used by the store's own tests of the version 1 layout.
    putGoal(record) {
      const tx = db.transaction('goals', 'readwrite', { durability: 'strict' });
      tx.objectStore('goals').put(record);
      return committed(tx);
    },
    close() {
      db.close();
    },
  };
  // On a closed connection `transaction` throws: each call rejects instead, with a reason
  // that says to reload, so a write is refused (not left "Saving…" with every later write
  // queued behind it) and the person is told what to do.
  for (const [key, call] of Object.entries(api)) {
    if (key === 'close') continue;
    api[key] = (...args) => {
      if (closed) return Promise.reject(new Error(CLOSED));
      try {
        return call(...args);
      } catch (error) {
        return Promise.reject(closed ? new Error(CLOSED) : error);
      }
    };
  }
  return api;
}
