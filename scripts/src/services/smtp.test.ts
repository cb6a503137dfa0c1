import { connect, type Socket } from 'node:net';
import nodemailer from 'nodemailer';
import { afterEach, describe, expect, it } from 'vitest';
import { provideSmtp, type SmtpService } from './smtp.ts';

/** Resolves with the sink's next reply line that starts with `code`. */
function reply(socket: Socket, code: string): Promise<void> {
  return new Promise((resolve) => {
    const onData = (chunk: Buffer) => {
      if (
        chunk
          .toString()
          .split('\r\n')
          .some((line) => line.startsWith(code))
      ) {
        socket.off('data', onData);
        resolve();
      }
    };
    socket.on('data', onData);
  });
}

describe('the SMTP sink', () => {
  let sink: SmtpService | undefined;
  afterEach(() => sink?.stop());

  /** Starts a message on a connection of its own and resets that connection halfway through it. */
  async function resetMidMessage(url: string) {
    const socket = connect(Number(new URL(url).port), '127.0.0.1');
    await reply(socket, '220');
    socket.write('EHLO worker\r\n');
    await reply(socket, '250 ');
    socket.write('MAIL FROM:<mairie@demoville.fr>\r\n');
    await reply(socket, '250');
    socket.write('RCPT TO:<camille@example.fr>\r\n');
    await reply(socket, '250');
    socket.write('DATA\r\n');
    await reply(socket, '354');
    socket.write('Subject: Accusé de réception\r\n\r\nBonjour');
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.resetAndDestroy();
  }

  it('keeps serving when clients reset their connections in the middle of a message', async () => {
    // given a sink, and two pooled connections of a worker killed while they were sending
    sink = await provideSmtp();
    await resetMidMessage(sink.url);
    await resetMidMessage(sink.url);
    await new Promise((resolve) => setTimeout(resolve, 200));

    // then the sink, and the process it runs in, go on: the next message arrives
    await nodemailer
      .createTransport({ url: sink.url })
      .sendMail({ from: 'mairie@demoville.fr', to: 'camille@example.fr', subject: 'Accusé', text: 'Bonjour' });
    expect(sink.messages().map((m) => m.subject)).toEqual(['Accusé']);
  });
});
