// Benchmark harness (issue 8): request bodies shaped as Microsoft Entra ID's provisioning service sends them
// (Microsoft Learn, "Develop and plan provisioning for a SCIM endpoint"; plugins/entra/test/fixtures).
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const DEPARTMENTS = ['Sales', 'Engineering', 'Finance', 'Marketing', 'Support', 'Legal', 'Operations', 'Research'];
const TITLES = ['Engineer', 'Account Executive', 'Analyst', 'Designer', 'Manager', 'Consultant', 'Director'];
const CITIES = [
  { locality: 'Redmond', region: 'WA', postalCode: '98052', country: 'US' },
  { locality: 'Dublin', region: 'Leinster', postalCode: 'D02', country: 'IE' },
  { locality: 'Berlin', region: 'BE', postalCode: '10115', country: 'DE' },
];

/** The userName of user `i` of a run prefix (`c8`, `c32`, …). */
export function userName(prefix, i) {
  return `${prefix}.user${String(i).padStart(6, '0')}@bench.example.com`;
}

/** The parts of a user's profile the raw baseline stores in columns (what cardbridge derives from the body). */
export function userProfile(prefix, i) {
  const given = `Given${i}`;
  const family = `Family${prefix}`;
  return {
    userName: userName(prefix, i),
    externalId: `${prefix}-ext-${i}`,
    email: userName(prefix, i),
    displayName: `${given} ${family}`,
    givenName: given,
    familyName: family,
    title: TITLES[i % TITLES.length],
    department: DEPARTMENTS[i % DEPARTMENTS.length],
  };
}

/**
 * `POST /Users` as Entra sends it on an initial cycle: enterprise extension with manager, a work e-mail, two
 * phones, a work address, `roles: []` and `meta.resourceType`. `managerId` is a user provisioned earlier.
 */
export function createUserBody(prefix, i, managerId) {
  const p = userProfile(prefix, i);
  const city = CITIES[i % CITIES.length];
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
    externalId: p.externalId,
    userName: p.userName,
    active: true,
    displayName: p.displayName,
    title: p.title,
    preferredLanguage: 'en-US',
    name: { formatted: p.displayName, familyName: p.familyName, givenName: p.givenName },
    emails: [{ primary: true, type: 'work', value: p.email }],
    phoneNumbers: [
      { type: 'work', value: `+1 425 555 ${String(i % 10000).padStart(4, '0')}` },
      { type: 'mobile', value: `+1 206 555 ${String((i * 7) % 10000).padStart(4, '0')}` },
    ],
    addresses: [{ type: 'work', formatted: `${i} Main St, ${city.locality}`, streetAddress: `${i} Main St`, ...city, primary: false }],
    [ENTERPRISE]: {
      employeeNumber: String(100000 + i),
      department: p.department,
      costCenter: `CC-${i % 50}`,
      organization: 'Bench Corp',
      ...(managerId ? { manager: { value: managerId } } : {}),
    },
    roles: [],
    meta: { resourceType: 'User' },
  };
}

/** `POST /Groups` as Entra sends it (with its ADSCIM schema URN). */
export function createGroupBody(prefix, g) {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group', 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/Group'],
    externalId: `${prefix}-grp-${g}`,
    displayName: groupName(prefix, g),
    meta: { resourceType: 'Group' },
  };
}

export function groupName(prefix, g) {
  return `${prefix} Group ${String(g).padStart(4, '0')}`;
}

/** A membership PATCH (`"op":"Add"` / `"Remove"`, capitalised as Entra sends it). */
export function membersPatch(op, userIds) {
  return {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
    Operations: [{ op, path: 'members', value: userIds.map((value) => ({ $ref: null, value })) }],
  };
}

/**
 * An incremental-cycle PATCH: `Replace` of 1–3 attributes picked by `k`, as Entra sends attribute changes; also
 * returns the column values the raw baseline writes for the same change.
 */
export function replacePatch(k) {
  const title = `${TITLES[k % TITLES.length]} ${k}`;
  const department = DEPARTMENTS[(k * 3) % DEPARTMENTS.length];
  const phone = `+1 425 555 ${String((k * 13) % 10000).padStart(4, '0')}`;
  const all = [
    { op: 'Replace', path: 'title', value: title },
    { op: 'Replace', path: `${ENTERPRISE}:department`, value: department },
    { op: 'Replace', path: 'phoneNumbers[type eq "work"].value', value: phone },
  ];
  const n = 1 + (k % 3);
  return {
    body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: all.slice(0, n) },
    columns: { title, department: n >= 2 ? department : null, phone: n >= 3 ? phone : null },
  };
}

/** `filter=userName eq "…"` as a query string. */
export function userFilterQuery(name) {
  return `filter=${encodeURIComponent(`userName eq "${name}"`)}`;
}

/** Entra's group lookup before a create: by displayName, without members. */
export function groupFilterQuery(name) {
  return `filter=${encodeURIComponent(`displayName eq "${name}"`)}&excludedAttributes=members`;
}
