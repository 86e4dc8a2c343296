// Benchmark harness (issue 8), not shipped: command-line flags of `npm run bench`.
import { parseArgs } from 'node:util';

/** Every phase, in the order they run at each concurrency level. */
export const PHASES = ['create', 'groups', 'lookup', 'patch', 'list', 'biggroup', 'graphql'];

export const USAGE = `Usage: npm run bench -- [flags]
  --users N            users per concurrency level (default 2000)
  --concurrency 8,32   parallel requests (and raw connections) per level
  --phases a,b,…       any of ${PHASES.join(', ')} (default: all)
  --big-group N        members of the large group (default 10000)
  --groups N           groups in the initial cycle (default: users / 100, at least 4)
  --profile            run the server with --cpu-prof and print the top costs per phase
  --metrics            only the cost of METRICS=on: two servers (off, on), same SCIM work, alternating slices
                       (--users per side, at the first --concurrency level)
  --profile-dir DIR    where the .cpuprofile goes (default: bench/profiles)
  --keep               keep the temporary data directory
  --json-only          print only the final JSON line
Environment: DATABASE_URL (a PostgreSQL server to use instead of an embedded one; a fresh database is created on it);
  BENCH_METRICS_CALIBRATE=1 with --metrics runs both servers with METRICS=off (the ratios are then the machine's noise).`;

function positiveInt(value, flag) {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new Error(`${flag} must be a positive whole number, got "${value}"`);
  return Number(value);
}

/** Parses argv into frozen options; throws with a message naming the flag. */
export function parseOptions(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      users: { type: 'string', default: '2000' },
      concurrency: { type: 'string', default: '8,32' },
      phases: { type: 'string', default: PHASES.join(',') },
      'big-group': { type: 'string', default: '10000' },
      groups: { type: 'string' },
      profile: { type: 'boolean', default: false },
      metrics: { type: 'boolean', default: false },
      'profile-dir': { type: 'string' },
      keep: { type: 'boolean', default: false },
      'json-only': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) return { help: true };
  const phases = values.phases.split(',').map((p) => p.trim()).filter(Boolean);
  const unknown = phases.filter((p) => !PHASES.includes(p));
  if (unknown.length) throw new Error(`unknown phase(s) ${unknown.join(', ')}; choose from ${PHASES.join(', ')}`);
  const users = positiveInt(values.users, '--users');
  return Object.freeze({
    users,
    concurrency: values.concurrency.split(',').map((c) => positiveInt(c.trim(), '--concurrency')),
    phases: new Set(phases),
    bigGroup: positiveInt(values['big-group'], '--big-group'),
    groups: values.groups ? positiveInt(values.groups, '--groups') : Math.max(4, Math.round(users / 100)),
    profile: values.profile,
    metrics: values.metrics,
    profileDir: values['profile-dir'],
    keep: values.keep,
    jsonOnly: values['json-only'],
  });
}
