import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readModel } from '../../test-fixtures/models/index.ts';
import { compile } from './compile.ts';

const models = ['building-permit', 'processes/contact/contact'].map(readModel);

type Mutation = (xml: string) => string;

const truncate =
  (at: number): Mutation =>
  (xml) =>
    xml.slice(0, Math.floor(at * xml.length));

const swapLines =
  (a: number, b: number): Mutation =>
  (xml) => {
    const lines = xml.split('\n');
    const i = Math.floor(a * lines.length);
    const j = Math.floor(b * lines.length);
    [lines[i], lines[j]] = [lines[j]!, lines[i]!];
    return lines.join('\n');
  };

const dropLine =
  (a: number): Mutation =>
  (xml) => {
    const lines = xml.split('\n');
    lines.splice(Math.floor(a * lines.length), 1);
    return lines.join('\n');
  };

/** Exchanges the values of two attributes anywhere in the file (ids, refs, expressions…). */
const swapAttributes =
  (a: number, b: number): Mutation =>
  (xml) => {
    const values = [...xml.matchAll(/="([^"]*)"/g)];
    const first = values[Math.floor(a * values.length)];
    const second = values[Math.floor(b * values.length)];
    if (!first || !second || first.index === second.index) return xml;
    const [low, high] = first.index! < second.index! ? [first, second] : [second, first];
    return (
      xml.slice(0, low.index) +
      `="${high[1]}"` +
      xml.slice(low.index! + low[0].length, high.index) +
      `="${low[1]}"` +
      xml.slice(high.index! + high[0].length)
    );
  };

const replaceAttribute =
  (a: number, text: string): Mutation =>
  (xml) => {
    const values = [...xml.matchAll(/="([^"]*)"/g)];
    const target = values[Math.floor(a * values.length)];
    if (!target) return xml;
    const safe = text.replace(/["<&]/g, '');
    return `${xml.slice(0, target.index)}="${safe}"${xml.slice(target.index! + target[0].length)}`;
  };

const unit = fc.double({ min: 0, max: 0.9999, noNaN: true });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  unit.map(truncate),
  fc.tuple(unit, unit).map(([a, b]) => swapLines(a, b)),
  unit.map(dropLine),
  fc.tuple(unit, unit).map(([a, b]) => swapAttributes(a, b)),
  fc.tuple(unit, fc.string({ maxLength: 12 })).map(([a, text]) => replaceAttribute(a, text)),
);

describe('compile under fuzzing', () => {
  it('never throws nor hangs on mutated real models, and every error says something', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...models),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        async (model, mutations) => {
          // given
          const xml = mutations.reduce((text, mutate) => mutate(text), model);
          // when
          const started = performance.now();
          const result = await compile(xml);
          // then
          expect(performance.now() - started).toBeLessThan(2_000);
          if (!result.ok) {
            expect(result.errors.length).toBeGreaterThan(0);
            for (const error of result.errors) {
              expect(error.code).toMatch(/^[A-Z_]+$/);
              expect(error.code).not.toBe('INTERNAL');
              expect(error.messageFr, error.code).toBeTruthy();
              expect(error.message.length).toBeGreaterThan(10);
            }
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
