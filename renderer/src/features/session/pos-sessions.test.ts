import { describe, expect, it } from 'vitest';
import { TraceBuilder } from '../timeline/trace-fixtures';
import { MAX_POS_CARDS, NO_POS_SESSIONS, foldPosSessions } from './pos-sessions';

/** Two POSes on a terminal: one logs in and drops, one is ignored, then logs in and out. */
function story(): TraceBuilder {
  const b = new TraceBuilder();
  b.add({ kind: 'link', observer: 'poi', link: 'pos-1', wire: 'tcp', change: 'opened' });
  b.request('Login', 'L1', { observer: 'poi', link: 'pos-1' });
  b.add({
    kind: 'poiSession',
    link: 'pos-1',
    change: 'opened',
    reason: 'the terminal answered Login with Success',
    saleId: 'POS-1',
  });
  b.add({ kind: 'link', observer: 'poi', link: 'pos-2', change: 'opened' });
  b.add({
    kind: 'poiSession',
    link: 'pos-2',
    change: 'ignored',
    reason: 'no session: the request is ignored',
    category: 'Payment',
  });
  b.at(500).add({
    kind: 'link',
    observer: 'poi',
    link: 'pos-1',
    change: 'closed',
    code: 1006,
    abrupt: true,
  });
  b.add({
    kind: 'poiSession',
    link: 'pos-2',
    change: 'opened',
    reason: 'Login Success',
    saleId: 'SHOP-2',
  });
  b.add({ kind: 'poiSession', link: 'pos-2', change: 'closed', reason: 'Logout' });
  return b;
}

describe('foldPosSessions', () => {
  it('keeps one card per POS link with its SaleID, state and the cause of its last change', () => {
    const { cards } = foldPosSessions(NO_POS_SESSIONS, story().events);

    expect(cards.map((c) => [c.link, c.saleId, c.state])).toEqual([
      ['pos-1', 'POS-1', 'lost'],
      ['pos-2', 'SHOP-2', 'sessionEnded'],
    ]);
    expect(cards[0]).toMatchObject({
      wire: 'tcp',
      last: { from: 'loggedIn', to: 'lost', cause: 'the link dropped (code 1006)', t: 500 },
    });
    expect(cards[1]).toMatchObject({
      ignored: 1,
      lastIgnored: { category: 'Payment', reason: 'no session: the request is ignored' },
      last: { from: 'loggedIn', to: 'sessionEnded', cause: 'Logout' },
    });
  });

  it('folds in batches exactly as in one go, and ignores what the POS side or the terminal leg saw', () => {
    const events = story().events;
    const inOne = foldPosSessions(NO_POS_SESSIONS, events);
    const inTwo = foldPosSessions(
      foldPosSessions(NO_POS_SESSIONS, events.slice(0, 3)),
      events.slice(3),
    );
    expect(inTwo).toEqual(inOne);

    const others = new TraceBuilder();
    others.add({ kind: 'link', observer: 'pos', link: 'L1', change: 'opened' });
    others.add({ kind: 'link', observer: 'proxy', link: 'terminal-1', change: 'opened' });
    others.request('Login', 'L1');
    expect(foldPosSessions(NO_POS_SESSIONS, others.events)).toBe(NO_POS_SESSIONS);
  });

  it('keeps at most MAX_POS_CARDS cards, forgetting closed ones first', () => {
    const b = new TraceBuilder();
    b.add({ kind: 'link', observer: 'poi', link: 'open-one', change: 'opened' });
    for (let i = 0; i < MAX_POS_CARDS + 5; i += 1) {
      b.add({ kind: 'link', observer: 'poi', link: `p${String(i)}`, change: 'opened' });
      b.add({ kind: 'link', observer: 'poi', link: `p${String(i)}`, change: 'closed', code: 1000 });
    }
    const { cards } = foldPosSessions(NO_POS_SESSIONS, b.events);
    expect(cards).toHaveLength(MAX_POS_CARDS);
    expect(cards[0]?.link).toBe('open-one');
    expect(cards.at(-1)?.link).toBe(`p${String(MAX_POS_CARDS + 4)}`);
  });
});
