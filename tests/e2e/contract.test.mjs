// The reference portal answers as docs/adapter.md and docs/schema/ say, and the documented
// examples follow the schemas: a host developer can trust both.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import Ajv2020 from 'ajv/dist/2020.js';
import { startPortal } from './harness.mjs';

const schema = (name) => JSON.parse(readFileSync(`docs/schema/${name}.schema.json`, 'utf8'));
const example = (name) => JSON.parse(readFileSync(`docs/examples/${name}.json`, 'utf8'));
const ajv = new Ajv2020({ allErrors: true });
ajv.addSchema(schema('op'));
const validators = Object.fromEntries(
  ['error', 'session', 'directory', 'push', 'push-reply', 'pull-reply', 'preferences-met'].map((name) => [
    name,
    ajv.compile(schema(name)),
  ]),
);

function assertValid(name, value) {
  const validate = validators[name];
  assert.ok(validate(value), `${name}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(value).slice(0, 500)}`);
}

describe('adapter v1 contract', () => {
  let portal;
  before(async () => {
    portal = await startPortal();
  });
  after(() => portal?.stop());

  const get = async (path, person) => {
    const response = await fetch(`${portal.url}${path}`, {
      headers: person ? { cookie: `mentoring_demo_person=${person}` } : {},
    });
    return { status: response.status, body: await response.json() };
  };

  it('documents examples that follow the schemas', () => {
    for (const name of ['error', 'session', 'directory', 'push', 'push-reply', 'pull-reply', 'preferences-met']) {
      assertValid(name, example(name));
    }
  });

  it('answers the session as the schema says, and errors as error objects', async () => {
    const signedIn = await get('/api/mentoring/v1/session', 'amira');
    assert.equal(signedIn.status, 200);
    assertValid('session', signedIn.body);
    const signedOut = await get('/api/mentoring/v1/session');
    assert.equal(signedOut.status, 401);
    assertValid('error', signedOut.body);
    const unknown = await get('/api/mentoring/v1/nothing-here', 'amira');
    assert.equal(unknown.status, 404);
    assertValid('error', unknown.body);
  });

  it('answers the directory as the schema says', async () => {
    const directory = await get('/api/mentoring/v1/directory', 'james');
    assert.equal(directory.status, 200);
    assertValid('directory', directory.body);
    assert.ok(directory.body.people.length >= 30);
  });

  it('answers which mentors meet a person\'s preferences as the schema says', async () => {
    // The demo's Fatima prefers a mentor who shares her gender and background; Layla and
    // Noura, whom Find a mentor could offer her, do. (Amira is paired in both programmes, so
    // she is answered for nobody.)
    const met = await get('/api/mentoring/v1/preferences/met', 'fatima');
    assert.equal(met.status, 200);
    assertValid('preferences-met', met.body);
    assert.ok(met.body.mentors.length >= 1, JSON.stringify(met.body));
    const signedOut = await get('/api/mentoring/v1/preferences/met');
    assert.equal(signedOut.status, 401);
    assertValid('error', signedOut.body);
  });

  it('answers push and pull as the schemas say', async () => {
    const pulled = await get('/api/mentoring/v1/ops?since=0', 'amira');
    assert.equal(pulled.status, 200);
    assertValid('pull-reply', pulled.body);
    assert.ok(pulled.body.ops.length > 0, 'the demo programme comes down');
    const push = example('push');
    const response = await fetch(`${portal.url}/api/mentoring/v1/ops`, {
      method: 'POST',
      headers: { cookie: 'mentoring_demo_person=amira', 'content-type': 'application/json' },
      body: JSON.stringify(push),
    });
    assert.equal(response.status, 200);
    const reply = await response.json();
    assertValid('push-reply', reply);
    assert.equal(reply.acknowledged.length + reply.rejected.length, push.ops.length);
  });

  it('rejects a schema violation (the check itself can fail)', () => {
    assert.equal(validators.session({ version: 1, person: { id: 'a b', name: '' } }), false);
  });
});
