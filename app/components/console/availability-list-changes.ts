import type { FormMetadata, SubmissionResult } from '@conform-to/react';
import { useEffect, useRef } from 'react';

import type { Availability } from '../../../shared/schemas/availability';
import { announce } from '../live-announcer';

export type AvailabilityForm = FormMetadata<Availability, string[]>;

/** The list change (Add, Remove) the server just answered, when the page came back with it. */
export type ListIntent = NonNullable<SubmissionResult<string[]>['intent']>;

/**
 * Without JavaScript an Add or Remove is a new page, which starts at its top; what takes focus
 * as it loads instead: the added block's first field, or the block that took the removed one's
 * place (else the list's Add button).
 */
export function focusOnLoad(
  reloadedAfter: ListIntent | null,
  listName: string,
  length: number,
): number | 'add' | null {
  if (!reloadedAfter || !('name' in reloadedAfter.payload)) return null;
  const { type, payload } = reloadedAfter;
  if (payload.name !== listName) return null;
  const index = 'index' in payload && typeof payload.index === 'number' ? payload.index : null;
  if (type === 'insert') return index ?? length - 1;
  if (type === 'remove') return index !== null && index < length ? index : 'add';
  return null;
}

interface ListChange {
  /** Where focus goes once the list has its new length. */
  focusId: string;
  message: string;
}

/**
 * With JavaScript, an added block's first field takes focus, and a removed block's place goes to
 * the next block's first field (or the Add button), each said aloud: the page changed where the
 * person was not looking. Without JavaScript the page reloads, which the server's answer handles.
 */
export function useFocusAfterListChange(length: number) {
  const pending = useRef<ListChange | null>(null);
  const shownLength = useRef(length);
  useEffect(() => {
    if (length === shownLength.current) return;
    shownLength.current = length;
    const change = pending.current;
    pending.current = null;
    if (!change) return;
    document.getElementById(change.focusId)?.focus();
    announce(change.message);
  }, [length]);
  return (change: ListChange) => {
    pending.current = change;
  };
}

/** Whether a submit only adds or removes a list's item (Conform's intent buttons). */
export function isListChange(event: Event): boolean {
  const { submitter } = event as SubmitEvent;
  return submitter instanceof HTMLButtonElement && submitter.name === '__intent__';
}
