import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLEnumType, GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { liveTypeDefs } from '../live/schema.ts';
import { resolvers, typeDefs } from '../schema.ts';
import { ENUMS_WITH_INNER_WORDS, innerWord, schemaWord } from './enum-words.ts';

// The schema as the server builds it, without the resolvers that need a database.
const schema = makeExecutableSchema({ typeDefs: [...typeDefs, liveTypeDefs], resolvers: resolvers.slice(0, 2) });

describe('enum values: SCREAMING_CASE in the schema, the old words inside', () => {
  it('spells every value of every enum in SCREAMING_CASE', () => {
    const enums = Object.values(schema.getTypeMap()).filter(
      (type): type is GraphQLEnumType => type.constructor.name === 'GraphQLEnumType' && !type.name.startsWith('__'),
    );
    const lower = enums.flatMap((type) => type.getValues().filter((v) => !/^[A-Z][A-Z0-9_]*$/.test(v.name)));
    expect(lower.map((v) => v.name)).toEqual([]);
  });

  it("hands resolvers a renamed enum's inner word, and answers clients in the schema's word", () => {
    const channel = schema.getType('Channel') as GraphQLEnumType;
    expect(channel.getValue('WEB')?.value).toBe('web');
    expect(channel.serialize('open311')).toBe('OPEN311');
    expect((schema.getType('RequestSort') as GraphQLEnumType).getValue('DEADLINE_FIRST')?.value).toBe('deadlineFirst');
    // a default value reaches the resolver as the inner word too
    const requests = (schema.getQueryType() as GraphQLObjectType).getFields().requests!;
    expect(requests.args.find((a) => a.name === 'order')?.defaultValue).toBe('newestFirst');
  });

  it('lists only enums the schema has, each word going there and back', () => {
    for (const name of ENUMS_WITH_INNER_WORDS) expect(schema.getType(name), name).toBeDefined();
    for (const word of ['web', 'open311', 'newestFirst', 'roundRobin', 'requestFiled'])
      expect(innerWord(schemaWord(word))).toBe(word);
  });
});
