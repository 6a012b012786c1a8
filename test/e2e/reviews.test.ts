import { randomUUID } from 'node:crypto';

import { Types } from 'mongoose';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { ACTIVE, BookingModel, ExpertModel, ReviewModel } from '../../models';
import { issueManageToken } from '../../server/services/manage-tokens';
import { collectProblems } from '../support/e2e-browser';
import { E2E_NOW, useE2eApp } from '../support/e2e-server';
import { createUser, postSignedInForm, signIn, signInForFetch } from '../support/sign-in';

/**
 * Verified reviews in Chromium, with JavaScript off and on: the client of a completed session
 * reviews it from its private page; the expert's page and its reviews page show it; the expert
 * replies from the console, and an admin hides it.
 */

const { server, browser } = await useE2eApp();

/**
 * A session of `expertIndex` that took place a week before E2E_NOW and was completed, stored as
 * the app stores one, with a manage token known to the test.
 */
async function completedSession(expertIndex: number, client: string) {
  const expert = await ExpertModel.findOne({ slug: server.experts[expertIndex]!.slug }).orFail();
  const startsAt = new Date(E2E_NOW.getTime() - 7 * 24 * 60 * 60_000);
  const endsAt = new Date(startsAt.getTime() + 60 * 60_000);
  const date = startsAt.toISOString().slice(0, 10);
  const hour = startsAt.toISOString().slice(11, 13);
  const { token, hash } = issueManageToken();
  const booking = await BookingModel.create({
    expertId: expert._id,
    expertName: expert.name,
    timezone: 'UTC',
    name: client,
    email: `${randomUUID()}@example.com`,
    phone: '+44 20 7946 0958',
    date,
    timeSlot: `${hour}:00-${String(Number(hour) + 1).padStart(2, '0')}:00`,
    month: date.slice(0, 7),
    startsAt,
    endsAt,
    heldFrom: startsAt,
    heldUntil: endsAt,
    status: 'Completed',
    activeKey: ACTIVE,
    manageTokenHashes: [hash],
    idempotencyKey: randomUUID(),
  });
  return {
    expertId: expert._id.toString(),
    expertName: expert.name,
    url: `${server.url}/bookings/${booking._id.toString()}?token=${token}`,
  };
}

function liveRegion(page: Page): Promise<string> {
  return page.locator('#live-announcer').innerText();
}

function focused(target: Locator): Promise<boolean> {
  return target.evaluate((element) => element === document.activeElement);
}

function isBodyFocused(page: Page): Promise<boolean> {
  return page.evaluate(() => document.activeElement === document.body);
}

/** Counts the document loads of a page from now on: with JavaScript, none is expected. */
function countDocuments(page: Page): { readonly count: number } {
  let count = 0;
  page.on('request', (request) => {
    if (request.resourceType() === 'document') count += 1;
  });
  return {
    get count() {
      return count;
    },
  };
}

describe.each([
  {
    javaScriptEnabled: false,
    label: 'without JavaScript',
    expertIndex: 30,
    client: 'Ada Lovelace',
  },
  { javaScriptEnabled: true, label: 'with JavaScript', expertIndex: 31, client: 'Grace Hopper' },
])(
  'verified reviews $label',
  { timeout: 120_000 },
  ({ javaScriptEnabled, expertIndex, client }) => {
    it('the client reviews a completed session once; the expert page and its reviews page show it', async () => {
      const session = await completedSession(expertIndex, client);
      const context = await browser.newContext({ javaScriptEnabled });
      const page = await context.newPage();
      const problems = collectProblems(page);

      await page.goto(session.url);
      await page.getByRole('heading', { name: 'Your session is complete', level: 1 }).waitFor();
      expect(await page.title()).toBe(
        `Completed: Session with ${session.expertName} · Expert Booking`,
      );
      await page.getByRole('heading', { name: 'How was your session?' }).waitFor();
      // A second tab on the same form, sent after the first: refused, and it says why.
      const stale = await context.newPage();
      await stale.goto(session.url);
      await stale.getByRole('heading', { name: 'How was your session?' }).waitFor();
      const documents = countDocuments(page);

      const comment = 'Clear, practical advice.\nWould book again.';
      await page.getByRole('radio', { name: '4 of 5 – Good' }).check();
      await page.getByLabel('Comment (optional)').fill(comment);
      await page.getByRole('button', { name: 'Publish my review' }).click();

      await page.getByRole('heading', { name: 'Your review' }).waitFor();
      await expect
        .poll(() => page.title())
        .toBe(`Reviewed: Session with ${session.expertName} · Expert Booking`);
      const heading = page.getByRole('heading', { name: 'Your session is complete', level: 1 });
      if (javaScriptEnabled) {
        await expect.poll(() => liveRegion(page)).toBe('Thank you: your review is published.');
        await expect.poll(() => focused(heading)).toBe(true);
        expect(documents.count).toBe(0);
      } else {
        expect(await liveRegion(page)).toBe('');
        expect(await isBodyFocused(page)).toBe(true);
      }
      const author = `${client.split(' ')[0]} ${client.split(' ')[1]![0]}.`;
      const yours = page.getByRole('region', { name: 'Your review' });
      expect(await yours.innerText()).toContain(author);
      expect(await yours.innerText()).toContain('Would book again.');
      expect(await page.getByRole('button', { name: 'Publish my review' }).count()).toBe(0);

      await stale.getByRole('radio', { name: '1 of 5 – Bad' }).check();
      await stale.getByRole('button', { name: 'Publish my review' }).click();
      const refusal = stale.getByRole('alert').filter({ hasText: 'already been reviewed' });
      await refusal.waitFor();
      await expect.poll(() => stale.title()).toMatch(/^Error: Reviewed: Session with /);
      await stale.getByRole('heading', { name: 'Your review' }).waitFor();
      expect(await stale.getByRole('region', { name: 'Your review' }).innerText()).toContain(
        '4 out of 5',
      );

      // The same form sent again by a program is refused the same way.
      const token = new URL(session.url).searchParams.get('token')!;
      const again = await fetch(session.url, {
        method: 'POST',
        body: new URLSearchParams({ intent: 'review', token, rating: '1' }),
        headers: { origin: server.url },
      });
      expect(again.status).toBe(409);
      expect(await again.text()).toContain('already been reviewed');

      // The expert's page: the rating from the reviews, the latest review, a link to all.
      await page.goto(`${server.url}/experts/${session.expertId}`);
      const reviews = page.getByRole('region', { name: 'Reviews' });
      expect(await reviews.innerText()).toContain(author);
      const facts = (await page.locator('.facts').textContent()) ?? '';
      expect(facts.replace(/\s+/g, ' ')).toContain('4.0 out of 5 (1 review)');
      await reviews.getByRole('link', { name: `All 1 review of ${session.expertName}` }).click();
      await page
        .getByRole('heading', { name: `Reviews of ${session.expertName}`, level: 1 })
        .waitFor();
      expect(await page.title()).toBe(`Reviews of ${session.expertName} · Expert Booking`);
      expect(await page.getByRole('main').innerText()).toContain(
        'Rated 4.0 out of 5 from 1 review',
      );
      expect(problems).toEqual([]);
      await context.close();
    });

    it('the expert replies once from the console; an admin hides the review with a reason', async () => {
      const session = await completedSession(expertIndex + 2, client);
      const anonymous = await browser.newContext({ javaScriptEnabled });
      const clientPage = await anonymous.newPage();
      await clientPage.goto(session.url);
      await clientPage.getByRole('radio', { name: '2 of 5 – Poor' }).check();
      await clientPage.getByRole('button', { name: 'Publish my review' }).click();
      await clientPage.getByRole('heading', { name: 'Your review' }).waitFor();
      await anonymous.close();

      // The expert, signed in to the console.
      const expertUser = await createUser({ role: 'expert', expertId: session.expertId });
      const expertContext = await browser.newContext({ javaScriptEnabled });
      const page = await expertContext.newPage();
      const problems = collectProblems(page);
      await signIn(page, expertUser, { baseUrl: server.url, redirectTo: '/console' });
      await page
        .getByRole('navigation', { name: 'Console' })
        .getByRole('link', { name: 'Reviews' })
        .click();
      await page
        .getByRole('heading', { name: `Reviews of ${session.expertName}`, level: 1 })
        .waitFor();
      expect(await page.title()).toBe(
        `Reviews of ${session.expertName} · Console · Expert Booking`,
      );
      const documents = countDocuments(page);
      const author = `${client.split(' ')[0]} ${client.split(' ')[1]![0]}.`;

      // A reply sent empty is refused, with the problem named; then a real one.
      await page.getByRole('button', { name: 'Publish reply' }).click();
      if (javaScriptEnabled) {
        // The server's check answers, in the form's summary, which takes focus.
        const summary = page.getByRole('alert').filter({ hasText: 'Reply is required.' });
        await summary.waitFor();
        await expect.poll(() => focused(summary)).toBe(true);
        await expect.poll(() => page.title()).toMatch(/^Error: /);
      } else {
        // The browser's own check stops an empty required field before the server sees it.
        expect(
          await page
            .getByLabel(`Your public reply to ${author}`)
            .evaluate((element) => (element as HTMLTextAreaElement).validity.valueMissing),
        ).toBe(true);
      }
      await page
        .getByLabel(`Your public reply to ${author}`)
        .fill('Thank you, and sorry we ran out of time.');
      await page.getByRole('button', { name: 'Publish reply' }).click();
      const published = 'Reply published. It shows under the review on the public pages.';
      await page.getByRole('status').filter({ hasText: published }).waitFor();
      if (javaScriptEnabled) {
        await expect.poll(() => liveRegion(page)).toBe(published);
        expect(documents.count).toBe(0);
      }
      expect(await page.getByRole('button', { name: 'Publish reply' }).count()).toBe(0);
      expect(await page.getByRole('main').innerText()).toContain('The expert replied:');
      expect(problems).toEqual([]);
      await expertContext.close();

      // The admin hides it, with a reason.
      const admin = await createUser({ role: 'admin' });
      const adminContext = await browser.newContext({ javaScriptEnabled });
      const adminPage = await adminContext.newPage();
      const adminProblems = collectProblems(adminPage);
      await signIn(adminPage, admin, {
        baseUrl: server.url,
        redirectTo: `/console/reviews?expert=${session.expertId}`,
      });
      await adminPage.getByRole('heading', { name: `Reviews of ${session.expertName}` }).waitFor();
      await adminPage.getByLabel(`Why hide the review by ${author}?`).fill('Names a third person');
      await adminPage.getByRole('button', { name: 'Hide review' }).click();
      const hidden = 'Review hidden. It no longer counts in the rating or shows in the list.';
      await adminPage.getByRole('status').filter({ hasText: hidden }).waitFor();
      if (javaScriptEnabled) await expect.poll(() => liveRegion(adminPage)).toBe(hidden);
      expect(await adminPage.getByRole('main').innerText()).toContain(': Names a third person');

      await adminPage.goto(`${server.url}/experts/${session.expertId}/reviews`);
      expect(await adminPage.getByRole('main').innerText()).toContain('No reviews yet.');
      expect(adminProblems).toEqual([]);
      await adminContext.close();
    });
  },
);

describe("the console's review forms", () => {
  it('say on the form that a review is not there, for an unknown id and another expert’s alike', async () => {
    const [mine, theirs] = await Promise.all(
      [34, 35].map((index) => ExpertModel.findOne({ slug: server.experts[index]!.slug }).orFail()),
    );
    // Another expert's review, as the app stores one.
    const review = await ReviewModel.create({
      bookingId: new Types.ObjectId(),
      expertId: theirs!._id,
      author: 'Ada L.',
      rating: 4,
      sessionMonth: '2030-03',
      counted: true,
    });
    const expert = await createUser({ role: 'expert', expertId: mine!._id.toString() });
    const { cookie, csrfToken } = await signInForFetch(server.url, expert);
    const reply = async (reviewId: string) => {
      const answer = await postSignedInForm(
        server.url,
        cookie,
        '/console/reviews',
        new URLSearchParams({ csrf: csrfToken, intent: 'reply', reviewId, reply: 'Thank you!' }),
      );
      const html = await answer.text();
      return {
        status: answer.status,
        says: /That review is not among these reviews any more\./.test(html),
      };
    };

    const unknown = await reply(new Types.ObjectId().toString());
    expect(unknown).toEqual({ status: 404, says: true });
    expect(await reply(review._id.toString())).toEqual(unknown);
    expect((await ReviewModel.findById(review._id).lean())?.replied).toBe(false);
  });
});
