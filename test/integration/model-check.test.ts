import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkProcedure, type ModelProblem } from '@parvis/engine';
import { deployProcedure, ProcedureInvalidError } from '@parvis/graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningParvis, startParvis } from '../support/parvis.ts';

// One broken procedure (test/fixtures/broken-procedure): bad FEEL in its DMN file, a form whose
// pattern is no regular expression, a step whose form key links no form. The designer shows what
// checkProcedure finds (designer/src/check/check-model.test.ts); publishing and deploying refuse it
// with the very same problems, and store nothing.
const DIR = join(import.meta.dirname, '../fixtures/broken-procedure');
const read = (file: string) => readFileSync(join(DIR, file), 'utf8');
const BPMN = read('broken.bpmn');
const FORMS = { 'request-form': JSON.parse(read('request-form.form')) };
const BAD_DMN = { name: 'fees.dmn', xml: read('fees.dmn') };
const GOOD_DMN = { name: 'fees.dmn', xml: BAD_DMN.xml.replace('&gt;&gt; "x" &lt;', '-') };
const GOOD_FORMS = {
  'request-form': {
    ...FORMS['request-form'],
    components: [{ id: 'F', key: 'plate', type: 'textfield', label: 'Plaque' }],
  },
  'review-form': { id: 'review-form', components: [{ id: 'D', key: 'done', type: 'checkbox', label: 'Vu' }] },
};

const SIGN_IN = `mutation { signIn(municipality: "demo", email: "analyste@demoville.fr", password: "demo-analyste") { id } }`;
const PUBLISH = `mutation ($input: DeployProcedureInput!) { deployProcedure(input: $input) { version created } }`;
const SOURCE = `query { procedureVersionSource(key: "broken") { version decisions { name xml } forms } }`;

const designerSees = async (decisions: { name: string; xml: string }[]) => {
  const checked = await checkProcedure({ bpmn: BPMN, forms: FORMS, decisions, texts: {} });
  return checked.ok ? [] : checked.errors;
};

describe('one model check: the designer, publishing and deploying refuse the same problems', () => {
  let parvis: RunningParvis;

  beforeAll(async () => {
    parvis = await startParvis();
  });
  afterAll(async () => {
    await parvis?.stop();
  });

  for (const [what, dmn] of [
    ['bad FEEL in a DMN file and a bad form pattern', BAD_DMN],
    ['a form key that links no form and a bad form pattern', GOOD_DMN],
  ] as const) {
    it(`publishing (GraphQL) and deploying name ${what} where the designer does`, async () => {
      // given what the designer shows for the broken procedure
      const expected = await designerSees([dmn]);
      expect(expected.length).toBe(2);

      // when an analyst publishes it
      const analyst = parvis.client();
      await analyst.data(SIGN_IN);
      const published = await analyst.request(PUBLISH, {
        input: { key: 'broken', bpmn: BPMN, decisions: [dmn], forms: FORMS, texts: {} },
      });
      // then the GraphQL error carries the same problems, with their locations
      expect(published.errors?.[0]?.extensions?.code).toBe('PROCEDURE_INVALID');
      expect(published.errors?.[0]?.extensions?.problems).toEqual(expected);

      // when it is deployed (seed, CLI)
      const deployed = await deployProcedure(
        parvis.sql,
        'demo',
        { key: 'broken', title: { fr: 'Cassée', en: 'Broken' }, bpmn: BPMN, decisions: [dmn], forms: FORMS },
        'test',
      ).catch((error: unknown) => error);
      // then it is refused with the same problems
      expect(deployed).toBeInstanceOf(ProcedureInvalidError);
      expect((deployed as ProcedureInvalidError).problems).toEqual(expected as ModelProblem[]);

      // and nothing was stored
      const [stored] = await parvis.sql<{ count: number }[]>`select count(*)::int as count from procedure_versions
        where procedure_key = 'broken'`;
      expect(stored?.count).toBe(0);
    });
  }

  it('publishes the procedure fixed with its DMN file, which the analyst reopens', async () => {
    // given the procedure with its DMN and forms fixed
    const analyst = parvis.client();
    await analyst.data(SIGN_IN);
    const input = { key: 'broken', bpmn: BPMN, decisions: [GOOD_DMN], forms: GOOD_FORMS, texts: {} };
    expect(await designerSees([GOOD_DMN]).then((p) => p.map((x) => x.code))).toContain('FORM_MISSING');
    // when it is published
    const published = await analyst.data<{ deployProcedure: { version: number; created: boolean } }>(PUBLISH, {
      input,
    });
    // then a version is stored with its DMN file
    expect(published.deployProcedure).toEqual({ version: 1, created: true });
    const source = await analyst.data<{
      procedureVersionSource: { version: number; decisions: { name: string; xml: string }[]; forms: object };
    }>(SOURCE);
    expect(source.procedureVersionSource.decisions).toEqual([GOOD_DMN]);
    // and deploying the same files keeps that version
    const again = await deployProcedure(
      parvis.sql,
      'demo',
      { key: 'broken', title: { fr: 'Cassée', en: 'Broken' }, bpmn: BPMN, decisions: [GOOD_DMN], forms: GOOD_FORMS },
      'test',
    );
    expect(again).toEqual({ version: 1, created: false });
  });
});
