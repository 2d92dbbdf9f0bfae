/**
 * Every key the service writes, in one place. Keys of one resident share the hash tag {openid}
 * so they live on one Redis Cluster shard and can be used together in a script.
 */
export const keys = {
  /** dedupe marker and cached reply of one inbound message, in its sender's slot (written with the turn's own writes) */
  inbound: (openid: string, dedupeKey: string) => `in:{${openid}}:${dedupeKey}`,
  /** conversation session of one resident */
  session: (openid: string) => `sess:{${openid}}`,
  /** per-resident serialisation lock */
  residentLock: (openid: string) => `lock:{${openid}}`,
  /** saved draft of an expired flow */
  draft: (openid: string, flowId: string) => `draft:{${openid}}:${flowId}`,
  /** customer-service quota ledger */
  quota: (openid: string) => `quota:{${openid}}`,
  /** per-resident inbound rate limit */
  rate: (openid: string) => `rate:{${openid}}`,
  /** what pushes that reached the resident asked them (问题解决了吗, 评议), their next message may answer (state/follow-ups.ts) */
  followUps: (openid: string) => `followup:{${openid}}`,
  /** set when a push to the resident is left for later (held, deferred): their next message looks for it */
  heldPushes: (openid: string) => `held:{${openid}}`,
  /** the ticket whose human service the resident was just asked to rate (state/service-rating.ts) */
  serviceRating: (openid: string) => `srate:{${openid}}`,
  /** what a turn starts from (known resident, community, open ticket), cached from PostgreSQL (state/resident-card.ts) */
  residentCard: (openid: string) => `card:{${openid}}`,
  /** bumped whenever the card's facts change outside a turn (staff act on a ticket): a card of an older generation is not trusted */
  residentGen: (openid: string) => `cardgen:{${openid}}`,
  /** transcript lines written behind, in the order turns committed them (runtime/transcript-drain.ts) */
  transcriptQueue: 'transcript:queue',
  /** held by whichever process drains the transcript queue (one at a time keeps the order) */
  transcriptDrainLock: 'transcript:drain',
  accessToken: (appId: string) => `wx:token:${appId}`,
  accessTokenLock: (appId: string) => `wx:token-lock:${appId}`,
  forceRefreshLog: (appId: string) => `wx:token-force:${appId}`,
  templateSent: (openid: string, clientMsgId: string) => `tpl:{${openid}}:${clientMsgId}`,
  staffSession: (sid: string) => `staff:sess:${sid}`,
  /** claims posted on the public claim page from one address, per hour */
  claimRate: (ip: string) => `claim-rate:${ip}`,
} as const;
