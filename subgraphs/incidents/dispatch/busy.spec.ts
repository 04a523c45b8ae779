import { describe, expect, it } from 'vitest';
import { busyElsewhere, type AlertElsewhere } from './busy.ts';

const alert = (volunteerId: string, status: AlertElsewhere['status'], ageSeconds: number, aedId: string | null = null): AlertElsewhere => ({
  volunteerId,
  task: aedId ? 'FETCH_AED' : 'CPR',
  aedId,
  status,
  ageSeconds,
});

describe('busyElsewhere', () => {
  it('keeps busy whoever accepted or is on scene elsewhere, however long ago', () => {
    const busy = busyElsewhere([alert('accepted', 'ACCEPTED', 3_600), alert('on-scene', 'ON_SCENE', 7_200)], { busyPendingSeconds: 120 });
    expect([...busy.volunteers].sort()).toEqual(['accepted', 'on-scene']);
  });

  it('keeps busy an unanswered alert younger than the policy time, and frees it after', () => {
    const alerts = [alert('fresh', 'PENDING', 119), alert('stale', 'PENDING', 120), alert('old', 'PENDING', 600)];
    expect([...busyElsewhere(alerts, { busyPendingSeconds: 120 }).volunteers]).toEqual(['fresh']);
    expect([...busyElsewhere(alerts, { busyPendingSeconds: 0 }).volunteers]).toEqual([]);
    expect([...busyElsewhere(alerts, { busyPendingSeconds: 900 }).volunteers].sort()).toEqual(['fresh', 'old', 'stale']);
  });

  it('keeps busy every AED someone is sent to fetch, answered or not', () => {
    const busy = busyElsewhere([alert('a', 'PENDING', 600, 'aed-1'), alert('b', 'ACCEPTED', 10, 'aed-2'), alert('c', 'ACCEPTED', 10)], { busyPendingSeconds: 120 });
    expect([...busy.aeds].sort()).toEqual(['aed-1', 'aed-2']);
  });
});
