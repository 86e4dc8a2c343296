import { scim } from 'cardbridge/plugin';

/**
 * How Okta's provisioning speaks SCIM 2.0 (developer.okta.com, "Okta and SCIM Version 2.0"): profile updates by
 * PUT of the whole user (with `id`, `meta`, `groups: []` and a `password` in the body), deactivation by a PATCH
 * without a path (`{"op":"replace","value":{"active":false}}`), lookups by `userName eq`, lists paged with
 * `startIndex`/`count=100`, Group Push renaming with a no-path replace whose value carries the group's `id`.
 */
export const oktaDialect = scim.defineDialect({
  // Okta sends lower-case op names; accepting any case costs nothing and matches RFC 7644 §3.5.2's spirit.
  operationNamesCaseInsensitive: true,
  booleanStrings: false,
  replaceUnmatchedValuePathAdds: false,
  managerAsString: false,
  nullMeansAbsent: true,
  // Okta may list its own extension URNs in `schemas` (Okta SCIM 2.0 guide: custom attributes).
  ignoreUnknownSchemas: true,
  maxPageSize: 200,
});
