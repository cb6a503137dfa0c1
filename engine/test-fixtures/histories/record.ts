// Records the replay fixture of the building-permit procedure (run once, on purpose, when a change
// of the state layout is intended):  npx tsx engine/test-fixtures/histories/record.ts
// The replay test then proves that running requests keep replaying to the same state.

import { writeFileSync } from 'node:fs';
import { compiled, Driver } from '../bpmn.ts';
import { readModel } from '../models/index.ts';

const variables = { trackingCode: 'PC-7', surface: 100 };
const driver = new Driver(await compiled(readModel('building-permit')), { variables });
driver.completeJob('Register');
driver.completeTask('CheckFile', { missing: ['plan'] }, '2026-03-03T10:00:00.000Z');
driver.completeJob('AskDocuments', {}, '2026-03-03T10:01:00.000Z');
driver.send({
  type: 'messageReceived',
  messageName: 'documents-supplied',
  correlationKey: 'PC-7',
  time: '2026-03-10T09:00:00.000Z',
});
driver.completeTask('CheckFile', { missing: [] }, '2026-03-11T09:00:00.000Z');
const halfway = driver.state;
driver.send({ type: 'timerFired', timerId: driver.last('startTimer').timerId, time: '2026-03-26T09:00:00.000Z' });
for (const opinion of ['ok', 'ok', 'reserve']) driver.completeTask('Opinions', { opinion }, '2026-03-27T09:00:00.000Z');
driver.completeJob('Remind', {}, '2026-03-27T10:00:00.000Z');
driver.completeTask('Decide', { decision: 'granted' }, '2026-04-01T09:00:00.000Z');
driver.completeJob('Notify', {}, '2026-04-01T10:00:00.000Z');

const history = {
  model: 'building-permit',
  variables,
  events: driver.events,
  halfway,
  final: driver.state,
  commands: driver.commands,
};
writeFileSync(new URL('./building-permit.json', import.meta.url), `${JSON.stringify(history, null, 2)}\n`);
console.log(`recorded ${driver.events.length} events, final status ${driver.state.status}`);
