import { useNavigation } from '@remix-run/react';
import { useRef, useState, type ComponentProps } from 'react';

import { useSlotUpdates } from '../realtime/use-slot-updates';
import { slotChoiceValue } from '../utils/slot-choice';
import type { Slot } from '../../shared/schemas/expert';
import { formatShortDay, formatTimeSlot } from '../../shared/format';
import { BookingForm, type BookingFormControl } from './booking-form';

function without(set: ReadonlySet<string>, value: string): ReadonlySet<string> {
  if (!set.has(value)) return set;
  const next = new Set(set);
  next.delete(value);
  return next;
}

/** What a person hears and reads when the slot they had chosen goes to someone else. */
function slotTakenNotice(slot: { date: string; timeSlot: string }): string {
  return `The ${formatTimeSlot(slot.timeSlot)} slot on ${formatShortDay(slot.date)} was just booked by someone else. Please choose another slot.`;
}

/** What the page hands on to the booking form; the live parts are this component's own. */
type PassedOn = Omit<
  ComponentProps<typeof BookingForm>,
  'formRef' | 'controlRef' | 'slotNotice' | 'onSlotChange'
>;

/**
 * The booking form of an expert's page, kept current while the page is open. With JavaScript on,
 * each `slot_released` marks the slot free at once, and each `slot_booked` for this expert marks
 * the slot taken at once (the loader's revalidation,
 * which the hook starts, brings the same news a moment later) and, if the person had chosen that
 * slot, clears the choice and says why. Without JavaScript it is the plain form.
 *
 * Render it keyed by the expert: another expert is another booking attempt.
 */
export function LiveBookingForm({
  expertId,
  slots,
  requestKey: firstRequestKey,
  ...shown
}: PassedOn & { expertId: string }) {
  // The loader makes a new key on every run, and live updates revalidate it; keeping the first
  // one means a resubmit after those is still the same attempt, never a second booking.
  const [requestKey] = useState(firstRequestKey);
  // Only what the loader may not know yet; once it does, these marks change nothing.
  const [justTaken, setJustTaken] = useState<ReadonlySet<string>>(() => new Set());
  const [justFreed, setJustFreed] = useState<ReadonlySet<string>>(() => new Set());
  const [notice, setNotice] = useState<string>();
  const formRef = useRef<HTMLFormElement>(null);
  const controlRef = useRef<BookingFormControl>(null);
  const navigation = useNavigation();

  useSlotUpdates(
    expertId,
    (event) => {
      const value = slotChoiceValue(event);
      setJustTaken((before) => new Set(before).add(value));
      setJustFreed((before) => without(before, value));
      // This very slot on its way to the server is most likely the person's own booking, and the
      // action's answer (a confirmation, or "already booked") is the one to believe.
      if (navigation.formData?.get('slot') === value) return;
      const form = formRef.current;
      if (form && new FormData(form).get('slot') === value) {
        // Here, in the event's own task, not in an effect of the re-render that disables the radio.
        controlRef.current?.clearSlot();
        setNotice(slotTakenNotice(event));
      }
    },
    {
      onSlotReleased(event) {
        const value = slotChoiceValue(event);
        setJustFreed((before) => new Set(before).add(value));
        setJustTaken((before) => without(before, value));
      },
    },
  );

  const liveSlots = slots.map((slot): Slot => {
    const value = slotChoiceValue(slot);
    if (slot.available && justTaken.has(value)) {
      return { ...slot, available: false, reason: 'booked' };
    }
    // Only a booking frees a slot: one that is past or too soon stays as it is.
    if (slot.reason === 'booked' && justFreed.has(value)) {
      const { date, timeSlot, startsAt } = slot;
      return { date, timeSlot, startsAt, available: true };
    }
    return slot;
  });

  return (
    <BookingForm
      {...shown}
      formRef={formRef}
      controlRef={controlRef}
      slots={liveSlots}
      requestKey={requestKey}
      slotNotice={notice}
      // The notice asked for another choice; once made, it has done its job.
      onSlotChange={() => setNotice(undefined)}
    />
  );
}
