import type { AppLoadContext } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';

import {
  AvailabilitySchema,
  sessionLengths,
  type Availability,
} from '../../shared/schemas/availability';
import type { LengthPreview } from '../components/console/availability-preview';
import type { Slot } from '../../shared/schemas/expert';
import { parseWithZod } from './conform-zod.server';
import {
  afterSave,
  replyWithFailure,
  savedMark,
  throwPageFailure,
} from './console-failures.server';
import { knownTimeZones } from './time-zones';

/** Whoever is signed in, as the services take it. */
type Actor = Parameters<AppLoadContext['services']['experts']['updateAvailability']>[0];

export const EXPERT_NOT_FOUND = 'We could not find that expert.';

/**
 * The next days' slots of every length the rules offer, the default first: the default's from
 * `defaultSlots` when already known, each other length through the service's preview.
 */
async function previewEveryLength(
  context: AppLoadContext,
  actor: Actor,
  expertId: string | undefined,
  rules: Availability,
  defaultSlots?: Slot[],
): Promise<LengthPreview[]> {
  const { experts } = context.services;
  return Promise.all(
    sessionLengths(rules).map(async (sessionMinutes, index) => ({
      sessionMinutes,
      slots:
        index === 0 && defaultSlots
          ? defaultSlots
          : await experts.previewAvailability(actor, expertId, rules, { sessionMinutes }),
    })),
  );
}

/** The availability editor's data: the expert's rules, the preview and the zones to pick from. */
export async function loadAvailabilityEditor(
  context: AppLoadContext,
  actor: Actor,
  expertId: string | undefined,
  request: Request,
) {
  try {
    const view = await context.services.experts.availabilityEditor(actor, expertId);
    const preview = await previewEveryLength(
      context,
      actor,
      expertId,
      view.availability,
      view.preview,
    );
    return { ...view, preview, timeZones: knownTimeZones(), savedAt: savedMark(request) };
  } catch (error) {
    throwPageFailure(error, EXPERT_NOT_FOUND);
  }
}

/**
 * The editor's action. A list intent (add or remove hours) answers the form as it now is, also
 * without JavaScript; a valid submit saves through the service, which checks the actor, and
 * redirects back (post/redirect/get) with a "saved" note and the new preview.
 */
export async function saveAvailability(
  context: AppLoadContext,
  actor: Actor,
  expertId: string | undefined,
  formData: FormData,
  request: Request,
) {
  const submission = parseWithZod(formData, { schema: AvailabilitySchema });
  if (submission.status !== 'success') {
    return json(submission.reply(), { status: submission.status === 'error' ? 400 : 200 });
  }
  try {
    await context.services.experts.updateAvailability(actor, expertId, submission.value);
  } catch (error) {
    return replyWithFailure(error, submission.reply, EXPERT_NOT_FOUND);
  }
  return redirect(afterSave(new URL(request.url).pathname), 303);
}

/**
 * The preview of rules not yet saved, read from the editor's fields in the query string (a GET:
 * it stores nothing). Null while the fields do not make valid rules: the page keeps showing the
 * saved ones.
 */
export async function previewUnsavedAvailability(
  context: AppLoadContext,
  actor: Actor,
  expertId: string | undefined,
  request: Request,
) {
  const fields = new URL(request.url).searchParams;
  const submission = parseWithZod(fields, { schema: AvailabilitySchema });
  if (submission.status !== 'success') return { preview: null };
  try {
    const preview = await previewEveryLength(context, actor, expertId, submission.value);
    return { preview };
  } catch (error) {
    throwPageFailure(error, EXPERT_NOT_FOUND);
  }
}
