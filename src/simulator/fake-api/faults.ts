/**
 * Failures the fake WeChat API can be told to produce, for tests and for trying the local app
 * under bad conditions. A fault matches the next `times` calls of one API (or any API).
 */
export interface FaultSpec {
  /** the path under cgi-bin/, e.g. 'message/template/send'; absent = any call */
  api?: string;
  /** answer HTTP 200 with this errcode (e.g. -1, 40001, 45015) */
  errcode?: number;
  errmsg?: string;
  /** answer with this HTTP status and an empty body (e.g. 502) */
  httpStatus?: number;
  /** drop the connection without an answer */
  reset?: boolean;
  /** hold the answer this long; alone, the call is carried out and then answered late (a stall) */
  delayMs?: number;
  /** carry the call out (deliver the message) before failing: "WeChat did it but the answer was lost" */
  processed?: boolean;
  /** how many matching calls (default 1) */
  times?: number;
}

export interface ActiveFault extends FaultSpec {
  /** true when the call must fail (errcode, httpStatus or reset), false for a plain stall */
  fails: boolean;
}

export class FaultController {
  private faults: (FaultSpec & { left: number })[] = [];

  inject(spec: FaultSpec): void {
    const times = spec.times ?? 1;
    if (!Number.isInteger(times) || times < 1) throw new RangeError('times must be a positive integer');
    this.faults.push({ ...spec, left: times });
  }

  clear(): void {
    this.faults = [];
  }

  /** faults still waiting to fire */
  pending(): number {
    return this.faults.reduce((n, f) => n + f.left, 0);
  }

  /** the fault for this call, if any; consumes one of its `times` */
  take(api: string): ActiveFault | undefined {
    const i = this.faults.findIndex((f) => f.api === undefined || f.api === api);
    if (i < 0) return undefined;
    const f = this.faults[i]!;
    f.left--;
    if (f.left <= 0) this.faults.splice(i, 1);
    const { left: _left, ...spec } = f;
    return { ...spec, fails: spec.errcode !== undefined || spec.httpStatus !== undefined || spec.reset === true };
  }
}

/** a timer that never keeps the process alive */
export const stall = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms).unref();
  });
