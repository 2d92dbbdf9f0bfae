/**
 * A parametric QR code that starts a flow: `<flow>_<community>[_<topic>]`, e.g.
 * `report_daxin_streetlight` on a poster on a lamp post (a report of a streetlight in 大新社区), or
 * `proposal_tongle` at a community notice board. WeChat prefixes `qrscene_` when the scan is also
 * the follow. The community is bound as a community_<id> code binds it; the topic answers the flow's
 * topic question (the report's category) when it is one of its options.
 */
export interface SceneStart {
  flowId: string;
  communityId: string;
  topic?: string;
}

const SCENE = /^(?:qrscene_)?([a-z]+)_([a-z0-9][a-z0-9_-]{0,39}?)(?:_([a-z]+))?$/;

export function sceneStart(scene: string | undefined | null): SceneStart | undefined {
  const m = scene ? SCENE.exec(scene.trim()) : null;
  if (!m) return undefined;
  return { flowId: m[1]!, communityId: m[2]!, ...(m[3] ? { topic: m[3] } : {}) };
}
