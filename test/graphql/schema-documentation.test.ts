/**
 * schema.graphql is documentation (issue 13): every type, field, argument, input field and enum value has a
 * description in capitalised sentences ending with a full stop, and the Relay connection types follow the Relay
 * Cursor Connections specification (PageInfo, XConnection, XEdge, first/after).
 */
import 'reflect-metadata';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSchema } from '../../src/graphql/schema.js';

const BUILT_IN = new Set(['String', 'Boolean', 'Int', 'Float', 'ID']);
// Abbreviations a sentence may contain without ending there.
const ABBREVIATIONS = /\b(?:e\.g|i\.e|etc|vs|cf|approx|no)\.$/i;

/** What is wrong with a description, or undefined when it reads as capitalised sentences ending with a full stop. */
function descriptionProblem(description: string | null | undefined): string | undefined {
  const text = description?.trim();
  if (!text) return 'has no description';
  if (!/^[A-Z]/.test(text)) return `does not start with a capital letter: "${text.slice(0, 60)}"`;
  // A full stop may sit inside a closing quote, bracket or code span: …"Refused: no seat was left.".
  if (!/\.["”')`]?$/.test(text)) return `does not end with a full stop: "…${text.slice(-60)}"`;
  // Each sentence: a full stop, then white space, then a lower-case letter starts no sentence.
  const sentences = text.split(/(?<=\.)\s+(?=\S)/);
  for (let i = 1; i < sentences.length; i++) {
    if (ABBREVIATIONS.test(sentences[i - 1]!)) continue;
    if (/^[a-z]/.test(sentences[i]!)) return `has a sentence that does not start with a capital letter: "${sentences[i]!.slice(0, 60)}"`;
  }
  return undefined;
}

/** Every undescribed or badly described element of the schema, as `Type.field(arg)` with the problem. */
function documentationProblems(schema: GraphQLSchema): string[] {
  const problems: string[] = [];
  const check = (where: string, description: string | null | undefined) => {
    const problem = descriptionProblem(description);
    if (problem) problems.push(`${where} ${problem}`);
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || BUILT_IN.has(type.name)) continue;
    check(type.name, type.description);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        check(`${type.name}.${field.name}`, field.description);
        for (const arg of 'args' in field ? field.args : []) check(`${type.name}.${field.name}(${arg.name})`, arg.description);
      }
    }
    if (isEnumType(type)) for (const value of type.getValues()) check(`${type.name}.${value.name}`, value.description);
  }
  return problems;
}

const typeString = (type: GraphQLOutputType | undefined) => (type ? String(type) : 'missing');

/** Where the schema departs from the Relay Cursor Connections specification. */
function relayProblems(schema: GraphQLSchema): string[] {
  const problems: string[] = [];
  const pageInfo = schema.getType('PageInfo');
  if (!isObjectType(pageInfo)) return ['PageInfo is missing'];
  const expected: Record<string, string> = { hasPreviousPage: 'Boolean!', hasNextPage: 'Boolean!', startCursor: 'String', endCursor: 'String' };
  for (const [name, type] of Object.entries(expected)) {
    const actual = typeString(pageInfo.getFields()[name]?.type);
    if (actual !== type) problems.push(`PageInfo.${name} must be ${type}, is ${actual}`);
  }
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || !type.name.endsWith('Connection')) continue;
    const node = type.name.slice(0, -'Connection'.length);
    const fields = type.getFields();
    if (typeString(fields.edges?.type) !== `[${node}Edge!]!`) problems.push(`${type.name}.edges must be [${node}Edge!]!, is ${typeString(fields.edges?.type)}`);
    if (typeString(fields.pageInfo?.type) !== 'PageInfo!') problems.push(`${type.name}.pageInfo must be PageInfo!, is ${typeString(fields.pageInfo?.type)}`);
    const edge = schema.getType(`${node}Edge`);
    if (!isObjectType(edge)) {
      problems.push(`${node}Edge is missing`);
      continue;
    }
    const edgeFields = edge.getFields();
    if (typeString(edgeFields.cursor?.type) !== 'String!') problems.push(`${node}Edge.cursor must be String!, is ${typeString(edgeFields.cursor?.type)}`);
    const nodeType = edgeFields.node?.type;
    if (!nodeType || !isNonNullType(nodeType) || isListType(nodeType.ofType) || isScalarType(getNamedType(nodeType))) {
      problems.push(`${node}Edge.node must be a non-null object, is ${typeString(nodeType)}`);
    }
  }
  // Fields that return a connection page with first/after (and last/before together, if at all).
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(isObjectType(type) || isInterfaceType(type)) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
      const returned = getNamedType(field.type);
      if (!isObjectType(returned) || !returned.name.endsWith('Connection')) continue;
      const where = `${type.name}.${field.name}`;
      const args = Object.fromEntries(field.args.map((arg) => [arg.name, arg]));
      if (!args.first || getNamedType(args.first.type).name !== 'Int') problems.push(`${where} must take first: Int`);
      if (!args.after || String(args.after.type) !== 'String') problems.push(`${where} must take after: String`);
      if (Boolean(args.last) !== Boolean(args.before)) problems.push(`${where} must take last and before together`);
      if (!args.last && !/forward/i.test(`${field.description} ${args.after?.description}`)) {
        problems.push(`${where} pages forward only: say so in its description or its after argument's`);
      }
    }
  }
  return problems;
}

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await createSchema();
});

describe('the checks', () => {
  it('accept capitalised sentences ending with a full stop, abbreviations and code included', () => {
    expect(descriptionProblem('The card. Null when none.')).toBeUndefined();
    expect(descriptionProblem('What was asked, e.g. createUser. `first` is 1–100.')).toBeUndefined();
    expect(descriptionProblem('In plain words, e.g. "Refused: no seat was left."')).toBeUndefined();
  });

  it('refuse missing, lower-case, unfinished and badly joined descriptions', () => {
    expect(descriptionProblem(undefined)).toBe('has no description');
    expect(descriptionProblem('  ')).toBe('has no description');
    expect(descriptionProblem('vCard download.')).toMatch(/capital letter/);
    expect(descriptionProblem('The card')).toMatch(/full stop/);
    expect(descriptionProblem('The card. null when none.')).toMatch(/sentence that does not start/);
  });
});

describe('schema.graphql as documentation', () => {
  it('describes every type, field, argument, input field and enum value in capitalised sentences ending with a full stop', () => {
    const problems = documentationProblems(schema);
    expect(
      problems,
      `Describe these in src/graphql (the description option of @ObjectType, @InputType, @Field, @Arg, registerEnumType and its valuesConfig) in capitalised sentences that end with a full stop and say what the resolver does (permissions, errors), then run npm run schema:print > schema.graphql:\n  ${problems.join('\n  ')}\n`,
    ).toEqual([]);
  });

  it('has Relay connections exactly to the Relay Cursor Connections specification', () => {
    const problems = relayProblems(schema);
    expect(
      problems,
      `Build connections with connectionType and toConnection (src/graphql/common/connection.ts) and describe \`after\` with AFTER_DESCRIPTION. The Relay specification treats every type whose name ends in "Connection" as a connection type: give another type another name (e.g. DirectoryConnectionStatus):\n  ${problems.join('\n  ')}\n`,
    ).toEqual([]);
    // Checked for every connection of the schema: users, groups' members, cards, groups, the provisioning log.
    expect(Object.keys(schema.getTypeMap()).filter((name) => name.endsWith('Connection')).length).toBeGreaterThanOrEqual(4);
  });
});
