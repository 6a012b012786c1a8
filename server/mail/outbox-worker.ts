import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

import type mongoose from 'mongoose';

import {
  isDuplicateKeyError,
  OutboxClaimModel,
  OutboxMessageModel,
  type OutboxMessageDocument,
} from '../../models';
import type { Logger } from '../logger';
import type { SettledMail, StoredMail } from './outgoing-mail';
import type { MailTransport } from './transport';

export interface OutboxWorkerSettings {
  /** How often to look for messages stored by other processes, or due for a retry. */
  pollIntervalMs: number;
  /** How long a claim holds; a message still `sending` after that is retried by any worker. */
  leaseMs: number;
  /** Attempts before a message is marked `failed` for good. */
  maxAttempts: number;
  /** Wait after the first failure; doubled after each further one, up to `retryMaxMs`. */
  retryBaseMs: number;
  retryMaxMs: number;
  /**
   * Messages tried per pass. Each pass reads every queued message (two equality reads), so under
   * a backlog a larger batch reads that list less often: with 100 rather than 20, the mail of a
   * 50-client burst of bookings went out 16-18 s after it instead of 22-24 s, and the bookings
   * themselves ran 2-4 % faster beside it.
   */
  batchSize: number;
}

export const OUTBOX_WORKER_DEFAULTS: OutboxWorkerSettings = {
  pollIntervalMs: 5_000,
  leaseMs: 120_000,
  maxAttempts: 8,
  retryBaseMs: 30_000,
  retryMaxMs: 60 * 60_000,
  batchSize: 100,
};

export interface OutboxWorker {
  /** Sends what is due now, then keeps polling until `stop`. */
  start(): void;
  /** Looks for messages at once (called when this process stores one). */
  wake(): void;
  /** Stops polling and waits for the message being sent, if any, to be recorded. */
  stop(): Promise<void>;
  /** One pass over the messages due now, whether started or not; resolves with how many it tried. */
  runOnce(): Promise<number>;
}

/** The wait before the attempt after the `attempt`-th failed one. */
export function retryDelay(
  attempt: number,
  settings: Pick<OutboxWorkerSettings, 'retryBaseMs' | 'retryMaxMs'>,
): number {
  return Math.min(settings.retryBaseMs * 2 ** (attempt - 1), settings.retryMaxMs);
}

type Seen = Pick<
  OutboxMessageDocument,
  '_id' | 'status' | 'attempts' | 'nextAttemptAt' | 'leaseUntil' | 'topic'
>;

function toStoredMail(message: OutboxMessageDocument): StoredMail {
  return {
    id: message._id.toString(),
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html ?? undefined,
    attachments: message.attachments.map(({ filename, contentType, content }) => ({
      filename,
      contentType,
      content,
    })),
  };
}

/** What the logs may say about a failure: its kind, never its text (it may name the recipient). */
function failureKind(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { errorName: typeof error };
  const { code, responseCode } = error as Error & { code?: unknown; responseCode?: unknown };
  return { errorName: error.name, errorCode: code, responseCode };
}

const RELEASE_LEASE = { leaseOwner: '', leaseUntil: '' };

/**
 * The outbox's back half. Each pass reads the `queued` and `sending` messages (equality queries
 * FerretDB runs in the database), picks those due in memory, and for each one:
 * claims attempt n+1 by inserting the claim `<id>#<n+1>` (the unique `_id` lets one worker win),
 * records the lease on the message, sends it (idempotently by id), and records the outcome.
 * See docs/decisions/007-mail-outbox.md.
 */
export function createOutboxWorker({
  transport,
  logger,
  owner = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`,
  clock = () => new Date(),
  settings: overrides = {},
  onSettled,
}: {
  transport: MailTransport;
  /** Hears how each message with a `topic` ended: sent, or failed for good. */
  onSettled?: (mail: SettledMail) => Promise<void>;
  logger: Logger;
  /** Names this worker in its claims. */
  owner?: string;
  clock?: () => Date;
  settings?: Partial<OutboxWorkerSettings>;
}): OutboxWorker {
  const settings = { ...OUTBOX_WORKER_DEFAULTS, ...overrides };
  let running = false;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let pass: Promise<void> | undefined;
  let wokenDuringPass = false;

  async function claim(id: mongoose.Types.ObjectId, attempt: number): Promise<Date | undefined> {
    const now = clock();
    const claimId = `${id.toString()}#${attempt}`;
    const leaseUntil = new Date(now.getTime() + settings.leaseMs);
    try {
      await OutboxClaimModel.create({ _id: claimId, owner, leaseUntil });
      return leaseUntil;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const holder = await OutboxClaimModel.findById(claimId).lean();
      if (holder && holder.leaseUntil <= now) {
        // Its worker stopped between claiming and recording the claim on the message: count
        // the attempt as made, so a later pass claims the next one instead of this one forever.
        await OutboxMessageModel.updateOne({ _id: id }, { $max: { attempts: attempt } });
      }
      return undefined;
    }
  }

  /** Tells `onSettled` of a message's end; its failure is logged, the message's outcome stands. */
  async function settled(
    message: Pick<OutboxMessageDocument, '_id' | 'topic'>,
    status: SettledMail['status'],
  ) {
    if (!onSettled || !message.topic) return;
    try {
      await onSettled({ id: message._id.toString(), topic: message.topic, status });
    } catch (error) {
      logger.error({ err: error, mailId: message._id.toString() }, 'mail outcome not recorded');
    }
  }

  async function recordFailure(
    message: Pick<OutboxMessageDocument, '_id' | 'topic'>,
    attempt: number,
    error: unknown,
  ) {
    const id = message._id;
    const gaveUp = attempt >= settings.maxAttempts;
    const lastError = error instanceof Error ? error.message : String(error);
    // Only while the claim is still ours: after our lease ran out another worker may have sent it.
    await OutboxMessageModel.updateOne(
      { _id: id, leaseOwner: owner, attempts: attempt },
      gaveUp
        ? { $set: { status: 'failed', lastError }, $unset: RELEASE_LEASE }
        : {
            $set: {
              status: 'queued',
              lastError,
              nextAttemptAt: new Date(clock().getTime() + retryDelay(attempt, settings)),
            },
            $unset: RELEASE_LEASE,
          },
    );
    logger.warn(
      { mailId: id.toString(), attempt, gaveUp, ...failureKind(error) },
      gaveUp ? 'mail not sent; giving up' : 'mail not sent; will retry',
    );
    if (gaveUp) await settled(message, 'failed');
  }

  /** Tries one message; true when this worker made an attempt at it. */
  async function attempt(seen: Seen): Promise<boolean> {
    const number = seen.attempts + 1;
    if (number > settings.maxAttempts) {
      // The last attempt was claimed but never finished (its worker stopped).
      await OutboxMessageModel.updateOne(
        { _id: seen._id, attempts: seen.attempts },
        {
          $set: { status: 'failed', lastError: 'The last attempt did not finish.' },
          $unset: RELEASE_LEASE,
        },
      );
      await settled(seen, 'failed');
      return false;
    }
    const leaseUntil = await claim(seen._id, number);
    if (!leaseUntil) return false;
    // Read and leased in one round trip, only as this pass saw it: since then only the worker of
    // an attempt whose lease ran out can have moved it (sent it, or queued it for a retry), and
    // then the claim waits out its lease like one whose worker stopped.
    const message = await OutboxMessageModel.findOneAndUpdate(
      { _id: seen._id, status: seen.status },
      { $set: { status: 'sending', attempts: number, leaseOwner: owner, leaseUntil } },
      { new: true },
    ).lean();
    if (!message) return false;
    try {
      await transport.send(toStoredMail(message));
    } catch (error) {
      await recordFailure(message, number, error);
      return true;
    }
    await OutboxMessageModel.updateOne(
      { _id: seen._id },
      { $set: { status: 'sent', sentAt: clock() }, $unset: RELEASE_LEASE },
    );
    await settled(message, 'sent');
    return true;
  }

  /**
   * One pass over the messages due now: how many it tried, and whether it should go on at once
   * because more were due than it took. Whether it tried all it took does not say: another
   * worker reading the same messages may have claimed some first, and stopping then would leave
   * a shared backlog to one batch a poll. A pass that tried none goes on no further, so a batch
   * of messages held by a stopped worker's unexpired claims is not read again and again.
   */
  async function passOnce(): Promise<{ tried: number; more: boolean }> {
    const now = clock();
    const fields = '_id status attempts nextAttemptAt leaseUntil topic';
    // Two top-level equalities rather than `$in` or a range: those FerretDB would evaluate by
    // reading the whole collection. The queued set stays small, so filtering here is cheap.
    const [queued, sending] = await Promise.all([
      OutboxMessageModel.find({ status: 'queued' }, fields).lean<Seen[]>(),
      OutboxMessageModel.find({ status: 'sending' }, fields).lean<Seen[]>(),
    ]);
    const due = [
      ...queued.filter((message) => message.nextAttemptAt <= now),
      ...sending.filter((message) => !message.leaseUntil || message.leaseUntil <= now),
    ].sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime());
    let tried = 0;
    for (const message of due.slice(0, settings.batchSize)) {
      if (stopping) break;
      if (await attempt(message)) tried += 1;
    }
    return { tried, more: tried > 0 && due.length > settings.batchSize };
  }

  async function runOnce(): Promise<number> {
    return (await passOnce()).tried;
  }

  function schedule() {
    clearTimeout(timer);
    if (running) timer = setTimeout(wake, settings.pollIntervalMs);
  }

  function wake() {
    if (!running) return;
    if (pass) {
      wokenDuringPass = true;
      return;
    }
    pass = (async () => {
      do {
        wokenDuringPass = false;
        try {
          while (running && (await passOnce()).more);
        } catch (error) {
          logger.error({ err: error }, 'mail outbox pass failed');
        }
      } while (running && wokenDuringPass);
    })().finally(() => {
      pass = undefined;
      schedule();
    });
  }

  return {
    start() {
      if (running) return;
      running = true;
      stopping = false;
      wake();
    },
    wake,
    async stop() {
      running = false;
      stopping = true;
      clearTimeout(timer);
      await pass;
    },
    runOnce,
  };
}
