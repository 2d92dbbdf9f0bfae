import { followUpsWrite, readFollowUps, withFollowUp, withoutFollowUp, type FollowUp } from '../state/follow-ups.js';
import type { Turn } from './turn.js';

/** the name under which the turn reads the resident's follow-ups with its lock (TurnDeps.reads) */
export const FOLLOW_UPS = 'followUps';

/**
 * The resident's open follow-ups (what pushes asked them, state/follow-ups.ts) during one turn: as
 * the lock step read them, changed in memory (one answered, one added by a held push now shown),
 * and written once with the turn's final batch, only when changed.
 */
export class TurnFollowUps {
  private readonly raw: string | null;
  /** as read: the questions the resident had read before this message */
  private readonly asked: readonly FollowUp[];
  private list: FollowUp[];
  private changed = false;

  private constructor(turn: Turn) {
    this.raw = turn.read(FOLLOW_UPS);
    this.asked = readFollowUps(this.raw, turn.now);
    this.list = [...this.asked];
    turn.beforeCommit(() => {
      const w = this.changed ? followUpsWrite(turn.openid, this.raw, this.list, turn.now) : undefined;
      return w ? [w] : [];
    });
  }

  private static readonly of = new WeakMap<Turn, TurnFollowUps>();

  static for(turn: Turn): TurnFollowUps {
    let f = TurnFollowUps.of.get(turn);
    if (!f) TurnFollowUps.of.set(turn, (f = new TurnFollowUps(turn)));
    return f;
  }

  /**
   * The questions this message may answer, the latest first: those still counting that the
   * resident had read before it (one told in this very reply is for their next message).
   */
  pending(): readonly FollowUp[] {
    return this.asked.filter((a) => this.list.some((f) => f.caseId === a.caseId && f.ask === a.ask));
  }

  /** a question the resident is told of in this reply: their next message may answer it */
  add(f: FollowUp): void {
    this.list = withFollowUp(this.list, f);
    this.changed = true;
  }

  answered(f: FollowUp): void {
    this.list = withoutFollowUp(this.list, f);
    this.changed = true;
  }
}
