import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import { GraphQLError, isEnumType, isInputObjectType, isInterfaceType, isObjectType, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import pino from 'pino';
import { startApollo } from '../../src/graphql/apollo.js';
import type { GraphQLContext } from '../../src/graphql/context.js';
import { formatError, GRAPHQL_CODES } from '../../src/graphql/format-error.js';
import { queryDepth } from '../../src/graphql/limits.js';
import { printSdl } from '../../src/graphql/print-schema.js';
import { createSchema } from '../../src/graphql/schema.js';
import { loadConfig } from '../../src/config/config.js';
import { DomainError } from '../../src/domain/errors.js';

describe('schema.graphql', () => {
  it('is what the code builds (run `npm run schema:print` after changing src/graphql)', async () => {
    const checkedIn = await readFile(new URL('../../schema.graphql', import.meta.url), 'utf8');
    expect(checkedIn).toBe(await printSdl());
  });

  it('describes every type, field, argument and input field', async () => {
    const schema = await createSchema();
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || ['String', 'Boolean', 'Int', 'Float', 'ID'].includes(type.name)) continue;
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isEnumType(type) && !type.description) missing.push(type.name);
    }
    expect(missing).toEqual([]);
  });
});

describe('error edge', () => {
  const located = (original: Error) => new GraphQLError(original.message, { path: ['users'], originalError: original });

  it('maps every domain error code once', () => {
    expect(GRAPHQL_CODES).toMatchObject({ INVALID_INPUT: 'BAD_USER_INPUT', NOT_FOUND: 'NOT_FOUND', VERSION_MISMATCH: 'CONFLICT', SEAT_LIMIT_REACHED: 'SEAT_LIMIT_REACHED' });
    const error = new DomainError('SEAT_LIMIT_REACHED', 'no licence seat left', { field: 'seats' });
    expect(formatError({ message: error.message, path: ['x'] }, located(error))).toEqual({ message: 'no licence seat left', path: ['x'], extensions: { code: 'SEAT_LIMIT_REACHED', field: 'seats' } });
  });

  it('masks unknown errors: no message, stack or SQL', () => {
    const leak = new Error('relation "app_user" does not exist: select * from app_user');
    const formatted = formatError({ message: leak.message, path: ['users'], extensions: { stacktrace: ['at x'] } }, located(leak));
    expect(formatted).toEqual({ message: 'Internal server error', path: ['users'], extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });

  it('keeps GraphQL’s own errors but never their stack trace', () => {
    const syntax = new GraphQLError('Syntax Error: Expected Name', { extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
    expect(formatError({ message: syntax.message, extensions: { code: 'GRAPHQL_PARSE_FAILED', stacktrace: ['x'] } }, syntax)).toEqual({ message: syntax.message, extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
  });
});

describe('limits and introspection', () => {
  it('measures depth through fragments and ignores introspection fields', () => {
    expect(queryDepth(parse('{ users { edges { node { ...U } } } } fragment U on User { card { id } }'))).toBe(5);
    expect(queryDepth(parse('{ __schema { types { fields { type { ofType { name } } } } } }'))).toBe(0);
  });

  it('turns introspection off when NODE_ENV=production', async () => {
    const schema = await createSchema();
    const run = async (env: 'production' | 'test') => {
      const server = await startApollo(schema, loadConfig({ NODE_ENV: env, PUBLIC_URL: 'https://cards.example.com' }));
      const contextValue = { log: pino({ level: 'silent' }), statements: { count: 0 } } as unknown as GraphQLContext;
      const response = await server.executeOperation({ query: '{ __schema { queryType { name } } }' }, { contextValue });
      await server.stop();
      return response.body.kind === 'single' ? response.body.singleResult : undefined;
    };
    expect((await run('test'))?.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    expect((await run('production'))?.errors?.[0]?.message).toMatch(/introspection is not allowed/i);
  });
});
