import { describe, expect, it } from 'vitest';
import { bpmn, chain, compiled, Driver, flow, T0 } from '../../test-fixtures/bpmn.ts';
import { start } from './interpreter.ts';

const definitions = `<bpmn:message id="replyMessage" name="citizen-reply" /><bpmn:message id="paidMessage" name="payment-received" />`;

const inclusiveModel = bpmn(`
  <bpmn:startEvent id="start" />
  <bpmn:inclusiveGateway id="notify" default="toMail" />
  <bpmn:userTask id="email" /><bpmn:userTask id="sms" /><bpmn:userTask id="mail" />
  <bpmn:inclusiveGateway id="notified" />
  <bpmn:endEvent id="end" />
  ${flow('f0', 'start', 'notify')}
  ${flow('toEmail', 'notify', 'email', '=wantsEmail')}
  ${flow('toSms', 'notify', 'sms', '=wantsSms')}
  ${flow('toMail', 'notify', 'mail')}
  ${flow('e1', 'email', 'notified')}${flow('s1', 'sms', 'notified')}${flow('m1', 'mail', 'notified')}
  ${flow('f9', 'notified', 'end')}`);

describe('inclusive gateway', () => {
  it('forks to every flow whose condition holds, and the join waits only for those', async () => {
    // given
    const driver = new Driver(await compiled(inclusiveModel), { variables: { wantsEmail: true, wantsSms: true } });
    // when
    const afterEmail = driver.completeTask('email');
    const afterSms = driver.completeTask('sms');
    // then
    expect(driver.all('openTask').map((task) => task.elementId)).toEqual(['email', 'sms']);
    expect(afterEmail).toEqual([]);
    expect(afterSms).toMatchObject([{ type: 'complete' }]);
  });

  it('takes the default flow when no condition holds, and the join does not wait for paths not taken', async () => {
    // given
    const driver = new Driver(await compiled(inclusiveModel), { variables: { wantsEmail: false, wantsSms: false } });
    // when
    const commands = driver.completeTask('mail');
    // then
    expect(driver.all('openTask').map((task) => task.elementId)).toEqual(['mail']);
    expect(commands).toMatchObject([{ type: 'complete' }]);
  });
});

describe('event-based gateway', () => {
  it('waits for the first of a message and a timer, then closes the other wait', async () => {
    // given
    const ir = await compiled(
      bpmn(
        `<bpmn:startEvent id="start" /><bpmn:eventBasedGateway id="waitReply" />
         <bpmn:intermediateCatchEvent id="reply"><bpmn:messageEventDefinition messageRef="replyMessage" /></bpmn:intermediateCatchEvent>
         <bpmn:intermediateCatchEvent id="noReply"><bpmn:timerEventDefinition><bpmn:timeDuration>P15D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
         <bpmn:userTask id="readReply" /><bpmn:userTask id="closeRequest" />
         ${flow('f0', 'start', 'waitReply')}${flow('f1', 'waitReply', 'reply')}${flow('f2', 'waitReply', 'noReply')}
         ${flow('f3', 'reply', 'readReply')}${flow('f4', 'noReply', 'closeRequest')}`,
        { definitions },
      ),
    );
    const driver = new Driver(ir);
    // when
    const commands = driver.send({
      type: 'messageReceived',
      messageName: 'citizen-reply',
      variables: { text: 'ok' },
      time: T0,
    });
    // then
    expect(driver.all('waitMessage')).toHaveLength(1);
    expect(driver.all('startTimer')).toHaveLength(1);
    expect(commands).toMatchObject([
      { type: 'cancelTimer', elementId: 'noReply' },
      { type: 'openTask', elementId: 'readReply', variables: { text: 'ok' } },
    ]);
  });
});

describe('tasks', () => {
  it('a receive task waits for its message', async () => {
    // given
    const ir = await compiled(
      bpmn(
        `<bpmn:startEvent id="start" /><bpmn:receiveTask id="pay" messageRef="paidMessage" /><bpmn:endEvent id="end" />${chain(['start', 'pay', 'end'])}`,
        {
          definitions,
        },
      ),
    );
    const driver = new Driver(ir);
    // when
    const commands = driver.send({
      type: 'messageReceived',
      messageName: 'payment-received',
      variables: { amount: 12 },
      time: T0,
    });
    // then
    expect(driver.all('waitMessage')).toMatchObject([{ elementId: 'pay', messageName: 'payment-received' }]);
    expect(commands).toEqual([{ type: 'complete', variables: { amount: 12 } }]);
  });

  it('manual and undefined tasks pass straight through', async () => {
    // given
    const ir = await compiled(
      bpmn(
        `<bpmn:startEvent id="start" /><bpmn:manualTask id="stamp" /><bpmn:task id="file" /><bpmn:endEvent id="end" />${chain(['start', 'stamp', 'file', 'end'])}`,
      ),
    );
    // when
    const step = start(ir, { time: T0 });
    // then
    expect(step.commands).toEqual([{ type: 'complete', variables: {} }]);
  });

  it('send and business-rule tasks run as jobs', async () => {
    // given
    const ir = await compiled(
      bpmn(`<bpmn:startEvent id="start" />
        <bpmn:sendTask id="letter"><bpmn:extensionElements><zeebe:taskDefinition type="post-letter" retries="1" /></bpmn:extensionElements></bpmn:sendTask>
        <bpmn:businessRuleTask id="fees"><bpmn:extensionElements><zeebe:taskDefinition type="compute-fees" /></bpmn:extensionElements></bpmn:businessRuleTask>
        <bpmn:endEvent id="end" />${chain(['start', 'letter', 'fees', 'end'])}`),
    );
    const driver = new Driver(ir);
    // when
    driver.completeJob('letter');
    // then
    expect(driver.all('runJob')).toMatchObject([
      { elementId: 'letter', jobType: 'post-letter', retries: 1 },
      { elementId: 'fees', jobType: 'compute-fees', retries: 3 },
    ]);
  });
});
