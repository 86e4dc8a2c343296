/**
 * Recursive-descent parser for the filter grammar of RFC 7644 §3.4.2.2:
 *
 *   FILTER    = attrExp / logExp / valuePath / *1"not" "(" FILTER ")"
 *   valuePath = attrPath "[" valFilter "]"
 *   attrExp   = (attrPath SP "pr") / (attrPath SP compareOp SP compValue)
 *   logExp    = FILTER SP ("and" / "or") SP FILTER       ; "and" binds tighter than "or"
 *
 * plus `valuePath "." subAttr (SP "pr" / SP compareOp SP compValue)` (`emails[type eq "work"].value eq "x"`), as
 * Entra sends it, read as `emails[type eq "work" and value eq "x"]`.
 *
 * Operators, keywords and attribute names are case-insensitive (RFC 7644 §3.4.2.2); parenthesised groups are
 * accepted without `not` as well. Every error is a ScimError 400 `invalidFilter` naming the position.
 */
import { rfcDialect, type ScimDialect } from '../dialect.js';
import { badRequest, ScimError } from '../errors.js';
import { resolvePath, withSubAttribute, type ResolvedPath } from '../path.js';
import type { ResourceType } from '../schema/resource-type.js';
import { checkComparison, checkFilterable } from './check.js';
import { FILTER_LIMITS, type CompareOperator, type FilterNode, type FilterValue } from './ast.js';

const OPERATORS = new Set<string>(['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WORD = /[A-Za-z0-9_$:.\-]+/y;
const SUB_ATTRIBUTE = /[A-Za-z$][\w$-]*/y;

/** Options of {@link parseFilter}. @public */
export interface ParseFilterOptions {
  /** Applies `booleanStrings` to literals compared with boolean attributes. */
  dialect?: ScimDialect;
}

/** The parser state over one filter text; also used by the PATCH path parser for `attr[filter]`. */
export class FilterParser {
  pos = 0;
  private depth = 0;

  constructor(
    readonly text: string,
    readonly resourceType: ResourceType,
    readonly dialect: ScimDialect = rfcDialect,
  ) {}

  fail(detail: string, at = this.pos): never {
    throw badRequest('invalidFilter', `${detail} at position ${at + 1} of filter "${this.text}"`);
  }

  skipSpace(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
      this.pos++;
    }
  }

  peek(): string {
    return this.text[this.pos] ?? '';
  }

  expect(char: string): void {
    this.skipSpace();
    if (this.text[this.pos] !== char) this.fail(this.pos >= this.text.length ? `expected "${char}" but the filter ended` : `expected "${char}"`);
    this.pos++;
  }

  /** A word (attribute path, operator or keyword); empty string when none. */
  word(): string {
    this.skipSpace();
    WORD.lastIndex = this.pos;
    const match = WORD.exec(this.text);
    if (!match) return '';
    this.pos += match[0].length;
    return match[0];
  }

  /** Reads a keyword if the next word is one of `keywords` (case-insensitive); otherwise leaves the position. */
  keyword(...keywords: string[]): string | undefined {
    const start = this.pos;
    const w = this.word().toLowerCase();
    if (keywords.includes(w)) return w;
    this.pos = start;
    return undefined;
  }

  private enter(): void {
    if (++this.depth > FILTER_LIMITS.maxDepth) this.fail(`nesting deeper than ${FILTER_LIMITS.maxDepth}`);
  }

  /** FILTER (or valFilter when `parent` is the value path's attribute). */
  parseOr(parent?: ResolvedPath): FilterNode {
    let left = this.parseAnd(parent);
    while (this.keyword('or')) left = { kind: 'or', left, right: this.parseAnd(parent) };
    return left;
  }

  private parseAnd(parent?: ResolvedPath): FilterNode {
    let left = this.parseUnary(parent);
    while (this.keyword('and')) left = { kind: 'and', left, right: this.parseUnary(parent) };
    return left;
  }

  private parseUnary(parent?: ResolvedPath): FilterNode {
    this.skipSpace();
    if (this.peek() === '(') return this.parseGroup(parent);
    const start = this.pos;
    if (this.keyword('not')) {
      this.skipSpace();
      if (this.peek() !== '(') this.fail('expected "(" after "not"');
      this.enter();
      const filter = this.parseGroup(parent);
      this.depth--;
      return { kind: 'not', filter };
    }
    const text = this.word();
    if (!text) this.fail(this.pos >= this.text.length ? 'expected an attribute but the filter ended' : `unexpected "${this.peek()}"`, start);
    const path = this.resolve(text, start, parent);
    this.skipSpace();
    if (this.peek() === '[') {
      if (parent) this.fail('value paths cannot be nested');
      const node = this.parseValuePath(path, start);
      return this.peek() === '.' && node.kind === 'valuePath' ? this.parseValuePathSubAttribute(node) : node;
    }
    return this.parseAttrExp(path, start);
  }

  /**
   * `emails[type eq "work"].value eq "x"` — what Entra sends when the matching attribute is a value path
   * (RFC 7644 §3.10 allows `valuePath subAttr` in PATCH paths; filters take it as the same element selection).
   * One element must satisfy both, so it is read as `emails[type eq "work" and value eq "x"]`.
   */
  private parseValuePathSubAttribute(node: Extract<FilterNode, { kind: 'valuePath' }>): FilterNode {
    this.pos++;
    const subStart = this.pos;
    SUB_ATTRIBUTE.lastIndex = this.pos;
    const match = SUB_ATTRIBUTE.exec(this.text);
    if (!match) this.fail('expected a sub-attribute after "."');
    this.pos += match[0].length;
    const sub = this.resolve(match[0], subStart, node.path);
    return { kind: 'valuePath', path: node.path, filter: { kind: 'and', left: node.filter, right: this.parseAttrExp(sub, subStart) } };
  }

  private parseGroup(parent?: ResolvedPath): FilterNode {
    this.enter();
    this.pos++;
    const inner = this.parseOr(parent);
    this.expect(')');
    this.depth--;
    return inner;
  }

  /** `attr[valFilter]`, positioned at "[". */
  parseValuePath(path: ResolvedPath, start: number): FilterNode {
    if (path.subAttribute || path.definition.type !== 'complex' || !path.definition.multiValued) {
      this.fail(`"${path.subAttribute ? `${path.attribute}.${path.subAttribute}` : path.attribute}" is not a multi-valued complex attribute and takes no "[filter]"`, start);
    }
    this.enter();
    this.pos++;
    const filter = this.parseOr(path);
    this.expect(']');
    this.depth--;
    return { kind: 'valuePath', path, filter };
  }

  private resolve(text: string, start: number, parent?: ResolvedPath): ResolvedPath {
    try {
      return parent ? withSubAttribute(parent, text, 'invalidFilter') : resolvePath(text, this.resourceType, 'invalidFilter');
    } catch (error) {
      if (error instanceof ScimError) this.fail(error.message, start);
      throw error;
    }
  }

  private parseAttrExp(path: ResolvedPath, start: number): FilterNode {
    const opStart = this.pos;
    const op = this.word().toLowerCase();
    if (!op) this.fail(this.pos >= this.text.length ? 'expected an operator but the filter ended' : `unexpected "${this.peek()}"`);
    if (op === 'pr') return { kind: 'present', path };
    if (!OPERATORS.has(op)) this.fail(`unknown operator "${op}"`, opStart);
    const valueStart = this.pos;
    const raw = this.literal();
    try {
      const checked = checkComparison(path, op as CompareOperator, raw, this.dialect);
      return { kind: 'compare', op: op as CompareOperator, path: checked.path, value: checked.value };
    } catch (error) {
      if (error instanceof ScimError) this.fail(error.message, valueStart < start ? start : valueStart);
      throw error;
    }
  }

  /** compValue: JSON string, JSON number, true, false or null (keywords case-insensitive). */
  private literal(): FilterValue {
    this.skipSpace();
    const c = this.peek();
    if (c === '"') return this.string();
    if (c === '-' || (c >= '0' && c <= '9')) {
      NUMBER.lastIndex = this.pos;
      const match = NUMBER.exec(this.text);
      if (!match) this.fail('malformed number');
      this.pos += match[0].length;
      return Number(match[0]);
    }
    const start = this.pos;
    const w = this.word().toLowerCase();
    if (w === 'true') return true;
    if (w === 'false') return false;
    if (w === 'null') return null;
    return this.fail(w ? `"${this.text.slice(start, this.pos)}" is not a value (strings need double quotes)` : 'expected a value', start);
  }

  /** A JSON string with JSON escapes (RFC 8259 §7), positioned at the opening quote. */
  private string(): string {
    const start = this.pos;
    const t = this.text;
    let i = start + 1;
    for (;;) {
      if (i >= t.length) this.fail('unterminated string', start);
      const c = t.charCodeAt(i);
      if (c === 34) break;
      if (c === 92) i++;
      i++;
    }
    this.pos = i + 1;
    try {
      return JSON.parse(t.slice(start, i + 1)) as string;
    } catch {
      return this.fail('malformed string (bad escape or control character)', start);
    }
  }

  /** Fails unless only whitespace is left. */
  end(): void {
    this.skipSpace();
    if (this.pos < this.text.length) this.fail(`unexpected "${this.text.slice(this.pos, this.pos + 10)}"`);
  }
}

/**
 * `attrPath op "string"` — the filter a directory sends before almost every write (`userName eq "…"`,
 * `externalId eq "…"`, `displayName eq "…"`) — read in one regular expression instead of the parser's walk, which on
 * a busy server costs far more than its size suggests (BENCHMARKS.md "Lookup path against the floor"). The same
 * checks run in the same order as in the parser (resolve, checkComparison, checkFilterable); anything else, and any
 * input where one of them fails, goes through the parser, so results and error messages are the parser's.
 */
const SINGLE_COMPARISON = /^[ \t\n\r]*([A-Za-z0-9_$:.-]+)[ \t\n\r]+([A-Za-z]+)[ \t\n\r]*("(?:[^"\\]|\\[^])*")[ \t\n\r]*$/;

function singleComparison(text: string, resourceType: ResourceType, dialect: ScimDialect): FilterNode | undefined {
  const match = SINGLE_COMPARISON.exec(text);
  if (!match) return undefined;
  const [, attribute, operator, literal] = match as unknown as [string, string, string, string];
  const op = operator.toLowerCase();
  if (!OPERATORS.has(op) || attribute.toLowerCase() === 'not') return undefined;
  try {
    const path = resolvePath(attribute, resourceType, 'invalidFilter');
    const checked = checkComparison(path, op as CompareOperator, JSON.parse(literal) as string, dialect);
    const node: FilterNode = { kind: 'compare', op: op as CompareOperator, path: checked.path, value: checked.value };
    checkFilterable(node, resourceType);
    return node;
  } catch {
    return undefined;
  }
}

/**
 * Parses a SCIM filter into a {@link FilterNode} with resolved, canonical paths.
 * @throws ScimError 400 `invalidFilter` for a syntax error, an unknown attribute, a literal of the wrong type, an
 *   operator the attribute's type does not allow (RFC 7644 §3.4.2.2), an attribute no storage holds (`password`,
 *   `meta.location`, `groups.$ref`, `members.$ref`), or a filter over the length/depth limits
 * @public
 */
export function parseFilter(text: string, resourceType: ResourceType, options: ParseFilterOptions = {}): FilterNode {
  if (typeof text !== 'string') throw badRequest('invalidFilter', 'the filter must be a string');
  if (text.length > FILTER_LIMITS.maxLength) throw badRequest('invalidFilter', `the filter is longer than ${FILTER_LIMITS.maxLength} characters`);
  const single = singleComparison(text, resourceType, options.dialect ?? rfcDialect);
  if (single) return single;
  const parser = new FilterParser(text, resourceType, options.dialect);
  parser.skipSpace();
  if (parser.pos >= text.length) throw badRequest('invalidFilter', 'the filter is empty');
  const node = parser.parseOr();
  parser.end();
  checkFilterable(node, resourceType);
  return node;
}
