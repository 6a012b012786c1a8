// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';

import { act, render, screen } from '@testing-library/react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

import {
  announce,
  clearOldAnnouncement,
  LiveAnnouncer,
  useAnnounceWhenChanged,
} from './live-announcer';

describe('LiveAnnouncer', () => {
  it('is in the server’s page, empty, before there is anything to say', () => {
    const html = renderToString(<LiveAnnouncer />);
    expect(html).toContain('aria-live="polite"');
    expect(html).not.toContain('<span');
  });

  it('says a message in the region that was already there', () => {
    const { container } = render(<LiveAnnouncer />);
    const region = container.querySelector('[aria-live="polite"]');
    expect(region).toBeEmptyDOMElement();
    act(() => announce('Saved'));
    expect(container.querySelector('[aria-live="polite"]')).toBe(region);
    expect(region).toHaveTextContent('Saved');
  });

  it('says the same words again as a new node, so they are read again', () => {
    render(<LiveAnnouncer />);
    act(() => announce('Saved'));
    const first = screen.getByText('Saved');
    act(() => announce('Saved'));
    const second = screen.getByText('Saved');
    expect(second).not.toBe(first);
    expect(first).not.toBeInTheDocument();
  });

  it('keeps its message when the page around it renders again', () => {
    const { container, rerender } = render(<LiveAnnouncer />);
    act(() => announce('Saved'));
    rerender(<LiveAnnouncer />);
    expect(container.querySelector('[aria-live="polite"]')).toHaveTextContent('Saved');
  });

  it('empties the region for an empty message', () => {
    const { container } = render(<LiveAnnouncer />);
    act(() => announce('Your session is booked'));
    act(() => announce(''));
    expect(container.querySelector('[aria-live="polite"]')).toBeEmptyDOMElement();
  });

  it('forgets, after a navigation, what was said at the address left, not what was said here', () => {
    const { container } = render(<LiveAnnouncer />);
    const region = container.querySelector('[aria-live="polite"]');
    act(() => announce('Your booking is moved'));
    clearOldAnnouncement();
    expect(region).toHaveTextContent('Your booking is moved');
    window.history.pushState(null, '', '/bookings/1?step=cancel');
    clearOldAnnouncement();
    expect(region).toBeEmptyDOMElement();
  });

  it('announces a save when its key changes, not when the page first shows it', () => {
    function Saved({ savedAt }: { savedAt?: string }) {
      useAnnounceWhenChanged(savedAt, 'Saved.');
      return <LiveAnnouncer />;
    }
    const { container, rerender } = render(<Saved savedAt="1" />);
    const region = container.querySelector('[aria-live="polite"]');
    expect(region).toBeEmptyDOMElement();
    rerender(<Saved savedAt="2" />);
    expect(region).toHaveTextContent('Saved.');
  });
});
