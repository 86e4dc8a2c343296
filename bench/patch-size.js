#!/usr/bin/env node
// `npm run build && node bench/patch-size.js` (issue 11): the PATCH engine on requests of 1,000 to 17,000 operations,
// in process. Each figure is a ratio to a baseline measured in the same run on the same body: JSON.parse plus
// JSON.stringify of it, the work any server does to receive and log such a request. A linear engine keeps the ratio
// flat as the operation count grows; the quadratic one grew it with the count. Then the largest PATCH the server
// allows (SCIM_PATCH_MAX_OPERATIONS operations, every one a value filter over a 1000-value attribute) through the
// server's async engine: total time and the longest stall of the event loop.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { ROOT } from './lib/server.js';

const scim = await import(`${ROOT}/dist/src/scim/index.js`);
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const SIZES = [1000, 2000, 4000, 8000, 17000];
const RUNS = 5;
const users = scim.userResourceType();
const user = (emails = 0) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  id: 'u1',
  userName: 'a@example.com',
  active: true,
  ...(emails ? { emails: Array.from({ length: emails }, (_, i) => ({ value: `e${i}@x.co`, type: 'work' })) } : {}),
});
const body = (operations) => ({ schemas: [PATCH_OP], Operations: operations });
const uuid = (i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

const scenarios = {
  'User: N × add one e-mail': (n) => ({ doc: user(), body: body(Array.from({ length: n }, (_, i) => ({ op: 'add', path: 'emails', value: [{ value: `n${i}@x.co` }] }))) }),
  'User: N × add/remove on 999 e-mails': (n) => ({ doc: user(999), body: body(Array.from({ length: n }, (_, i) => ({ op: i % 2 ? 'remove' : 'add', path: 'emails', value: [{ value: `n${i >> 1}@x.co` }] }))) }),
  'User: 1 × add N e-mails': (n) => ({ doc: user(), body: body([{ op: 'add', path: 'emails', value: Array.from({ length: n }, (_, i) => ({ value: `n${i}@x.co` })) }]) }),
  'Group: N × add one member': (n) => ({ group: true, body: body(Array.from({ length: n }, (_, i) => ({ op: 'add', path: 'members', value: [{ value: uuid(i) }] }))) }),
};

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(fn) {
  const samples = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    fn();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

console.log(`PATCH engine, median of ${RUNS}; ratio = engine ÷ (JSON.parse + JSON.stringify of the same body), same run`);
console.log(`${'scenario'.padEnd(38)} ${SIZES.map((n) => `${n} ops`.padStart(18)).join('')}`);
for (const [name, make] of Object.entries(scenarios)) {
  const cells = [];
  for (const n of SIZES) {
    const { doc, body: request, group } = make(n);
    const text = JSON.stringify(request);
    const baseline = time(() => JSON.stringify(JSON.parse(text)));
    const engine = time(() => {
      const parsed = JSON.parse(text);
      if (group) scim.extractMemberChanges(parsed);
      else scim.applyPatch(doc, parsed, { resourceType: users });
    });
    cells.push(`${engine.toFixed(1)} ms ${(engine / baseline).toFixed(1)}×`.padStart(18));
  }
  console.log(`${name.padEnd(38)} ${cells.join('')}`);
}

// The largest PATCH the server takes: 1000 operations (the default cap), each a value filter that visits every one
// of the attribute's 1000 values (the most a User attribute may hold), applied as the server applies it.
const worst = body(Array.from({ length: 1000 }, (_, i) => ({ op: 'replace', path: 'emails[type eq "work"].display', value: `d${i}` })));
const stalls = monitorEventLoopDelay({ resolution: 1 });
const totals = [];
stalls.enable();
for (let run = 0; run < RUNS; run++) {
  const started = performance.now();
  await scim.applyPatchAsync(user(1000), JSON.parse(JSON.stringify(worst)), { resourceType: users, maxValues: 1000 });
  totals.push(performance.now() - started);
}
stalls.disable();
console.log(`largest allowed PATCH (1000 filter operations × 1000 values): ${median(totals).toFixed(0)} ms in total (median of ${RUNS}), longest event-loop stall ${(stalls.max / 1e6).toFixed(1)} ms`);
