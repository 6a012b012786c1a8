import { z } from 'zod';

export const MailAttachmentSchema = z.object({
  filename: z.string().min(1),
  contentType: z.string().min(1),
  content: z.string().min(1),
});

/** One e-mail as the outbox stores it: complete, so it can be sent long after it was made. */
export const OutgoingMailSchema = z.object({
  to: z.email(),
  subject: z.string().trim().min(1),
  text: z.string().min(1),
  html: z.string().min(1).optional(),
  attachments: z.array(MailAttachmentSchema).default([]),
});

export type MailAttachment = z.infer<typeof MailAttachmentSchema>;
export type OutgoingMail = z.input<typeof OutgoingMailSchema>;

/** An outgoing mail with the outbox's id, which names it everywhere it is sent or written. */
export type StoredMail = z.output<typeof OutgoingMailSchema> & { id: string };

/**
 * How services send e-mail: they hand a message to the outbox and move on. Storing is the whole
 * promise; a worker sends it later, retrying until it goes out.
 */
export interface MailOutbox {
  /**
   * `id` (24 hex digits) makes storing idempotent: a message with that id already stored (by this
   * or another process) is left as it is. `topic` is handed to the worker's `onSettled`.
   */
  enqueue(message: OutgoingMail, options?: { id?: string; topic?: string }): Promise<void>;
}

/** How a stored message ended, told to whoever asked through its `topic`. */
export interface SettledMail {
  id: string;
  topic: string;
  status: 'sent' | 'failed';
}
