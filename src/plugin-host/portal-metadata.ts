/**
 * Internal: checks a plugin's portal metadata (`PluginDefinition.portal`) when it loads. Every problem is named
 * with its place (`portal.setupSteps[2].links[0].url`), so a partner fixes it without reading host code; the
 * result is a frozen copy, so nothing the plugin keeps a reference to can change what the portal shows later.
 */
import { PORTAL_PLACEHOLDERS, type PortalMetadata, type PortalPlaceholder, type PortalSetupStep } from '../plugin-api/portal.js';

const MAX_LOGO_BYTES = 32 * 1024;
const MAX_STEPS = 30;
const PLACEHOLDERS = new Set<string>(PORTAL_PLACEHOLDERS);
/** Control characters other than tab and line breaks (plain text never needs them). */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const PLACEHOLDER_IN_TEXT = /\{([A-Za-z]+)\}/g;

/**
 * What an SVG logo must not hold: anything that runs (script, event handlers, `javascript:`), embeds other
 * documents (foreignObject, iframe, DOCTYPE and entities) or fetches (references other than `#id`, `@import`).
 * The host also serves it under a CSP that runs nothing; refusing these keeps the markup inert anywhere.
 */
const UNSAFE_SVG: [RegExp, string][] = [
  [/<\s*script/i, 'a <script> element'],
  [/<\s*foreignObject/i, 'a <foreignObject> element'],
  [/<\s*(iframe|embed|object|audio|video|image|use)\b/i, 'an element that loads other content (iframe, embed, object, audio, video, image, use)'],
  [/<!DOCTYPE|<!ENTITY/i, 'a DOCTYPE or entity declaration'],
  [/\son[a-z]+\s*=/i, 'an event-handler attribute (on…=)'],
  [/javascript:/i, 'a javascript: URL'],
  [/\b(xlink:)?href\s*=\s*(["'])(?!#)/i, 'a reference to something outside the logo (only href="#id" is allowed)'],
  [/url\(\s*(["']?)(?!#)/i, 'a url(…) outside the logo (only url(#id) is allowed)'],
  [/@import/i, 'an @import'],
];

function fail(where: string, problem: string): never {
  throw new Error(`${where} ${problem}`);
}

function text(value: unknown, where: string, max: number, options: { multiline?: boolean; optional?: boolean } = {}): string | undefined {
  if (value === undefined && options.optional) return undefined;
  if (typeof value !== 'string' || !value.trim()) fail(where, 'must be a non-empty string');
  if (value.length > max) fail(where, `must be at most ${max} characters (it has ${value.length})`);
  if (CONTROL.test(value) || (!options.multiline && /[\r\n]/.test(value))) fail(where, options.multiline ? 'must not hold control characters' : 'must be one line of plain text');
  return value;
}

function placeholdersIn(value: string, where: string): void {
  for (const [, name] of value.matchAll(PLACEHOLDER_IN_TEXT)) {
    if (!PLACEHOLDERS.has(name!)) fail(where, `names the unknown placeholder {${name}} (known: ${PORTAL_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')})`);
  }
}

function httpsUrl(value: unknown, where: string): string {
  const raw = text(value, where, 2_000)!;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    fail(where, `must be an absolute https: URL (got "${raw}")`);
  }
  if (url.protocol !== 'https:') fail(where, `must be an https: URL (got "${raw}")`);
  return url.href;
}

function list<T>(value: unknown, where: string, max: number, each: (item: unknown, where: string) => T, options: { min?: number } = {}): T[] {
  if (!Array.isArray(value)) fail(where, 'must be an array');
  if (value.length < (options.min ?? 0)) fail(where, `must hold at least ${options.min}`);
  if (value.length > max) fail(where, `must hold at most ${max} (it has ${value.length})`);
  return value.map((item, i) => each(item, `${where}[${i}]`));
}

function object(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(where, 'must be an object');
  return value as Record<string, unknown>;
}

function logo(value: unknown, where: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') fail(where, 'must be SVG markup as a string');
  if (Buffer.byteLength(value) > MAX_LOGO_BYTES) fail(where, `must be at most ${MAX_LOGO_BYTES} bytes`);
  const markup = value.trim();
  if (!/^(<\?xml[^>]*\?>\s*)?<svg[\s>]/i.test(markup) || !/<\/svg>$/i.test(markup)) fail(where, 'must be one <svg …>…</svg> element');
  if (!/\bxmlns\s*=\s*["']http:\/\/www\.w3\.org\/2000\/svg["']/.test(markup)) fail(where, 'must declare xmlns="http://www.w3.org/2000/svg" (browsers show an SVG without it as XML)');
  for (const [pattern, what] of UNSAFE_SVG) if (pattern.test(markup)) fail(where, `must not hold ${what}`);
  return markup;
}

function step(value: unknown, where: string): PortalSetupStep {
  const raw = object(value, where);
  const title = text(raw.title, `${where}.title`, 120)!;
  const body = text(raw.body, `${where}.body`, 2_000, { multiline: true })!;
  placeholdersIn(title, `${where}.title`);
  placeholdersIn(body, `${where}.body`);
  const values = raw.values === undefined ? undefined : list(raw.values, `${where}.values`, 10, (item, at) => {
    const v = object(item, at);
    const placeholder = v.placeholder;
    if (typeof placeholder !== 'string' || !PLACEHOLDERS.has(placeholder)) fail(`${at}.placeholder`, `must be one of ${PORTAL_PLACEHOLDERS.join(', ')}`);
    return Object.freeze({ label: text(v.label, `${at}.label`, 80)!, placeholder: placeholder as PortalPlaceholder });
  });
  const links = raw.links === undefined ? undefined : list(raw.links, `${where}.links`, 10, (item, at) => {
    const link = object(item, at);
    return Object.freeze({ label: text(link.label, `${at}.label`, 200)!, url: httpsUrl(link.url, `${at}.url`) });
  });
  return Object.freeze({ title, body, ...(values ? { values: Object.freeze(values) } : {}), ...(links ? { links: Object.freeze(links) } : {}) });
}

/** The metadata checked and frozen; throws an Error whose message names the field (the loader adds the plugin). */
export function checkPortalMetadata(value: unknown): PortalMetadata | undefined {
  if (value === undefined) return undefined;
  const raw = object(value, 'portal');
    const matchingAttributes =
      raw.matchingAttributes === undefined
        ? undefined
        : list(raw.matchingAttributes, 'portal.matchingAttributes', 2, (item, at) => {
            const choice = object(item, at);
            if (choice.attribute !== 'userName' && choice.attribute !== 'externalId') fail(`${at}.attribute`, 'must be userName or externalId');
            if (choice.isDefault !== undefined && typeof choice.isDefault !== 'boolean') fail(`${at}.isDefault`, 'must be a boolean');
            return Object.freeze({
              attribute: choice.attribute,
              providerAttribute: text(choice.providerAttribute, `${at}.providerAttribute`, 120)!,
              description: text(choice.description, `${at}.description`, 500, { multiline: true })!,
              isDefault: choice.isDefault === true,
            });
          }, { min: 1 });
    if (matchingAttributes) {
      if (new Set(matchingAttributes.map((c) => c.attribute)).size !== matchingAttributes.length) fail('portal.matchingAttributes', 'must name each attribute once');
      if (matchingAttributes.filter((c) => c.isDefault).length > 1) fail('portal.matchingAttributes', 'must mark at most one choice isDefault');
    }
    if (raw.supportsOAuth !== undefined && typeof raw.supportsOAuth !== 'boolean') fail('portal.supportsOAuth', 'must be a boolean');
    const logoSvg = logo(raw.logoSvg, 'portal.logoSvg');
    const credentialsLocation = text(raw.credentialsLocation, 'portal.credentialsLocation', 120, { optional: true });
    const docsUrl = raw.docsUrl === undefined ? undefined : httpsUrl(raw.docsUrl, 'portal.docsUrl');
    return Object.freeze({
      displayName: text(raw.displayName, 'portal.displayName', 60)!,
      description: text(raw.description, 'portal.description', 500, { multiline: true })!,
      ...(logoSvg ? { logoSvg } : {}),
      ...(docsUrl ? { docsUrl } : {}),
      ...(credentialsLocation ? { credentialsLocation } : {}),
      setupSteps: Object.freeze(list(raw.setupSteps, 'portal.setupSteps', MAX_STEPS, step, { min: 1 })),
      ...(matchingAttributes ? { matchingAttributes: Object.freeze(matchingAttributes) } : {}),
      supportsOAuth: raw.supportsOAuth === true,
    });
}
