import { carryForward, checkinRoom, readCheckinMeta, seedCheckin, type CarriedItem } from '#shared/documents/checkin.js';
import { readCheckinWeeks, ritualsRoom, writeCheckinStarted } from '#shared/documents/rituals.js';
import { addDays, localDay, weekStart, type IsoWeek } from '#shared/rituals/calendar.js';
import type { Relay } from '../relay/Relay.js';
import type { Storage } from '../storage/Storage.js';

export interface CheckInsOptions {
  storage: Storage;
  relay: Relay;
  now: () => number;
}

/**
 * The server's part of the weekly check-in (docs/design/rituals.md): when a
 * week's document is first needed (a member's socket asks for its room), the
 * server writes what no client may: the members whose sections the relay
 * guards, and the unfinished things to work on carried from the latest
 * earlier check-in. Clients never seed it, so two devices starting the same
 * week at once, even offline, cannot write it twice.
 */
export class CheckIns {
  /** One preparation per room at a time; a second socket waits for the first. */
  private readonly preparing = new Map<string, Promise<boolean>>();

  constructor(private readonly options: CheckInsOptions) {}

  /**
   * Makes sure `week`'s check-in is written as the server owns it before a
   * socket reaches it. False for a week that has not begun in the couple's
   * zone (a day of leeway for a device whose clock or zone runs ahead): its
   * room is not opened, so no week is started early with an early carry.
   */
  prepare(journalId: string, week: IsoWeek): Promise<boolean> {
    const room = checkinRoom(journalId, week);
    const running = this.preparing.get(room);
    if (running) return running;
    const work = this.run(journalId, week).finally(() => this.preparing.delete(room));
    this.preparing.set(room, work);
    return work;
  }

  private async run(journalId: string, week: IsoWeek): Promise<boolean> {
    const { storage, relay, now } = this.options;
    const rhythm = await storage.rituals.rhythm(journalId);
    const today = localDay(now(), rhythm.timeZone ?? 'UTC');
    if (weekStart(week) > addDays(today, 1)) return false;

    const members = Object.fromEntries((await storage.listMembers(journalId)).map((m) => [m.userId, m.name]));
    const room = checkinRoom(journalId, week);
    const current = await relay.change(room, (doc) => readCheckinMeta(doc));
    const everyoneListed = Object.entries(members).every(([id, name]) => current.members[id] === name);
    if (current.seeded && everyoneListed) return true;

    let carried: CarriedItem[] = current.carried;
    if (!current.seeded) {
      // Recorded first: if seeding fails below, the next socket finds the week unseeded and tries again.
      const previous = await relay.change(ritualsRoom(journalId), (doc) => {
        writeCheckinStarted(doc, week, now());
        return readCheckinWeeks(doc).find((w) => w < week) ?? null;
      });
      carried = previous ? await relay.change(checkinRoom(journalId, previous), (doc) => carryForward(doc)) : [];
    }
    await relay.change(room, (doc) => seedCheckin(doc, { week, startedAt: now(), members, carried }));
    return true;
  }
}
