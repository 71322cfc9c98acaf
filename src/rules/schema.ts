/** JSON Schema of a rule file (see ./types.ts for the meaning of each field). */
import { CATEGORIES } from '../types.js';

const stringList = { type: 'array', items: { type: 'string', minLength: 1 } } as const;
const category = { enum: [...CATEGORIES] } as const;

export const ruleSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'kind'],
  properties: {
    id: { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]*$' },
    kind: { enum: ['generic', 'phrases', 'platform', 'outlet'] },
    description: { type: 'string' },
    lang: { type: 'string', pattern: '^[a-z]{2}$' },
    bylines: { type: 'array', items: { type: 'string', pattern: '^\\p{Ll}+$' } },
    stopwords: { type: 'array', items: { type: 'string', pattern: '^\\p{Ll}+$' } },
    hosts: stringList,
    fingerprints: {
      type: 'object',
      additionalProperties: false,
      properties: { generator: stringList, scripts: stringList, selectors: stringList, phrases: stringList },
    },
    content: stringList,
    title: stringList,
    authors: stringList,
    published: stringList,
    modified: stringList,
    section: stringList,
    remove: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['category'],
        properties: {
          category,
          name: { type: 'string' },
          selectors: stringList,
          tokens: stringList,
          phrases: stringList,
        },
      },
    },
    phrases: {
      type: 'object',
      propertyNames: category,
      additionalProperties: stringList,
    },
    prompts: {
      type: 'object',
      additionalProperties: false,
      properties: {
        metered: stringList,
        registration: stringList,
        subscription: stringList,
        chrome: stringList,
        subscribes: stringList,
        comments: stringList,
      },
    },
    keep: stringList,
    disable: stringList,
    comments: {
      type: 'object',
      additionalProperties: false,
      properties: {
        container: stringList,
        item: { type: 'string' },
        author: { type: 'string' },
        date: { type: 'string' },
        text: { type: 'string' },
        replies: { type: 'string' },
        provider: { type: 'string' },
        external: stringList,
        gated: stringList,
        // Phrase files: comment vocabulary (src/comments/words.ts).
        says: stringList,
        posted: stringList,
        stamps: stringList,
        headings: stringList,
        nouns: stringList,
        controls: stringList,
        prompts: stringList,
      },
    },
    access: {
      type: 'object',
      additionalProperties: false,
      required: ['state'],
      properties: {
        state: { enum: ['metered', 'registration', 'subscription'] },
        selectors: stringList,
        scripts: stringList,
      },
    },
    checks: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['file'],
        properties: {
          file: { type: 'string' },
          url: { type: 'string' },
          contains: stringList,
          excludes: stringList,
          title: { type: 'string' },
          unconfirmed: { type: 'boolean' },
        },
      },
    },
  },
} as const;
