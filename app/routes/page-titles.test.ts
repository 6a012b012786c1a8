import type { MetaDescriptor } from '@remix-run/node';
import { describe, expect, it } from 'vitest';

import { FORM_EXPIRED } from '../../shared/form-expired';
import type { BookingHistoryEntry } from '../../shared/schemas/booking-record';
import type { ManageStep } from '../../shared/schemas/manage-booking-form';
import { meta as bookingMeta } from './bookings.$id';
import { meta as consoleMeta } from './console';
import { meta as consoleBookingsMeta } from './console._index';
import { meta as ownAvailabilityMeta } from './console.availability';
import { meta as consoleExpertMeta } from './console.experts.$id';
import { meta as expertAvailabilityMeta } from './console.experts.$id_.availability';
import { meta as consoleExpertsMeta } from './console.experts._index';
import { meta as newExpertMeta } from './console.experts.new';
import { meta as expertMeta } from './experts.$id';
import { meta as signInMeta } from './login';
import { meta as signInLinkMeta } from './login_.link';

/**
 * Each step of booking and managing a session has a title of its own, naming the step first,
 * and an error page's title starts with "Error:" (WCAG 2.4.2): the tab and a screen reader's
 * first words tell the steps apart.
 */

type BookingMetaArgs = Parameters<typeof bookingMeta>[0];
type ExpertMetaArgs = Parameters<typeof expertMeta>[0];

function titleOf(descriptors: MetaDescriptor[] | undefined): string | undefined {
  const found = descriptors?.find((descriptor) => 'title' in descriptor);
  return found && 'title' in found ? String(found.title) : undefined;
}

const SLOT = { date: '2030-03-05', timeSlot: '09:00-10:00' };

function entry(
  from: BookingHistoryEntry['from'],
  to: BookingHistoryEntry['to'],
): BookingHistoryEntry {
  return { at: '2030-03-04T10:00:00.000Z', by: 'client', from, to };
}

function bookingTitle(
  booking: { status: string; history?: BookingHistoryEntry[] },
  step?: ManageStep,
): string | undefined {
  const data = {
    booking: { expertName: 'Ada Lovelace', history: [], ...SLOT, ...booking },
    step,
  };
  return titleOf(bookingMeta({ data } as unknown as BookingMetaArgs));
}

/**
 * Both error titles of a page start with "Error:": a 404 names what was not found, anything
 * else apologises.
 */
function expectErrorTitles(meta: (args: never) => MetaDescriptor[] | undefined, notFound: string) {
  const failed = (error: unknown) => titleOf(meta({ data: undefined, error } as never));
  expect({
    notFound: failed({ status: 404, statusText: 'Not Found', internal: false, data: '' }),
    broken: failed(new Error('connection refused')),
  }).toEqual({
    notFound: `Error: ${notFound} · Expert Booking`,
    broken: 'Error: Something went wrong · Expert Booking',
  });
}

describe('the booking page’s titles', () => {
  it('name what last happened to the booking between steps', () => {
    expect(bookingTitle({ status: 'Pending' })).toBe(
      'Booked: Session with Ada Lovelace · Expert Booking',
    );
    const confirmed = entry({ status: 'Pending', ...SLOT }, { status: 'Confirmed', ...SLOT });
    expect(bookingTitle({ status: 'Confirmed', history: [confirmed] })).toBe(
      'Confirmed: Session with Ada Lovelace · Expert Booking',
    );
    const moved = entry(
      { status: 'Confirmed', ...SLOT },
      { status: 'Pending', date: '2030-03-07', timeSlot: '10:00-11:00' },
    );
    expect(bookingTitle({ status: 'Pending', history: [confirmed, moved] })).toBe(
      'Moved: Session with Ada Lovelace · Expert Booking',
    );
    const cancelled = entry({ status: 'Pending', ...SLOT }, { status: 'Cancelled', ...SLOT });
    expect(bookingTitle({ status: 'Cancelled', history: [moved, cancelled] })).toBe(
      'Cancelled: Session with Ada Lovelace · Expert Booking',
    );
    expect(bookingTitle({ status: 'Completed' })).toBe(
      'Completed: Session with Ada Lovelace · Expert Booking',
    );
  });

  it('name the step being taken', () => {
    expect(bookingTitle({ status: 'Pending' }, 'reschedule')).toBe(
      'Reschedule: Session with Ada Lovelace · Expert Booking',
    );
    expect(bookingTitle({ status: 'Pending' }, 'confirm-reschedule')).toBe(
      'Confirm the move: Session with Ada Lovelace · Expert Booking',
    );
    expect(bookingTitle({ status: 'Confirmed' }, 'cancel')).toBe(
      'Cancel: Session with Ada Lovelace · Expert Booking',
    );
  });

  it('start with "Error:" on its error pages', () => {
    expectErrorTitles(bookingMeta, 'Booking not found');
  });
});

describe('the expert page’s titles', () => {
  it('name the first step, choosing a time', () => {
    const data = { expert: { name: 'Ada Lovelace', category: 'Software Engineering' } };
    expect(titleOf(expertMeta({ data } as unknown as ExpertMetaArgs))).toBe(
      'Choose a time: Session with Ada Lovelace · Expert Booking',
    );
  });

  it('start with "Error:" on its error pages', () => {
    expectErrorTitles(expertMeta, 'Expert not found');
  });

  it('say what failed on a week that does not exist and on a post without a form', () => {
    const failed = (status: number, data: string) =>
      titleOf(
        expertMeta({
          data: undefined,
          error: { status, statusText: '', internal: false, data },
        } as never),
      );
    expect(failed(400, 'That week does not exist: Week must be a date (YYYY-MM-DD).')).toBe(
      'Error: We could not do that · Expert Booking',
    );
    expect(failed(405, '')).toBe('Error: Nothing to send here · Expert Booking');
    expect(failed(403, FORM_EXPIRED)).toBe('Error: This form has expired · Expert Booking');
  });
});

describe('the console’s error pages', () => {
  it.each([
    ['the console', consoleMeta, 'Page not found'],
    ['bookings', consoleBookingsMeta, 'Page not found'],
    ['your availability', ownAvailabilityMeta, 'Page not found'],
    ['experts', consoleExpertsMeta, 'Page not found'],
    ['a new expert', newExpertMeta, 'Page not found'],
    ['an expert', consoleExpertMeta, 'Expert not found'],
    ['an expert’s availability', expertAvailabilityMeta, 'Expert not found'],
  ] as const)('of %s start with "Error:"', (_, meta, notFound) => {
    expectErrorTitles(meta as (args: never) => MetaDescriptor[] | undefined, notFound);
  });
});

describe('the title of a page that answers a refused form without JavaScript', () => {
  /** The arguments Remix gives `meta` on the server's answer: the root loader's mark, no moves. */
  function refused(data: unknown) {
    return {
      data,
      error: undefined,
      matches: [{ id: 'root', data: { refusedForm: true } }],
      location: { key: 'default' },
    } as never;
  }
  const booking = { expertName: 'Ada Lovelace', history: [], status: 'Pending', ...SLOT };

  it.each([
    ['sign-in', signInMeta, undefined, 'Sign in'],
    ['sign-in link', signInLinkMeta, undefined, 'Sign in with a link'],
    [
      'booking',
      expertMeta,
      { expert: { name: 'Ada Lovelace' } },
      'Choose a time: Session with Ada Lovelace',
    ],
    [
      'reschedule',
      bookingMeta,
      { booking, step: 'reschedule' },
      'Reschedule: Session with Ada Lovelace',
    ],
    ['cancel', bookingMeta, { booking, step: 'cancel' }, 'Cancel: Session with Ada Lovelace'],
    [
      'console bookings',
      consoleBookingsMeta,
      { page: { pagination: { page: 1 } } },
      'Bookings · Console',
    ],
    ['own availability', ownAvailabilityMeta, {}, 'Your availability · Console'],
    [
      'an expert’s availability',
      expertAvailabilityMeta,
      { expert: { name: 'Ada Lovelace' } },
      'Availability of Ada Lovelace · Console',
    ],
    [
      'an expert’s profile',
      consoleExpertMeta,
      { profile: { name: 'Ada Lovelace' } },
      'Ada Lovelace · Console',
    ],
    ['a new expert', newExpertMeta, undefined, 'Add an expert · Console'],
  ] as const)('of the %s form starts with "Error:"', (_, meta, data, title) => {
    const metaOf = meta as (args: never) => MetaDescriptor[] | undefined;
    expect(titleOf(metaOf(refused(data)))).toBe(`Error: ${title} · Expert Booking`);
  });
});
