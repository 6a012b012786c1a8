import fs from 'node:fs/promises';
import path from 'node:path';

import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';

import { OutboxClaimModel, OutboxMessageModel } from '../../models';
import { useEmptiedTestDatabase } from '../../test/support/database';
import { useMailDir } from '../../test/support/mail-dir';
import { createOutbox } from './outbox';
import { createOutboxWorker, retryDelay, type OutboxWorkerSettings } from './outbox-worker';
import type { OutgoingMail, StoredMail } from './outgoing-mail';
import { createEmlFileTransport, type MailTransport } from './transport';

await useEmptiedTestDatabase();

const mailDir = useMailDir();
const logger = pino({ level: 'silent' });
const FROM = 'Expert Booking <bookings@test.localhost>';

function message(n = 1): OutgoingMail {
  return { to: `client${n}@example.com`, subject: `Message ${n}`, text: `Hello ${n}` };
}

function emlTransport() {
  return createEmlFileTransport({ mailDir: mailDir.path, from: FROM, logger });
}

/** Records the id of every message handed to it, then passes it on. */
function recording(inner: MailTransport = emlTransport()) {
  const sent: string[] = [];
  return {
    sent,
    async send(mail: StoredMail) {
      sent.push(mail.id);
      await inner.send(mail);
    },
  };
}

/** Fails the first `failures` sends, then delivers. */
function failingFirst(failures: number, inner: MailTransport = emlTransport()) {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    async send(mail: StoredMail) {
      calls += 1;
      if (calls <= failures) throw new Error(`SMTP is down (${calls})`);
      await inner.send(mail);
    },
  };
}

function testClock(start = '2030-03-04T10:00:00Z') {
  let now = new Date(start);
  return {
    now: () => now,
    advance(ms: number) {
      now = new Date(now.getTime() + ms);
    },
  };
}

const storeOnly = () => createOutbox({ onStored: () => {} });

async function stored() {
  return OutboxMessageModel.find({}).lean();
}

describe('the outbox stores first, then a worker sends', () => {
  it('keeps a message queued until a worker sends it once, as <id>.eml', async () => {
    await storeOnly().enqueue(message());
    const [queued] = await stored();
    expect(queued).toMatchObject({ status: 'queued', attempts: 0, to: 'client1@example.com' });
    expect(await mailDir.entries()).toEqual([]);

    const worker = createOutboxWorker({ transport: emlTransport(), logger });
    expect(await worker.runOnce()).toBe(1);
    expect(await worker.runOnce()).toBe(0);

    const id = queued!._id.toString();
    expect(await mailDir.entries()).toEqual([`${id}.eml`]);
    const [sent] = await stored();
    expect(sent).toMatchObject({ status: 'sent', attempts: 1 });
    expect(sent!.sentAt).toBeInstanceOf(Date);
    const eml = await fs.readFile(path.join(mailDir.path, `${id}.eml`), 'utf8');
    expect(eml).toContain(`Message-ID: <${id}@expert-booking>`);
    expect(eml).toContain('Subject: Message 1');
  });

  it('refuses a malformed message before storing anything', async () => {
    await expect(storeOnly().enqueue({ ...message(), to: 'not an address' })).rejects.toThrow();
    expect(await stored()).toEqual([]);
  });

  it('a started worker sends at once what its process stores, and stops cleanly', async () => {
    const worker = createOutboxWorker({
      transport: emlTransport(),
      logger,
      settings: { pollIntervalMs: 60_000 },
    });
    const outbox = createOutbox({ onStored: () => worker.wake() });
    worker.start();
    try {
      await outbox.enqueue(message(1));
      await vi.waitFor(async () => expect(await mailDir.entries()).toHaveLength(1), {
        timeout: 10_000,
      });
    } finally {
      await worker.stop();
    }

    await outbox.enqueue(message(2));
    expect((await stored()).map(({ subject, status }) => ({ subject, status }))).toEqual(
      expect.arrayContaining([{ subject: 'Message 2', status: 'queued' }]),
    );
    expect(await mailDir.entries()).toHaveLength(1);
  });

  it('a started worker polls for messages other processes stored', async () => {
    const worker = createOutboxWorker({
      transport: emlTransport(),
      logger,
      settings: { pollIntervalMs: 50 },
    });
    worker.start();
    try {
      await storeOnly().enqueue(message());
      await vi.waitFor(async () => expect(await mailDir.entries()).toHaveLength(1), {
        timeout: 10_000,
      });
    } finally {
      await worker.stop();
    }
  });
});

describe('retries', () => {
  const settings: Partial<OutboxWorkerSettings> = {
    retryBaseMs: 1_000,
    retryMaxMs: 60_000,
    maxAttempts: 4,
  };

  it('doubles the wait after each failure, up to a ceiling', () => {
    const delays = [1, 2, 3, 4, 8, 20].map((attempt) =>
      retryDelay(attempt, { retryBaseMs: 1_000, retryMaxMs: 60_000 }),
    );
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 60_000, 60_000]);
  });

  it('retries a failing transport with exponential backoff, then sends once', async () => {
    const clock = testClock();
    const transport = failingFirst(2);
    const worker = createOutboxWorker({ transport, logger, clock: clock.now, settings });
    await createOutbox({ onStored: () => {}, clock: clock.now }).enqueue(message());

    await worker.runOnce();
    let [doc] = await stored();
    expect(doc).toMatchObject({ status: 'queued', attempts: 1, lastError: 'SMTP is down (1)' });
    expect(doc!.nextAttemptAt.getTime() - clock.now().getTime()).toBe(1_000);

    clock.advance(999);
    expect(await worker.runOnce()).toBe(0);
    clock.advance(1);
    expect(await worker.runOnce()).toBe(1);
    [doc] = await stored();
    expect(doc).toMatchObject({ status: 'queued', attempts: 2, lastError: 'SMTP is down (2)' });
    expect(doc!.nextAttemptAt.getTime() - clock.now().getTime()).toBe(2_000);

    clock.advance(2_000);
    expect(await worker.runOnce()).toBe(1);
    [doc] = await stored();
    expect(doc).toMatchObject({ status: 'sent', attempts: 3 });
    expect(transport.calls).toBe(3);
    expect(await mailDir.entries()).toEqual([`${doc!._id.toString()}.eml`]);
  });

  it('gives up after the last attempt and keeps the failure recorded', async () => {
    const clock = testClock();
    const transport = failingFirst(Infinity);
    const worker = createOutboxWorker({ transport, logger, clock: clock.now, settings });
    await storeOnly().enqueue(message());

    for (let attempt = 1; attempt <= 4; attempt += 1) {
      expect(await worker.runOnce()).toBe(1);
      clock.advance(60_000);
    }
    expect(await worker.runOnce()).toBe(0);

    const [doc] = await stored();
    expect(doc).toMatchObject({ status: 'failed', attempts: 4, lastError: 'SMTP is down (4)' });
    expect(transport.calls).toBe(4);
    expect(await mailDir.entries()).toEqual([]);
  });
});

describe('crashes', () => {
  const leaseMs = 60_000;

  it('a message stored by a process killed before sending is sent once by the next', async () => {
    const clock = testClock();
    const killed = createOutboxWorker({ transport: emlTransport(), logger, clock: clock.now });
    await createOutbox({ onStored: () => killed.wake(), clock: clock.now }).enqueue(message());
    // `killed` never started: the process died right after storing.

    const next = createOutboxWorker({ transport: emlTransport(), logger, clock: clock.now });
    await next.runOnce();
    await next.runOnce();

    const [doc] = await stored();
    expect(doc).toMatchObject({ status: 'sent', attempts: 1 });
    expect(await mailDir.entries()).toEqual([`${doc!._id.toString()}.eml`]);
  });

  it('a send cut off after the file was written is retried when the lease ends, without a second file', async () => {
    const clock = testClock();
    let releaseDead: () => void = () => {};
    const dead = createOutboxWorker({
      // Writes the file, then hangs: its process died before recording the send.
      transport: {
        async send(mail) {
          await emlTransport().send(mail);
          await new Promise<void>((resolve) => (releaseDead = resolve));
        },
      },
      logger,
      clock: clock.now,
      settings: { leaseMs },
    });
    await storeOnly().enqueue(message());
    const deadPass = dead.runOnce();
    await vi.waitFor(async () => expect(await mailDir.entries()).toHaveLength(1));
    const [sending] = await stored();
    expect(sending).toMatchObject({ status: 'sending', attempts: 1 });

    const next = recording();
    const successor = createOutboxWorker({
      transport: next,
      logger,
      clock: clock.now,
      settings: { leaseMs },
    });
    expect(await successor.runOnce()).toBe(0);
    clock.advance(leaseMs);
    expect(await successor.runOnce()).toBe(1);

    const [doc] = await stored();
    expect(doc).toMatchObject({ status: 'sent', attempts: 2 });
    expect(next.sent).toEqual([doc!._id.toString()]);
    expect(await mailDir.entries()).toEqual([`${doc!._id.toString()}.eml`]);

    releaseDead();
    await deadPass;
    expect(await mailDir.entries()).toEqual([`${doc!._id.toString()}.eml`]);
  });

  it('a claim whose worker died before recording it is skipped for the next attempt', async () => {
    const clock = testClock();
    await storeOnly().enqueue(message());
    const [queued] = await stored();
    await OutboxClaimModel.create({
      _id: `${queued!._id.toString()}#1`,
      owner: 'dead-worker',
      leaseUntil: new Date(clock.now().getTime() - 1),
    });

    const transport = recording();
    const worker = createOutboxWorker({ transport, logger, clock: clock.now });
    expect(await worker.runOnce()).toBe(0);
    expect(await worker.runOnce()).toBe(1);

    const [doc] = await stored();
    expect(doc).toMatchObject({ status: 'sent', attempts: 2 });
    expect(transport.sent).toEqual([queued!._id.toString()]);
  });
});

describe('several workers on one database', () => {
  it('ten workers racing for one message send it once', async () => {
    await storeOnly().enqueue(message());
    const transports = Array.from({ length: 10 }, () => recording());
    const workers = transports.map((transport) => createOutboxWorker({ transport, logger }));

    await Promise.all(workers.map((worker) => worker.runOnce()));

    expect(transports.flatMap((transport) => transport.sent)).toHaveLength(1);
    expect(await mailDir.entries()).toHaveLength(1);
    const [doc] = await stored();
    expect(doc).toMatchObject({ status: 'sent', attempts: 1 });
  });

  /**
   * Stores `count` messages, starts two workers with `settings`, and waits until every message
   * is sent; answers what each worker's transport was handed.
   */
  async function twoWorkersSend(count: number, settings: Partial<OutboxWorkerSettings>) {
    const transports = [recording(), recording()];
    const workers = transports.map((transport) =>
      createOutboxWorker({ transport, logger, settings }),
    );
    const outbox = storeOnly();
    await Promise.all(Array.from({ length: count }, (_, n) => outbox.enqueue(message(n))));
    workers.forEach((worker) => worker.start());
    try {
      await vi.waitFor(
        async () => {
          const docs = await stored();
          expect(docs.filter((doc) => doc.status !== 'sent')).toEqual([]);
        },
        { timeout: 20_000, interval: 100 },
      );
    } finally {
      await Promise.all(workers.map((worker) => worker.stop()));
    }
    return transports.flatMap((transport) => transport.sent);
  }

  it('two started workers share 40 messages and send each exactly once', async () => {
    const sent = await twoWorkersSend(40, { pollIntervalMs: 20, batchSize: 5 });

    expect(sent).toHaveLength(40);
    expect(new Set(sent).size).toBe(40);
    expect((await mailDir.entries()).filter((name) => name.endsWith('.eml'))).toHaveLength(40);
    expect(await mailDir.entries()).toHaveLength(40);
  });

  it('two started workers keep going through a backlog they share, without waiting for the next poll', async () => {
    // A pass that stopped early would leave the rest for an hour.
    const sent = await twoWorkersSend(60, { pollIntervalMs: 3_600_000, batchSize: 5 });

    expect(new Set(sent).size).toBe(60);
  });
});
