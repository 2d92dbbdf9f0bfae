import type { FlowNode } from '../flow-schema.js';
import type { Input, InputOf } from '../input.js';
import type { Json } from '../json.js';
import { slotOf } from '../node-kind.js';
import { kindOf } from '../nodes/registry.js';
import type { Sprint } from '../sprint.js';

/** the flow's first node of a type, with the slot it sets */
function nodeOfType(sp: Sprint, type: FlowNode['type']): { id: string; node: FlowNode; slot: string } | undefined {
  for (const [id, node] of Object.entries(sp.flow.nodes)) if (node.type === type) return { id, node, slot: slotOf(node, id) };
  return undefined;
}

/** the type of the question the resident is asked (none while the flow waits for the runtime: a lookup) */
function waitingType(sp: Sprint): FlowNode['type'] | 'none' {
  const node = sp.flow.nodes[sp.session.nodeId];
  return node && kindOf(node).asks ? node.type : 'none';
}

/** the pending question again, counting invalid answers on as before (a kept photo is not a new visit) */
function askAgain(sp: Sprint): void {
  const attempts = sp.session.attempts;
  sp.enter(sp.session.nodeId, { force: true });
  if (sp.session.status === 'waiting') sp.session.attempts = attempts;
}

type Photo = { mediaId: string; picUrl?: string };
const photosIn = (value: Json | undefined): Photo[] =>
  Array.isArray(value) ? value.filter((p): p is Photo => !!p && typeof p === 'object' && !Array.isArray(p) && typeof p.mediaId === 'string') : [];

/**
 * A photo sent while the flow asks something else (拍照报修 sends several photos, one arrives while the
 * category is asked; a photo where the location is asked): it goes into the flow's photo answer at
 * once, so the summary counts it and the photo question is not asked again. Past the image node's
 * `max` it is refused, and the resident is told: what is filed is what the summary counts.
 */
export const photoAside = {
  when: (sp: Sprint, input: Input): boolean => input.type === 'image' && !['image', 'none'].includes(waitingType(sp)) && !!nodeOfType(sp, 'image'),
  act(sp: Sprint, input: Input): void {
    const target = nodeOfType(sp, 'image')!;
    const max = target.node.type === 'image' ? target.node.max : 1;
    const photo = input as InputOf<'image'>;
    const photos = photosIn(sp.session.slots[target.slot]);
    if (photos.length >= max) {
      sp.say(sp.text('photosFull', { max }));
    } else {
      const next = [...photos, photo.picUrl ? { mediaId: photo.mediaId, picUrl: photo.picUrl } : { mediaId: photo.mediaId }];
      sp.setSlot(target.slot, next as Json);
      sp.say(sp.text('photoKept', { n: next.length }));
    }
    askAgain(sp);
  },
};

/**
 * A location sent while the flow asks something else (a place shared before it was asked for): it
 * is the flow's location answer, and the pending question is asked again; the location question is
 * then not asked.
 */
export const locationAside = {
  when: (sp: Sprint, input: Input): boolean => input.type === 'location' && !['location', 'none'].includes(waitingType(sp)) && !!nodeOfType(sp, 'location'),
  act(sp: Sprint, input: Input): void {
    const target = nodeOfType(sp, 'location')!;
    const at = input as InputOf<'location'>;
    sp.setSlot(target.slot, { lat: at.lat, lng: at.lng, label: at.label.trim() });
    sp.say(sp.text('locationKept', { place: sp.show(target.slot, '') }));
    askAgain(sp);
  },
};
