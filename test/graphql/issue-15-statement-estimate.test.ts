/**
 * The statement estimate behind GRAPHQL_MAX_STATEMENTS counts what a field declares with `@Extensions({ statements })`:
 * the preview plan and its users page each send two statements (figures or page, then template candidates), so an
 * operation is refused before it runs when those would take it over the limit, not half-way by the guard.
 */
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createSchema } from '../../src/graphql/schema.js';
import { statementEstimate } from '../../src/graphql/statement-limit.js';

describe('statement estimate', () => {
  it('counts a root field as one and the preview plan and its users page as two each', async () => {
    const schema = await createSchema();
    const estimate = (query: string) => statementEstimate(schema, { document: parse(query) });
    expect(estimate('{ directory(id: "d") { id } }')).toBe(1);
    expect(estimate('{ directory(id: "d") { preview { groupCount } } }')).toBe(3);
    expect(estimate('{ directory(id: "d") { preview { groupCount users(first: 5) { edges { node { id } } } } } }')).toBe(5);
    expect(estimate('{ a: directory(id: "d") { preview { groupCount } } b: directory(id: "e") { preview { groupCount } } }')).toBe(6);
  });
});
