import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  from: string;
  /** The headers and body as received. */
  raw: string;
  /** The text body, quoted-printable decoded. */
  text: string;
}

/** A real SMTP server on a loopback port that keeps what it receives, for tests that read mail. */
export interface TestMailbox {
  /** `smtp://127.0.0.1:<port>`, for nodemailer. */
  url: string;
  received: ReceivedMail[];
  /** Resolves with the first mail to `to` not yet taken (already received or still to come). */
  nextMailTo(to: string): Promise<ReceivedMail>;
  close(): Promise<void>;
}

export async function startTestMailbox(): Promise<TestMailbox> {
  const received: ReceivedMail[] = [];
  const taken = new Set<ReceivedMail>();
  const waiting: { to: string; resolve: (mail: ReceivedMail) => void }[] = [];
  const deliver = (mail: ReceivedMail) => {
    received.push(mail);
    const waiter = waiting.findIndex((w) => mail.to.includes(w.to));
    if (waiter < 0) return;
    taken.add(mail);
    waiting.splice(waiter, 1)[0].resolve(mail);
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        deliver({
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          raw,
          text: bodyText(raw),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    nextMailTo(to) {
      const address = to.toLowerCase();
      const mail = received.find((m) => !taken.has(m) && m.to.includes(address));
      if (mail) {
        taken.add(mail);
        return Promise.resolve(mail);
      }
      return new Promise((resolve) => waiting.push({ to: address, resolve }));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function bodyText(raw: string): string {
  const split = raw.indexOf('\r\n\r\n');
  const headers = raw.slice(0, split);
  const body = raw.slice(split + 4);
  if (!/content-transfer-encoding:\s*quoted-printable/i.test(headers)) return body;
  const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}
