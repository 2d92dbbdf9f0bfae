import type { FlowNode } from '../flow-schema.js';
import type { NodeKind } from '../node-kind.js';
import { choiceKind } from './choice.js';
import { communityKind } from './community.js';
import { confirmKind } from './confirm.js';
import { declineKind } from './decline.js';
import { endKind } from './end.js';
import { followKind } from './follow.js';
import { imageKind } from './image.js';
import { locationKind } from './location.js';
import { lookupKind } from './lookup.js';
import { moneyKind } from './money.js';
import { phoneKind } from './phone.js';
import { routerKind } from './router.js';
import { submitKind } from './submit.js';
import { textKind } from './text.js';

type Kinds = { [T in FlowNode['type']]: NodeKind<Extract<FlowNode, { type: T }>> };

/** Every node kind by its `type` (tests/engine/nodes.test.ts checks each has a documented example). */
export const nodeKinds: Kinds = {
  choice: choiceKind,
  text: textKind,
  location: locationKind,
  image: imageKind,
  phone: phoneKind,
  community: communityKind,
  money: moneyKind,
  confirm: confirmKind,
  lookup: lookupKind,
  router: routerKind,
  submit: submitKind,
  follow: followKind,
  decline: declineKind,
  end: endKind,
};

/** The kind of a node, typed loosely so the engine can call it with the node it came from. */
export const kindOf = (node: FlowNode): NodeKind => nodeKinds[node.type] as unknown as NodeKind;
