import { expect } from 'vitest';

import type { Expert } from '../../shared/schemas/expert';
import { PAGE_WINDOW_DAYS } from '../../shared/time/slot-window';

/** Small JSON API calls the browser journeys make on the side (another person's booking). */

export async function expertIdByName(serverUrl: string, name: string): Promise<string> {
  const response = await fetch(`${serverUrl}/api/experts?search=${encodeURIComponent(name)}`);
  const { data } = (await response.json()) as { data: { id: string; name: string }[] };
  const found = data.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`No expert named ${name}`);
  return found.id;
}

/** The expert with the slots of the window the expert page shows first (this week). */
export async function getExpert(serverUrl: string, id: string): Promise<Expert> {
  const response = await fetch(`${serverUrl}/api/experts/${id}?days=${PAGE_WINDOW_DAYS}`);
  return ((await response.json()) as { data: Expert }).data;
}

/** The next free slot of the expert the list shows first. */
export async function firstListedSlot(
  serverUrl: string,
): Promise<{ expertId: string; date: string; timeSlot: string }> {
  const response = await fetch(`${serverUrl}/api/experts?limit=1`);
  const { data } = (await response.json()) as {
    data: { id: string; nextAvailableSlot: { date: string; timeSlot: string } }[];
  };
  const { id, nextAvailableSlot } = data[0]!;
  return { expertId: id, date: nextAvailableSlot.date, timeSlot: nextAvailableSlot.timeSlot };
}

let bookings = 0;

/** What a booking made through the JSON API answers with, of what the tests use. */
export interface BookedThroughApi {
  id: string;
  name: string;
  email: string;
  date: string;
  timeSlot: string;
  manageUrl: string;
}

/**
 * Someone books a slot through the JSON API (by default "Someone Else", at an address no other
 * booking has); it must succeed.
 */
export async function bookThroughApi(
  serverUrl: string,
  slot: { expertId: string; date: string; timeSlot: string },
  name = 'Someone Else',
  email?: string,
): Promise<BookedThroughApi> {
  bookings += 1;
  const response = await fetch(`${serverUrl}/api/bookings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      ...slot,
      name,
      email: email ?? `someone-else-${bookings}-${Date.now().toString(36)}@example.com`,
      phone: '+44 20 7946 0958',
    }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { data: BookedThroughApi }).data;
}
