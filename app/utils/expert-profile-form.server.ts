import type { AppLoadContext } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';

import { ExpertProfileSchema, NewExpertSchema } from '../../shared/schemas/expert-profile';
import { EXPERT_NOT_FOUND } from './availability-editor.server';
import { parseWithZod } from './conform-zod.server';
import { afterSave, replyWithFailure } from './console-failures.server';

type Actor = Parameters<AppLoadContext['services']['expertAdmin']['create']>[0];

/** Adds the expert the form describes and goes to their page in the console's list. */
export async function createExpertFromForm(
  context: AppLoadContext,
  actor: Actor,
  formData: FormData,
) {
  const submission = parseWithZod(formData, { schema: NewExpertSchema });
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 });
  try {
    const { id } = await context.services.expertAdmin.create(actor, submission.value);
    return redirect(afterSave(`/console/experts/${id}`), 303);
  } catch (error) {
    return replyWithFailure(error, submission.reply, EXPERT_NOT_FOUND);
  }
}

/** Saves the edited profile, then shows it again with a "saved" note (post/redirect/get). */
export async function updateExpertFromForm(
  context: AppLoadContext,
  actor: Actor,
  expertId: string | undefined,
  formData: FormData,
) {
  const submission = parseWithZod(formData, { schema: ExpertProfileSchema });
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 });
  try {
    const { id } = await context.services.expertAdmin.updateProfile(
      actor,
      expertId,
      submission.value,
    );
    return redirect(afterSave(`/console/experts/${id}`), 303);
  } catch (error) {
    return replyWithFailure(error, submission.reply, EXPERT_NOT_FOUND);
  }
}
