/**
 * Internal: what one directory's SCIM endpoint offers, from its settings — the User resource type with the custom
 * extension schemas it declares (RFC 7643 §3.3, §6), and the authentication schemes it accepts (RFC 7643 §5).
 */
import * as scim from '../scim/index.js';
import type { CustomSchemaDeclaration, DirectoryInfo } from '../plugin-api/port.js';

/** `urn:…:CustomExtensionName:2.0:User` → `CustomExtensionName` (the name a bare list of attribute names gets). */
function nameFromUrn(urn: string): string {
  const segments = urn.split(':').slice(2).filter((s) => s && !/^\d+(\.\d+)*$/.test(s) && s.toLowerCase() !== 'user');
  return segments.at(-1) ?? urn;
}

function declarationOf(urn: string, declared: CustomSchemaDeclaration | readonly string[]): CustomSchemaDeclaration {
  if (!Array.isArray(declared)) return declared as CustomSchemaDeclaration;
  return { name: nameFromUrn(urn), attributes: (declared as readonly string[]).map((name) => ({ name, type: 'string', multiValued: false, caseExact: false })) };
}

/**
 * The directory's custom extension schemas as `/Schemas` publishes them. The host validates what admins declare;
 * a declaration written into the database by hand that the toolkit refuses (a bad URN or name) is left out, so
 * its data is answered as undeclared (400) instead of every request failing.
 */
export function customExtensions(dir: DirectoryInfo): scim.SchemaDefinition[] {
  const out: scim.SchemaDefinition[] = [];
  // By URN, case-insensitively, as GraphQL lists them (the settings are jsonb, which keeps no key order).
  const entries = Object.entries(dir.settings.customSchemas ?? {}).sort(([a], [b]) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0));
  for (const [id, declared] of entries) {
    const { name, attributes } = declarationOf(id, declared);
    try {
      out.push(
        scim.defineExtensionSchema({
          id,
          name,
          description: `${name}: a custom extension schema this directory declares`,
          attributes: attributes.map((a) => ({
            name: a.name,
            type: a.type,
            multiValued: a.multiValued,
            caseExact: a.caseExact,
            description: a.cardField ? `Feeds the card's ${a.cardField}.` : '',
          })),
        }),
      );
    } catch {
      continue;
    }
  }
  return out;
}

/** The directory's resource types, rebuilt only when its custom schemas change. */
export function directoryTypes(): (dir: DirectoryInfo) => { user: scim.ResourceType; group: scim.ResourceType } {
  const cache = new Map<string, { key: string; user: scim.ResourceType; group: scim.ResourceType }>();
  // By the (frozen) settings object first: a cached principal keeps the same one, and a request asks for its types
  // several times, so the custom schemas are not serialised on every ask (BENCHMARKS.md "Lookup path against the floor").
  const bySettings = new WeakMap<object, { key: string; user: scim.ResourceType; group: scim.ResourceType }>();
  return (dir) => {
    const known = bySettings.get(dir.settings);
    if (known) return known;
    const key = JSON.stringify(dir.settings.customSchemas ?? {});
    let entry = cache.get(dir.id);
    if (!entry || entry.key !== key) {
      if (cache.size > 10_000) cache.clear();
      entry = { key, user: scim.userResourceType(customExtensions(dir)), group: scim.groupResourceType() };
      cache.set(dir.id, entry);
    }
    bySettings.set(dir.settings, entry);
    return entry;
  };
}

/** RFC 7643 §5 `authenticationSchemes`: the Secret Token unless refused, and Entra-issued OAuth tokens when accepted. */
export function authenticationSchemes(dir: DirectoryInfo): Record<string, unknown>[] {
  const oauth = dir.settings.oauth;
  const secret = oauth?.refuseStaticToken ? [] : [{ ...scim.SECRET_TOKEN_AUTHENTICATION }];
  if (!oauth) return secret;
  return [
    ...secret,
    {
      type: 'oauthbearertoken',
      name: 'OAuth Bearer Token (Microsoft Entra ID)',
      description: "Access tokens the directory's Entra tenant issues for the configured audience, in the Authorization header (RFC 6750)",
      specUri: 'https://www.rfc-editor.org/info/rfc6750',
      primary: secret.length === 0,
    },
  ];
}

const URN_PREFIX = /^urn:/i;

/** Whether a stored value still fits its attribute's type (a declaration may have changed since it was written). */
function fits(definition: scim.AttributeDefinition, value: unknown): boolean {
  if (definition.multiValued) return Array.isArray(value) && value.every((v) => fits({ ...definition, multiValued: false }, v));
  switch (definition.type) {
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return Number.isInteger(value);
    case 'decimal':
      return typeof value === 'number';
    default:
      return typeof value === 'string';
  }
}

/**
 * A stored user document as the directory's User type reads it today: data under an extension schema it no longer
 * declares, attributes a declaration dropped and values of a changed type are left out (and out of `schemas`), so
 * they are neither returned nor carried into the next PUT or PATCH, which would refuse them. A document without
 * such data is returned as it is.
 */
export function declaredAttributes(attributes: Record<string, unknown>, userType: scim.ResourceType): Record<string, unknown> {
  let out: Record<string, unknown> | undefined;
  for (const key of Object.keys(attributes)) {
    if (!URN_PREFIX.test(key)) continue;
    const extension = userType.index.extensions.get(key.toLowerCase());
    const value = attributes[key];
    if (extension && (extension.schema.id === scim.enterpriseUserSchema.id || typeof value !== 'object' || value === null)) continue;
    const entries = extension ? Object.entries(value as Record<string, unknown>) : [];
    const kept = entries.filter(([name, v]) => {
      const definition = extension!.attributes.get(name.toLowerCase());
      return definition !== undefined && fits(definition, v);
    });
    if (extension && kept.length === entries.length) continue;
    out ??= { ...attributes };
    if (kept.length) out[key] = Object.fromEntries(kept);
    else delete out[key];
  }
  if (!out) return attributes;
  if (Array.isArray(out.schemas)) {
    const result = out;
    out.schemas = (out.schemas as unknown[]).filter((s) => typeof s !== 'string' || !s.toLowerCase().startsWith('urn:') || s === userType.schema.id || result[s] !== undefined);
  }
  return out;
}
